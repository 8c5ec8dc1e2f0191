import Codecs

/// The encoded form of the annotated image.
public enum OutputFormat: Sendable, Equatable {
    case png(PNG.EncodeOptions)
    case jpeg(quality: Int)

    /// PNG unless the path ends in `.jpg`/`.jpeg` (any case).
    public static func forPath(_ path: String, png: PNG.EncodeOptions = .init(), jpegQuality: Int = 90) -> OutputFormat
    {
        let lower = path.lowercased()
        return lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") ? .jpeg(quality: jpegQuality) : .png(png)
    }
}
