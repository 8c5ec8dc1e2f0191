import CFreeType

/// Why a `TextRenderer` could not be created (measuring and drawing never throw).
public enum TextRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `ANOMARK_FONT_DIR` names folders (here always one) without a readable bundled font file.
    case fontNotFound(tried: [String])
    /// FreeType could not open or parse a font (`path` is the file, or `embedded DejaVuSans.ttf`); `code` is the
    /// FreeType error code.
    case fontLoadFailed(path: String, code: Int32)
    /// The font has no outlines (e.g. a bitmap-only font), so it cannot be drawn at arbitrary sizes.
    case fontNotScalable(path: String)
    /// A renderer was asked for with an empty font list.
    case noFonts
    /// A FreeType call failed while setting up the library; `code` is the FreeType error code.
    case freetype(operation: String, code: Int32)

    /// One line saying what is wrong, for `error: <font>: <problem>`.
    public var description: String {
        switch self {
        case .fontNotFound(let tried):
            return "font \(FontLocator.fontFileName) not found in \(tried.joined(separator: ", ")) "
                + "(named by \(FontLocator.environmentVariable); unset it to use the embedded copy)"
        case .fontLoadFailed(let path, let code):
            return "cannot load font \(path): \(TextRenderError.message(for: code))"
        case .fontNotScalable(let path):
            return "font \(path) has no outlines (bitmap-only fonts are not supported)"
        case .noFonts:
            return "no fonts given"
        case .freetype(let operation, let code):
            return "FreeType \(operation) failed: \(TextRenderError.message(for: code))"
        }
    }

    /// FreeType's message for an error code, e.g. "cannot open resource (FreeType error 0x01)".
    static func message(for code: Int32) -> String {
        let hex = String(code, radix: 16, uppercase: true)
        let number = "FreeType error 0x\(hex.count < 2 ? "0" + hex : hex)"
        guard let text = anomark_ft_error_message(code) else { return number }
        return "\(String(cString: text)) (\(number))"
    }
}
