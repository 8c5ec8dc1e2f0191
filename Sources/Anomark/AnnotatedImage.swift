import AnomarkKit
import Codecs
import Detections
import Raster
import TextRender

/// An annotated image: its pixels, what a user should be warned about, and the detection that was drawn.
public struct AnnotatedImage: Sendable {
    /// The annotated picture, upright (EXIF orientation applied), RGBA8.
    public var image: Pixmap
    /// Warnings as the CLI prints them (`warning: …`), e.g. mask colours no class lists or characters no font
    /// has; empty when there is nothing to say.
    public var warnings: [String]
    /// The result as read (format, verdict, classes, mask).
    public var detection: Detection

    init(_ annotation: Annotation, detection: Detection, imageName: String) {
        image = annotation.image
        var warnings = annotation.warnings
        if !annotation.missingCharacters.isEmpty {
            warnings.append(TextRenderer.missingGlyphWarning(for: annotation.missingCharacters, in: [imageName]))
        }
        self.warnings = warnings
        self.detection = detection
    }

    /// The image as PNG bytes, with `options` (the CLI's default: libdeflate at a level chosen by content,
    /// adaptive filter). The same pixels and options always give the same bytes: no timestamps or text chunks.
    public func pngData(options: PNG.EncodeOptions = .default) throws(AnomarkError) -> [UInt8] {
        try AnnotateJob.encode(image, format: .png(options), name: "image")
    }

    /// The image as JPEG bytes at `quality` (1…100; the CLI's default is 90).
    public func jpegData(quality: Int = 90) throws(AnomarkError) -> [UInt8] {
        try AnnotateJob.encode(image, format: .jpeg(quality: quality), name: "image")
    }
}
