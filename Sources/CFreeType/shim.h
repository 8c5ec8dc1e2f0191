#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_DRIVER_H
#include FT_GLYPH_H
#include FT_BITMAP_H
#include FT_TRUETYPE_TABLES_H

/* Swift cannot import function-like macros: re-export the ones we need as constants. */
static const FT_Int32 anomark_ft_load_default = FT_LOAD_DEFAULT;
static const FT_Int32 anomark_ft_load_target_light = FT_LOAD_TARGET_LIGHT;
static const FT_Int32 anomark_ft_load_target_normal = FT_LOAD_TARGET_NORMAL;
static const FT_Int32 anomark_ft_load_no_hinting = FT_LOAD_NO_HINTING;
static const FT_Int32 anomark_ft_load_render = FT_LOAD_RENDER;
static const FT_Int32 anomark_ft_load_no_bitmap = FT_LOAD_NO_BITMAP;
static const FT_Int32 anomark_ft_load_force_autohint = FT_LOAD_FORCE_AUTOHINT;
static inline int anomark_ft_has_kerning(FT_Face face) { return FT_HAS_KERNING(face) ? 1 : 0; }
