#include <fribidi.h>

/* FRIBIDI_PAR_LTR is built from macros Swift does not import. */
static const FriBidiParType anomark_fribidi_par_ltr = FRIBIDI_PAR_LTR;

/*
 * 1 when a character can reorder the text around it in a left-to-right line: strongly right to left (R, AL),
 * an Arabic number (AN), or an explicit embedding, override or isolate. FriBidi's tests are macros, which Swift
 * does not import.
 */
static inline int anomark_fribidi_may_reorder(FriBidiChar c) {
    FriBidiCharType t = fribidi_get_bidi_type(c);
    return (FRIBIDI_IS_RTL(t) || FRIBIDI_IS_ARABIC(t) || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t)) ? 1 : 0;
}
