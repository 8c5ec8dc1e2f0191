import AnomarkKit
import TextRender

/// The annotators the functions of this module share: one per `systemFonts` setting, created on first use.
///
/// A `TextRenderer` is thread-safe and caches glyphs, so sharing one is both correct and what makes repeated
/// calls cheap. Creating one can only fail when `ANOMARK_FONT_DIR` names a folder without the font; the
/// failure is kept and thrown again on every call rather than retried.
enum SharedRenderers {
    // Global `let`s are initialised once, lazily and thread-safely.
    private static let withSystemFonts = make(systemFonts: true)
    private static let bundledOnly = make(systemFonts: false)

    static func annotator(systemFonts: Bool) throws(AnomarkError) -> Annotator {
        try (systemFonts ? withSystemFonts : bundledOnly).get()
    }

    private static func make(systemFonts: Bool) -> Result<Annotator, AnomarkError> {
        do {
            let renderer = try TextRenderer(options: TextRendererOptions(systemFonts: systemFonts))
            return .success(Annotator(renderer: renderer))
        } catch {
            // The only way the bundled font can fail to load: ANOMARK_FONT_DIR names a folder without it.
            var file = FontLocator.environmentVariable
            if case .fontNotFound(let tried) = error, let first = tried.first { file = first }
            return .failure(AnomarkError(.inputMissing, file: file, error.description))
        }
    }
}
