// TextRender — FreeType text rendering onto a `Pixmap`: measuring, drawing, font fallback, middle ellipsis.
//
// Contract
// - Fonts. A `TextRenderer` holds an ordered list of scalable fonts: the user's fonts (`--font PATH`) first,
//   the bundled DejaVu Sans last (`FontLocator.bundledFont()`: compiled into the binary, so it is found wherever
//   the binary is; `ANOMARK_FONT_DIR` or the installed layout `<prefix>/share/anomark/fonts` may provide the file
//   instead — never a system font path). Each Unicode scalar is drawn with the first font whose character map
//   has it. When none has it, the LAST font's glyph 0 (the missing-glyph box) is drawn and one warning per
//   renderer is reported (`warnings`, `warningHandler`). Default-ignorable scalars (ZWJ, variation selectors, …)
//   are never drawn and take no space: without shaping they could only draw boxes.
// - Layout. One line, left to right, one glyph per scalar (no shaping, no bidi). The pen starts at the given x,
//   stays on whole pixels and advances by each glyph's hinted advance rounded to whole pixels, plus the font's
//   kerning (FT_Get_Kerning, FT_KERNING_DEFAULT, rounded) between two neighbours from the same font. Glyph
//   bitmaps are rendered at the pixel origin, so moving the text by one pixel moves every pixel by one.
// - Pixels. Glyphs are 8-bit grayscale anti-aliased coverage (FT_RENDER_MODE_NORMAL, linear, no gamma) painted
//   with `Pixmap.draw(CoverageMask…)`: source-over with alpha `color.a × coverage / 255`, clipped.
// - Fixed FreeType settings, immune to the environment. The library is built with FT_New_Library +
//   FT_Add_Default_Modules instead of FT_Init_FreeType, which is the only place that reads the
//   FREETYPE_PROPERTIES environment variable. Properties that could change glyphs are then set in code
//   (`FreeTypeProperties`): no stem darkening, TrueType interpreter v40, Adobe CFF/Type 1 hinting engine.
//   Glyphs load with FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP:
//   * LIGHT ("hintslight", the usual Linux desktop setting) hints vertically only, so glyph shapes and
//     advances stay close to the design and text measured at one size scales predictably. FreeType serves it
//     with the auto-hinter in light mode for TrueType fonts (DejaVu included) and with the Adobe engine for
//     CFF/Type 1, one consistent style for every font a user may add. NORMAL would instead run DejaVu's
//     bytecode and hint unhinted fonts horizontally too, distorting their advances.
//   * NO_BITMAP: embedded bitmap strikes (bi-level or colour) would not match the anti-aliased outlines.
//   Nothing else in FreeType consults the environment, so the same text and size give bit-identical pixels.
// - FreeType version. Written and verified against FreeType 2.12.1 (Debian bookworm `libfreetype6`). Other
//   versions render slightly different anti-aliasing or hinting, which golden images would notice;
//   `TextRenderer.freetypeVersion` reports the library actually loaded.
// - Sizes are pixel sizes (ppem). Values outside `TextRenderer.sizeRange` (1…1000) are clamped, not errors:
//   layout code derives sizes from image dimensions and a huge or tiny image should still get readable text.
// - Errors. Only creating a renderer throws (`TextRenderError`: font not found, unreadable, not scalable,
//   FreeType set-up failures). Measuring and drawing never throw: a glyph FreeType cannot render is replaced by
//   the missing-glyph box and reported once as a warning.
// - Caching and cost. Glyph bitmaps, advances, kerning pairs, character-to-glyph lookups and line metrics are
//   cached per font + size; text seen before costs no FreeType call, only dictionary look-ups per character.
//   The cache is emptied when it exceeds `RenderSettings.glyphCacheByteLimit` (output never depends on it).
// - Threads. `TextRenderer` is shared between threads: one lock guards every FreeType call and the cache.
//   Glyph bitmaps are immutable once cached, so painting into the caller's pixmap happens outside the lock.
import CFreeType

/// FreeType settings fixed in code (see the contract above for why each was chosen).
enum RenderSettings {
    /// Load flags for every glyph.
    static let loadFlags: Int32 = anomark_ft_load_target_light | anomark_ft_load_no_bitmap
    /// Pixel sizes accepted as they are; others are clamped into this range.
    static let sizeRange: ClosedRange<Int> = 1...1000
    /// Cached glyph bytes above which the glyph cache starts afresh (a 1000 px glyph is about 1 MB).
    static let glyphCacheByteLimit = 32 << 20
}
