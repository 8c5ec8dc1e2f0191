// TextRender — text in any script onto a `Pixmap`: FriBidi ordering, HarfBuzz shaping, font fallback down to
// fontconfig's installed fonts, FreeType glyphs; measuring, drawing, middle ellipsis.
//
// Contract
// - Fonts, in fallback order. A `TextRenderer` holds its own scalable fonts: the user's (`--font PATH`) first,
//   the bundled DejaVu Sans last (`FontLocator.bundledFont()`: compiled into the binary, so it is found wherever
//   the binary is; `ANOMARK_FONT_DIR` or the installed layout `<prefix>/share/anomark/fonts` may provide the file
//   instead). After them, unless `TextRendererOptions.systemFonts` is off (`--no-system-fonts`), comes
//   fontconfig's best installed font for a character none of them has (`SystemFonts`): family `sans-serif`, the
//   first scalable font of fontconfig's sorted list whose character set has it. fontconfig is set up only when
//   such a character first appears, so text the own fonts cover never loads its configuration.
// - Font per grapheme cluster (`FontSet.font(for:)`): the first font that has every scalar of the cluster (or
//   its NFC or NFD form, which HarfBuzz substitutes); default-ignorable scalars (ZWJ, variation selectors …) do
//   not count and go with their neighbours. A cluster no font has is drawn from the first font with its base
//   character, or else with the LAST own font's glyph 0, the missing-glyph box. Which font draws a cluster
//   depends only on the cluster, never on text seen before.
// - Missing characters. Every scalar drawn as a box is remembered: `missingCharacters` (the whole run),
//   `missingCharacters(in:)` (one text, e.g. one image's panel), and `warnings` lists them all in ONE line
//   (`missingGlyphWarning`, which can name the images they were in).
// - Layout (`ItemizedText`, `Shaper`). One line, laid out as a left-to-right paragraph (the panel's labels are
//   English): FriBidi's embedding levels (UAX #9, brackets included) cut it into directional runs, the script
//   (Common and Inherited characters join their neighbours) and the font per cluster cut those further. Each run
//   is shaped by HarfBuzz with the whole line as context and the font's default features (kerning, ligatures,
//   contextual and positional forms, mark attachment, Indic reordering); runs are then placed left to right in
//   visual order (rule L2). No language is set, so the locale cannot change the glyphs.
// - HarfBuzz and FreeType. HarfBuzz reads each font through FreeType (`hb_ft_font_create_referenced`, glyphs
//   loaded with the flags below), one HarfBuzz font per face and size. hb-ft's advances would be FreeType's
//   unhinted ones (`FT_Get_Advance` takes a fast, unhinted path for LIGHT), so a sub-font overrides them with the
//   hinted advance of the glyph as rendered (`FontFace.harfBuzzFont(size:)`); kerning and mark offsets come on
//   top from GPOS.
// - Whole pixels. Each glyph's advance and offset from HarfBuzz (26.6) is rounded to whole pixels on its own,
//   halves up, and the pen adds up the rounded advances from the given x, so every glyph origin is a whole
//   pixel and glyph bitmaps are rendered at the pixel origin: moving the text by one pixel moves every pixel by
//   one. (Compared with the FreeType-only renderer this replaced, Latin text differs only where HarfBuzz applies
//   the font's ligatures — DejaVu's "fi" — and where kerning below 25 px is no longer damped as FT_Get_Kerning
//   did.) Vertical metrics are the largest over the own fonts, so a line's height never depends on its text or
//   on the system fonts it needed.
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
// - Versions. Written and verified against FreeType 2.12.1, HarfBuzz 6.0.0, FriBidi 1.0.8 and fontconfig 2.14.1
//   (Debian bookworm). Other versions may rasterise, hint or shape slightly differently, which golden images
//   would notice; `TextRenderer.freetypeVersion` and `.harfBuzzVersion` report the libraries actually loaded.
//   Golden images use only fonts in the repository: tests turn system fonts off, or point fontconfig at
//   `fonts/subsets` (`TextRendererOptions.fontDirectories`).
// - Sizes are pixel sizes (ppem). Values outside `TextRenderer.sizeRange` (1…1000) are clamped, not errors:
//   layout code derives sizes from image dimensions and a huge or tiny image should still get readable text.
// - Errors. Only creating a renderer throws (`TextRenderError`: font not found, unreadable, not scalable,
//   FreeType set-up failures). Measuring and drawing never throw: a glyph FreeType cannot render is replaced by
//   the missing-glyph box and reported once as a warning; a fontconfig that cannot be loaded, or a system font
//   FreeType cannot open, is a warning too, and those characters become boxes.
// - Caching and cost. Per text: its itemisation (runs, fonts, missing characters); per text and size: the
//   laid-out line; per font and size: glyph bitmaps, hinted advances and line metrics; per character: its font.
//   Text seen before costs one dictionary look-up and no FreeType, HarfBuzz or fontconfig call. The glyph
//   bitmaps are dropped past `RenderSettings.glyphCacheByteLimit`, texts and lines past
//   `RenderSettings.textCacheEntryLimit` entries (output never depends on the cache).
// - Threads. `TextRenderer` is shared between threads: one lock guards every FreeType, HarfBuzz, FriBidi and
//   fontconfig call and the caches. Laid-out lines are immutable once cached, so painting into the caller's
//   pixmap happens outside the lock.
import CFreeType

/// FreeType settings fixed in code (see the contract above for why each was chosen).
enum RenderSettings {
    /// Load flags for every glyph.
    static let loadFlags: Int32 = anomark_ft_load_target_light | anomark_ft_load_no_bitmap
    /// Pixel sizes accepted as they are; others are clamped into this range.
    static let sizeRange: ClosedRange<Int> = 1...1000
    /// Cached glyph bytes above which the glyph cache starts afresh (a 1000 px glyph is about 1 MB).
    static let glyphCacheByteLimit = 32 << 20
    /// Itemised texts, and laid-out lines, above which that cache starts afresh.
    static let textCacheEntryLimit = 4096
}
