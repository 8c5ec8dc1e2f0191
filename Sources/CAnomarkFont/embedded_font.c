/*
 * fonts/DejaVuSans.ttf, assembled into the read-only data of the binary with `.incbin`.
 *
 * Why this way:
 * - The font stays where the design card puts it, `fonts/DejaVuSans.ttf`: no copy, no generated C array
 *   (4 MB of source that would have to be kept in step with the font), no Swift array literal (slow to
 *   compile), no `Bundle.module` (its Linux accessor traps when the resource folder is not beside the binary).
 * - `.incbin "DejaVuSans.ttf"` is resolved by the assembler through the compiler's include path. Package.swift
 *   gives this target `headerSearchPath("../../fonts")`, an ordinary (safe) C setting, so a consumer package
 *   that depends on Anomark builds it too. Clang passes -I paths to its integrated assembler, and so does GCC
 *   to GNU as.
 * - The cost: the build system does not see the font as an input of this file (the include path is searched
 *   by the assembler, after dependency scanning), so replacing fonts/DejaVuSans.ttf needs a clean build or a
 *   touch of this file. The font changes once in years; the test `embeddedFontIsTheRepositoryCopy` fails
 *   when the two differ.
 */
#include "anomark_font.h"

#if defined(__APPLE__)
/* Mach-O: C names carry a leading underscore; no .type/.size. (Not built on this project's CI.) */
#define ANOMARK_ASM_BEGIN ".const_data\n"
#define ANOMARK_ASM_LABEL(name) "_" #name ":\n"
#define ANOMARK_ASM_END ".text\n"
#else
/* ELF: local symbols in .rodata; the section in use before is restored afterwards. */
#define ANOMARK_ASM_BEGIN ".pushsection .rodata\n"
#define ANOMARK_ASM_LABEL(name) ".type " #name ", @object\n" #name ":\n"
#define ANOMARK_ASM_END ".popsection\n"
#endif

__asm__(ANOMARK_ASM_BEGIN
        ".balign 16\n"
        ANOMARK_ASM_LABEL(anomark_embedded_font_start)
        ".incbin \"DejaVuSans.ttf\"\n"
        ANOMARK_ASM_LABEL(anomark_embedded_font_end)
        ".byte 0\n"
        ANOMARK_ASM_END);

/* Defined by the block above, in this object file: hidden, so the compiler addresses them directly. */
extern const unsigned char anomark_embedded_font_start[] __attribute__((visibility("hidden")));
extern const unsigned char anomark_embedded_font_end[] __attribute__((visibility("hidden")));

const unsigned char *anomark_embedded_font_data(void) { return anomark_embedded_font_start; }

size_t anomark_embedded_font_size(void) {
    return (size_t)(anomark_embedded_font_end - anomark_embedded_font_start);
}
