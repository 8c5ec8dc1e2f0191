/// Image formats recognised by their magic bytes.
public enum ImageFormat: String, Sendable, Equatable, CustomStringConvertible {
    case png = "PNG"
    case jpeg = "JPEG"
    /// An uncompressed Windows bitmap (see `BMP` for what is decoded).
    case bmp = "BMP"

    /// `PNG`, `JPEG` or `BMP`.
    public var description: String { rawValue }

    /// The format of `bytes` from its first bytes, or `DecodeError.unsupportedFormat` naming what was
    /// found (GIF, WebP, TIFF, …), `.empty` for no bytes. File names are never consulted.
    public static func sniff(_ bytes: some Collection<UInt8>) throws(DecodeError) -> ImageFormat {
        let head = Array(bytes.prefix(16))
        if head.isEmpty { throw .empty }
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        // "BM" alone is two letters of text; a bitmap's info header size (bytes 14…17) is 40 or more.
        if starts([0x42, 0x4D]) && head.count >= 16 && head[14] >= 12 && head[15] == 0 { return .bmp }
        throw .unsupportedFormat(found: describeUnknown(head))
    }

    /// Printable ASCII or valid UTF-8 (a multi-byte sequence cut off at the end of `head` is allowed).
    static func looksLikeText(_ head: [UInt8]) -> Bool {
        var i = 0
        while i < head.count {
            let b = head[i]
            if b == 9 || b == 10 || b == 13 || (0x20...0x7E).contains(b) {
                i += 1
                continue
            }
            let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0
            if length == 0 { return false }
            for k in 1..<length where i + k < head.count {
                if head[i + k] & 0xC0 != 0x80 { return false }
            }
            i += length
        }
        return true
    }

    static func describeUnknown(_ head: [UInt8]) -> String {
        func starts(_ s: String) -> Bool { head.starts(with: Array(s.utf8)) }
        if starts("GIF87a") || starts("GIF89a") { return "GIF" }
        if starts("RIFF") && head.count >= 12 && Array(head[8..<12]) == Array("WEBP".utf8) { return "WebP" }
        if starts("BM") { return "damaged BMP header" }
        if starts("II*\u{0}") || starts("MM\u{0}*") { return "TIFF" }
        if head.count >= 12 && Array(head[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            return ["avif", "avis"].contains(brand) ? "AVIF" : "HEIF/ISO media (\(brand))"
        }
        if starts("%PDF") { return "PDF" }
        if starts("\u{0}\u{0}\u{1}\u{0}") { return "ICO" }
        if head.count >= 2 && head[0] == 0x89 && head[1] == 0x50 { return "damaged PNG signature" }
        if head.count >= 2 && head[0] == 0xFF && head[1] == 0xD8 { return "damaged JPEG signature" }
        if looksLikeText(head) { return head.first == UInt8(ascii: "{") ? "JSON text" : "text" }
        let hex = head.prefix(8).map { b in
            let d = Array("0123456789abcdef".utf8)
            return String(decoding: [d[Int(b >> 4)], d[Int(b & 15)]], as: UTF8.self)
        }
        return "unknown data (starts \(hex.joined(separator: " ")))"
    }
}
