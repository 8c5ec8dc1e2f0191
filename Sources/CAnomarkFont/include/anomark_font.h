#ifndef ANOMARK_FONT_H
#define ANOMARK_FONT_H

#include <stddef.h>

/*
 * The bundled font (fonts/DejaVuSans.ttf, DejaVu Sans 2.37) compiled into the binary.
 *
 * The bytes are read-only, live as long as the process and are never freed: hand them to
 * FT_New_Memory_Face as they are. See embedded_font.c for how the file gets in.
 */

/* First byte of DejaVuSans.ttf. */
const unsigned char *anomark_embedded_font_data(void);

/* Its size in bytes. */
size_t anomark_embedded_font_size(void);

#endif
