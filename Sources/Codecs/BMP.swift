import Raster

/// Uncompressed Windows bitmaps (`BM`), as the Defect Detection Application's own test captures store their
/// photos (under a `.jpg` name): 24-bit BGR and 32-bit BGRX/BGRA, bottom-up or top-down rows.
///
/// Read in pure Swift (no C library), defensively: every size in the headers is checked against the byte count
/// and the `DecodeLimits` before the pixel buffer is allocated, so a hostile header costs nothing. Anything
/// else — RLE or bit-field compression other than the plain 32-bit layout, palettes (1/4/8-bit), 16-bit —
/// is refused with `DecodeError.unsupportedColorSpace` naming what the file holds. A 32-bit image whose alpha
/// bytes are all zero (the usual BGRX) is opaque; otherwise the fourth byte is its alpha.
public enum BMP {
    /// The headers' facts a decoder needs.
    public struct Header: Sendable, Equatable {
        /// Columns.
        public var width: Int
        /// Rows.
        public var height: Int
        /// 24 or 32.
        public var bitsPerPixel: Int
        /// True when the first stored row is the top one (negative height in the file).
        public var topDown: Bool
        /// Where the pixel rows start.
        public var pixelOffset: Int
    }

    /// `BITMAPFILEHEADER` (14 bytes) + the size field of the info header.
    static let fileHeaderBytes = 14

    /// Reads and checks the headers (not the pixels).
    public static func header(_ bytes: [UInt8]) throws(DecodeError) -> Header {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func s32(_ at: Int) -> Int { Int(Int32(bitPattern: UInt32(u32(at)))) }
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "B"), bytes[1] == UInt8(ascii: "M") else {
            throw .corrupt(format: .bmp, message: "no BM signature")
        }
        guard bytes.count >= fileHeaderBytes + 4 else {
            throw .truncated(format: .bmp, message: "\(bytes.count) bytes, shorter than the headers")
        }
        let infoSize = u32(fileHeaderBytes)
        // OS/2 1.x headers (12 bytes) have 16-bit sizes; every writer of this century uses 40 bytes or more.
        guard infoSize >= 40 else {
            throw .unsupportedColorSpace(format: .bmp, detail: "a \(infoSize)-byte info header (OS/2 bitmap)")
        }
        guard bytes.count >= fileHeaderBytes + 40 else {
            throw .truncated(format: .bmp, message: "\(bytes.count) bytes, shorter than the headers")
        }
        let width = s32(18)
        let rawHeight = s32(22)
        let planes = u16(26)
        let bits = u16(28)
        let compression = u32(30)
        guard planes == 1 else { throw .corrupt(format: .bmp, message: "\(planes) colour planes (expected 1)") }
        guard bits == 24 || bits == 32 else {
            throw .unsupportedColorSpace(
                format: .bmp, detail: "\(bits) bits per pixel (only uncompressed 24- and 32-bit are decoded)")
        }
        // 0 = BI_RGB; 3 = BI_BITFIELDS and 6 = BI_ALPHABITFIELDS are accepted only with the plain BGRA masks.
        if compression == 3 || compression == 6 {
            let masks = infoSize >= 52 || compression == 3 ? (0..<3).map { fileHeaderBytes + 40 + 4 * $0 } : []
            guard bits == 32, bytes.count >= fileHeaderBytes + 40 + 12,
                masks.map(u32) == [0x00FF_0000, 0x0000_FF00, 0x0000_00FF]
            else {
                throw .unsupportedColorSpace(format: .bmp, detail: "bit-field masks other than BGRA")
            }
        } else if compression != 0 {
            let names = [1: "RLE8", 2: "RLE4", 4: "JPEG", 5: "PNG"]
            throw .unsupportedColorSpace(
                format: .bmp, detail: "\(names[compression] ?? "compression \(compression)") (only uncompressed)")
        }
        let topDown = rawHeight < 0
        let height = topDown ? -rawHeight : rawHeight
        let header = Header(width: width, height: height, bitsPerPixel: bits, topDown: topDown, pixelOffset: u32(10))
        return header
    }

    /// Decodes an uncompressed 24/32-bit bitmap to RGBA8, top row first.
    public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .init()) throws(DecodeError) -> Pixmap {
        let head = try header(bytes)
        try limits.check(.bmp, width: head.width, height: head.height)
        let bytesPerPixel = head.bitsPerPixel / 8
        // Rows are padded to 4 bytes. Width and height are bounded by the limits (≤ 2³²), so no overflow.
        let rowBytes = (head.width * bytesPerPixel + 3) & ~3
        let (needed, overflow) = rowBytes.multipliedReportingOverflow(by: head.height)
        guard head.pixelOffset >= fileHeaderBytes + 40, !overflow, head.pixelOffset <= bytes.count,
            needed <= bytes.count - head.pixelOffset
        else {
            throw .truncated(
                format: .bmp,
                message: "\(head.width)×\(head.height) pixels need \(needed) bytes from offset \(head.pixelOffset), "
                    + "the file has \(bytes.count) bytes")
        }
        var pixels = [UInt8](repeating: 255, count: head.width * head.height * 4)
        var anyAlpha = false
        bytes.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                for row in 0..<head.height {
                    let stored = head.topDown ? row : head.height - 1 - row
                    var s = head.pixelOffset + stored * rowBytes
                    var d = row * head.width * 4
                    for _ in 0..<head.width {
                        dst[d] = src[s + 2]
                        dst[d + 1] = src[s + 1]
                        dst[d + 2] = src[s]
                        if bytesPerPixel == 4 {
                            dst[d + 3] = src[s + 3]
                            anyAlpha = anyAlpha || src[s + 3] != 0
                        }
                        s += bytesPerPixel
                        d += 4
                    }
                }
                // BGRX writers leave the fourth byte zero: such an image is opaque, not invisible.
                if bytesPerPixel == 4 && !anyAlpha {
                    var i = 3
                    while i < dst.count {
                        dst[i] = 255
                        i += 4
                    }
                }
            }
        }
        return Pixmap(width: head.width, height: head.height, pixels: pixels)
    }
}
