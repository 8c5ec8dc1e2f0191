#include <fribidi.h>

/* FRIBIDI_PAR_LTR is built from macros Swift does not import. */
static const FriBidiParType anomark_fribidi_par_ltr = FRIBIDI_PAR_LTR;
