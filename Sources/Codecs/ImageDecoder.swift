import Raster

/// A decoded image with what was learnt about it on the way.
public struct DecodedImage: Sendable {
    /// The pixels as stored in the file (not yet turned upright).
    public var pixmap: Pixmap
    /// The file's format, from its magic bytes.
    public var format: ImageFormat
    /// The EXIF orientation (JPEG only; `.up` when absent).
    public var orientation: Orientation
    /// The libjpeg warnings a lenient JPEG decode passed over (truncated or corrupt data drawn grey); 0 for
    /// PNG, BMP and every strict decode, where such a file throws.
    public var jpegWarnings: Int = 0

    /// The image turned upright according to `orientation`.
    public var upright: Pixmap { pixmap.applying(orientation) }
}

/// Sniffs the format and decodes PNG, JPEG or uncompressed BMP.
public enum ImageDecoder {
    /// Decodes `bytes` as PNG, JPEG or BMP (chosen by magic bytes, whatever the file is called). Other formats throw
    /// `DecodeError.unsupportedFormat` naming what was found.
    public static func decode(
        _ bytes: [UInt8], limits: DecodeLimits = .init(), lenientJPEG: Bool = false
    ) throws(DecodeError) -> DecodedImage {
        switch try ImageFormat.sniff(bytes) {
        case .png:
            return DecodedImage(pixmap: try PNG.decode(bytes, limits: limits), format: .png, orientation: .up)
        case .jpeg:
            let (pixmap, warnings) = try JPEG.decodeCountingWarnings(
                bytes, options: .init(limits: limits, lenient: lenientJPEG))
            return DecodedImage(
                pixmap: pixmap, format: .jpeg, orientation: EXIF.orientation(jpeg: bytes) ?? .up, jpegWarnings: warnings
            )
        case .bmp:
            return DecodedImage(pixmap: try BMP.decode(bytes, limits: limits), format: .bmp, orientation: .up)
        }
    }
}
