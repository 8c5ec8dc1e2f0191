import Raster
import Testing

@testable import Codecs

/// Uncompressed BMP: files written by another program (ImageMagick) decode to that program's pixels; hand-made
/// headers cover top-down rows, BGRX and everything refused.
@Suite("BMP")
struct BMPTests {
    @Test("ImageMagick's 24-bit bottom-up BMP (odd width: padded rows) gives its PNG's pixels")
    func imageMagick24() throws {
        let bytes = try Fixtures.bytes("magick-24bit.bmp")
        #expect(try ImageFormat.sniff(bytes) == .bmp)
        let image = try ImageDecoder.decode(bytes)
        #expect(image.format == .bmp)
        #expect(image.pixmap == (try PNG.decode(Fixtures.bytes("magick.reference.png"))))
    }

    @Test("ImageMagick's 32-bit BMP (V5 header, BGRA bit fields, alpha) gives its PNG's pixels")
    func imageMagick32() throws {
        let image = try BMP.decode(Fixtures.bytes("magick-32bit.bmp"))
        #expect(image == (try PNG.decode(Fixtures.bytes("magick-32bit.reference.png"))))
        #expect(image[0, 0].a == 128)
    }

    /// A 2×2 bitmap: rows as stored, `bits` 24 or 32, negative height for top-down.
    static func bitmap(bits: Int, height: Int32, rows: [[UInt8]], compression: UInt32 = 0) -> [UInt8] {
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let pixels = rows.flatMap { $0 + [UInt8](repeating: 0, count: (4 - $0.count % 4) % 4) }
        var out: [UInt8] = Array("BM".utf8) + le32(UInt32(54 + pixels.count)) + le32(0) + le32(54)
        out += le32(40) + le32(2) + le32(UInt32(bitPattern: height)) + [1, 0, UInt8(bits), 0] + le32(compression)
        out += le32(UInt32(pixels.count)) + le32(2835) + le32(2835) + le32(0) + le32(0)
        return out + pixels
    }

    @Test("top-down and bottom-up rows land the same way up; BGRX with zero fourth bytes is opaque")
    func rowOrderAndBGRX() throws {
        let red: [UInt8] = [0, 0, 255, 0]
        let blue: [UInt8] = [255, 0, 0, 0]
        let top = try BMP.decode(Self.bitmap(bits: 32, height: -2, rows: [red + red, blue + blue]))
        let bottom = try BMP.decode(Self.bitmap(bits: 32, height: 2, rows: [blue + blue, red + red]))
        #expect(top == bottom)
        #expect(top[0, 0] == Color(r: 255, g: 0, b: 0))
        #expect(top[1, 1] == Color(r: 0, g: 0, b: 255))
    }

    @Test("refused before allocating: too many pixels, rows beyond the file, palettes, RLE")
    func refusals() {
        let row: [UInt8] = [1, 2, 3, 4, 5, 6]
        var huge = Self.bitmap(bits: 24, height: 2, rows: [row, row])
        huge.replaceSubrange(18..<22, with: [0xFF, 0xFF, 0xFF, 0x7F])  // width 2³¹ - 1
        #expect(throws: DecodeError.tooLarge(width: 0x7FFF_FFFF, height: 2, maxPixels: 100_000_000)) {
            try BMP.decode(huge)
        }
        let short = Array(Self.bitmap(bits: 24, height: 2, rows: [row, row]).dropLast(3))
        #expect {
            try BMP.decode(short)
        } throws: { ($0 as? DecodeError).map { if case .truncated(.bmp, _) = $0 { true } else { false } } ?? false }
        for (bits, compression): (Int, UInt32) in [(8, 0), (24, 1)] {
            #expect {
                try ImageDecoder.decode(Self.bitmap(bits: bits, height: 2, rows: [row, row], compression: compression))
            } throws: {
                guard case .unsupportedColorSpace(.bmp, _)? = $0 as? DecodeError else { return false }
                return true
            }
        }
    }
}
