import CAnomarkShim
import Raster

/// JPEG decoding and encoding (libjpeg-turbo, behind the C shim).
public enum JPEG {
    /// The colour space stored in the file.
    public enum ColorSpace: String, Sendable, Equatable {
        case grayscale, rgb, ycbcr, cmyk, ycck, other
    }

    /// What the header says, read without decoding pixels.
    public struct Header: Sendable, Equatable {
        /// Width in pixels, as SOF declares it.
        public var width: Int
        /// Height in pixels, as SOF declares it.
        public var height: Int
        /// Number of colour components (1, 3 or 4).
        public var components: Int
        /// The stored colour space, as libjpeg reads it.
        public var colorSpace: ColorSpace
        /// Progressive (multi-scan) rather than baseline.
        public var progressive: Bool
        /// An Adobe APP14 marker is present (CMYK then stored inverted, as Photoshop writes it).
        public var adobeMarker: Bool
    }

    /// Decoder settings.
    public struct DecodeOptions: Sendable, Equatable {
        /// Size limits checked against the header before any pixel buffer is allocated.
        public var limits: DecodeLimits
        /// Accept truncated or corrupt data that libjpeg can pad over (it only warns). Default false:
        /// such a file is an error.
        public var lenient: Bool

        /// Settings: default limits, strict decoding.
        public init(limits: DecodeLimits = .init(), lenient: Bool = false) {
            self.limits = limits
            self.lenient = lenient
        }
    }

    /// Reads the header (through SOF) without decoding pixels.
    public static func header(_ bytes: [UInt8]) throws(DecodeError) -> Header {
        if bytes.isEmpty { throw .empty }
        var info = anomark_jpeg_info_t()
        let (status, message) = bytes.withUnsafeBufferPointer { p in
            withShimError { anomark_jpeg_info(p.baseAddress, p.count, &info, $0) }
        }
        try check(status, message)
        let space: ColorSpace
        switch Int32(info.color_space) {
        case ANOMARK_JPEG_GRAY: space = .grayscale
        case ANOMARK_JPEG_RGB: space = .rgb
        case ANOMARK_JPEG_YCBCR: space = .ycbcr
        case ANOMARK_JPEG_CMYK: space = .cmyk
        case ANOMARK_JPEG_YCCK: space = .ycck
        default: space = .other
        }
        return Header(
            width: Int(info.width), height: Int(info.height), components: Int(info.components), colorSpace: space,
            progressive: info.progressive != 0, adobeMarker: info.adobe_inverted != 0)
    }

    /// Decodes baseline or progressive JPEG — greyscale, YCbCr with any chroma subsampling, RGB,
    /// CMYK/YCCK (Adobe-inverted too) — to opaque RGBA8. The pixel count is checked against the limits
    /// before allocating. Truncated or corrupt data throws unless `options.lenient`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = .init()) throws(DecodeError) -> Pixmap {
        try decodeCountingWarnings(bytes, options: options).pixmap
    }

    /// `decode`, also returning how many libjpeg warnings (corrupt data, premature end of file) a lenient decode
    /// passed over — each a gap libjpeg filled with grey. Always 0 when not `options.lenient` (a warning throws).
    public static func decodeCountingWarnings(
        _ bytes: [UInt8], options: DecodeOptions = .init()
    ) throws(DecodeError) -> (pixmap: Pixmap, warnings: Int) {
        let head = try header(bytes)
        try options.limits.check(.jpeg, width: head.width, height: head.height)
        if head.colorSpace == .other {
            throw .unsupportedColorSpace(format: .jpeg, detail: "\(head.components) components")
        }
        var result: (status: Int32, message: String) = (0, "")
        var warnings: Int32 = 0
        let image = bytes.withUnsafeBufferPointer { src in
            Pixmap(width: head.width, height: head.height) { dst in
                result = withShimError {
                    anomark_jpeg_decode_rgba(
                        src.baseAddress, src.count, dst.baseAddress, dst.count, UInt32(head.width),
                        UInt32(head.height), options.lenient ? 0 : 1, &warnings, $0)
                }
                if result.status != ANOMARK_OK { dst.update(repeating: 0) }
            }
        }
        try check(result.status, result.message)
        return (image, Int(warnings))
    }

    static func check(_ status: Int32, _ message: String) throws(DecodeError) {
        try checkShimStatus(status, message, format: .jpeg, library: "libjpeg")
    }

    /// Encodes `image` as a baseline JPEG (alpha is ignored; 4:2:0 subsampling) at `quality` 1…100.
    public static func encode(_ image: Pixmap, quality: Int = 90) throws(EncodeError) -> [UInt8] {
        guard (1...100).contains(quality) else { throw .invalidOption("JPEG quality \(quality) is not in 1...100") }
        guard image.width > 0, image.height > 0, image.width <= 65500, image.height <= 65500 else {
            throw .unsupportedSize(format: .jpeg, width: image.width, height: image.height)
        }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let (status, message) = image.pixels.withUnsafeBufferPointer { p in
            withShimError {
                anomark_jpeg_encode_rgba(
                    p.baseAddress, UInt32(image.width), UInt32(image.height), Int32(quality), &out, &length, $0)
            }
        }
        let bytes = takeShimBuffer(out, length)
        switch status {
        case ANOMARK_OK: return bytes
        case ANOMARK_E_NOMEM: throw .outOfMemory
        default: throw .library(format: .jpeg, message: message)
        }
    }
}
