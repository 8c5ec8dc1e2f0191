#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_DRIVER_H
#include FT_GLYPH_H
#include FT_BITMAP_H
#include FT_TRUETYPE_TABLES_H

#include <stdlib.h>

/* Swift cannot import function-like macros: re-export the ones we need as constants. */
static const FT_Int32 anomark_ft_load_default = FT_LOAD_DEFAULT;
static const FT_Int32 anomark_ft_load_target_light = FT_LOAD_TARGET_LIGHT;
static const FT_Int32 anomark_ft_load_target_normal = FT_LOAD_TARGET_NORMAL;
static const FT_Int32 anomark_ft_load_no_hinting = FT_LOAD_NO_HINTING;
static const FT_Int32 anomark_ft_load_render = FT_LOAD_RENDER;
static const FT_Int32 anomark_ft_load_no_bitmap = FT_LOAD_NO_BITMAP;
static const FT_Int32 anomark_ft_load_force_autohint = FT_LOAD_FORCE_AUTOHINT;
static inline int anomark_ft_has_kerning(FT_Face face) { return FT_HAS_KERNING(face) ? 1 : 0; }
static inline int anomark_ft_is_scalable(FT_Face face) { return FT_IS_SCALABLE(face) ? 1 : 0; }

/*
 * A malloc-backed FT_Memory, identical to the one FT_Init_FreeType uses (ftsystem.c).
 * Needed because TextRender builds its library with FT_New_Library + FT_Add_Default_Modules, so that
 * the FREETYPE_PROPERTIES environment variable (read only by FT_Init_FreeType) has no effect, and
 * FT_New_Memory is not exported by the shared library.
 */
static inline void *anomark_ft_alloc(FT_Memory memory, long size) {
    (void)memory;
    return malloc((size_t)size);
}

static inline void anomark_ft_free(FT_Memory memory, void *block) {
    (void)memory;
    free(block);
}

static inline void *anomark_ft_realloc(FT_Memory memory, long cur_size, long new_size, void *block) {
    (void)memory;
    (void)cur_size;
    return realloc(block, (size_t)new_size);
}

/* A new memory manager (NULL when out of memory); release it with anomark_ft_memory_free after FT_Done_Library. */
static inline FT_Memory anomark_ft_memory_new(void) {
    FT_Memory memory = (FT_Memory)malloc(sizeof(*memory));
    if (memory) {
        memory->user = NULL;
        memory->alloc = anomark_ft_alloc;
        memory->free = anomark_ft_free;
        memory->realloc = anomark_ft_realloc;
    }
    return memory;
}

static inline void anomark_ft_memory_free(FT_Memory memory) { free(memory); }

/*
 * FreeType's own message for an error code (NULL when unknown). FT_Error_String returns NULL in builds
 * without FT_CONFIG_OPTION_ERROR_STRINGS (Debian's), so the table is generated here with the macro trick
 * documented in fterrors.h.
 */
static inline const char *anomark_ft_error_message(int error_code) {
#undef FTERRORS_H_
#define FT_ERRORDEF(e, v, s) \
    case v:                  \
        return s;
#define FT_ERROR_START_LIST switch (error_code) {
#define FT_ERROR_END_LIST }
#include FT_ERRORS_H
    return NULL;
}
