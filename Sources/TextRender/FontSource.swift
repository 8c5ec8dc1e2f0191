import CAnomarkFont

/// Where a font of a `TextRenderer` comes from.
public enum FontSource: Sendable, Hashable, CustomStringConvertible {
    /// A font file FreeType can open (TrueType, OpenType/CFF, Type 1 …; the first face of a collection).
    case file(String)
    /// DejaVu Sans 2.37 (`fonts/DejaVuSans.ttf` of the source tree), compiled into the binary.
    case embedded

    /// The path, or `embedded DejaVuSans.ttf`.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .embedded: return "embedded \(FontLocator.fontFileName)"
        }
    }
}

/// The bytes of the embedded font, for FreeType and for the test that compares them with `fonts/`.
enum EmbeddedFont {
    static var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: anomark_embedded_font_data(), count: anomark_embedded_font_size())
    }
}
