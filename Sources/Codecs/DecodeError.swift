/// Why an image could not be decoded. `description` is one short readable line.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input has no bytes.
    case empty
    /// The bytes are not PNG or JPEG; `found` names what they look like (e.g. "GIF", "text").
    case unsupportedFormat(found: String)
    /// The header claims more pixels than allowed.
    case tooLarge(width: Int, height: Int, maxPixels: Int)
    /// The header claims an empty image.
    case emptyImage(format: ImageFormat, width: Int, height: Int)
    /// The data ends before the image does.
    case truncated(format: ImageFormat, message: String)
    /// The library rejected the data (bad CRC, corrupt stream, bad header…): its own message.
    case corrupt(format: ImageFormat, message: String)
    /// The colour space is one we do not decode.
    case unsupportedColorSpace(format: ImageFormat, detail: String)
    /// Memory could not be allocated.
    case outOfMemory

    /// One line saying what is wrong, for `error: <file>: <problem>`.
    public var description: String {
        switch self {
        case .empty:
            return "empty file"
        case .unsupportedFormat(let found):
            return "unsupported image format: \(found) (supported: PNG, JPEG, uncompressed BMP)"
        case .tooLarge(let w, let h, let limit):
            let (pixels, overflow) = w.multipliedReportingOverflow(by: h)
            let count = overflow ? "more than \(Int.max)" : "\(pixels)"
            return "image is \(w)×\(h) = \(count) pixels, more than the limit of \(limit) pixels"
        case .emptyImage(let f, let w, let h):
            return "\(f) header claims an empty \(w)×\(h) image"
        case .truncated(let f, let m):
            return "truncated \(f): \(m)"
        case .corrupt(let f, let m):
            return "corrupt \(f): \(m)"
        case .unsupportedColorSpace(let f, let d):
            return "unsupported \(f) colour space: \(d)"
        case .outOfMemory:
            return "out of memory"
        }
    }
}

/// Why an image could not be encoded.
public enum EncodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The format cannot store an image of this size (e.g. 0 pixels, or JPEG over 65500 px a side).
    case unsupportedSize(format: ImageFormat, width: Int, height: Int)
    /// An option is out of range.
    case invalidOption(String)
    /// The library reported an error: its own message.
    case library(format: ImageFormat, message: String)
    /// Memory could not be allocated.
    case outOfMemory

    /// One line saying what is wrong, for `error: <file>: <problem>`.
    public var description: String {
        switch self {
        case .unsupportedSize(let f, let w, let h): return "\(f) cannot store a \(w)×\(h) image"
        case .invalidOption(let m): return "invalid encoder option: \(m)"
        case .library(let f, let m): return "\(f) encoder: \(m)"
        case .outOfMemory: return "out of memory"
        }
    }
}

/// Limits checked before allocating pixels.
public struct DecodeLimits: Sendable, Equatable {
    /// Largest `width × height` accepted. Default 100 megapixels (400 MB of RGBA). Values above
    /// `largestMaxPixels` act as `largestMaxPixels`.
    public var maxPixels: Int

    /// The ceiling on `maxPixels`: 2³² pixels (16 GiB of RGBA, every JPEG size there is). Beyond it a pixel
    /// buffer could not be allocated anyway, and sizes stay far from overflowing `Int`.
    public static let largestMaxPixels = 1 << 32

    /// Limits allowing up to `maxPixels` pixels (default 100 megapixels).
    public init(maxPixels: Int = 100_000_000) { self.maxPixels = maxPixels }

    /// `maxPixels` within `0...largestMaxPixels`: the limit actually applied.
    public var effectiveMaxPixels: Int { min(max(maxPixels, 0), Self.largestMaxPixels) }

    /// Throws `.tooLarge` or `.emptyImage` for header dimensions outside the limits.
    func check(_ format: ImageFormat, width: Int, height: Int) throws(DecodeError) {
        if width <= 0 || height <= 0 { throw .emptyImage(format: format, width: width, height: height) }
        let limit = effectiveMaxPixels
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || count > limit { throw .tooLarge(width: width, height: height, maxPixels: limit) }
    }
}
