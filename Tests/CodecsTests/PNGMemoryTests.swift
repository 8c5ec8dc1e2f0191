import Raster
import Testing

@testable import Codecs

/// libpng's memory while reading hostile files, measured by the shim's own allocator (it counts every byte libpng
/// allocates), so these checks are deterministic and hold under AddressSanitizer too.
@Suite("PNG decoder memory")
struct PNGMemoryTests {
    /// A valid 8×8 RGB PNG with `extra` inserted after IHDR.
    static func png(after header: [UInt8] = [], width: Int = 8) -> [UInt8] {
        let ihdr = be32(UInt32(width)) + be32(8) + [8, 2, 0, 0, 0]
        let rows = (0..<8).flatMap { _ in [0] + [UInt8](repeating: 0x80, count: width * 3) }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + header
            + chunk("IDAT", zlibStored(rows)) + chunk("IEND", [])
    }

    /// Issue 10: the signature, IHDR, then a chunk declaring 0x7FFFFFFF bytes, 133 bytes in all. libpng only warned
    /// that the length was over its limit, then allocated (and zeroed) 2 GiB for text chunks before finding the
    /// file truncated — for the image, `--mask` and the result's mask alike, since all go through `PNG.decode`.
    @Test("a chunk declaring 2 GiB in a 133-byte file", arguments: ["tEXt", "zTXt", "iTXt", "iCCP", "eXIf", "prVt"])
    func declaredChunkLength(type: String) throws {
        let signatureAndHeader = Array(Self.png().prefix(33))
        var file = signatureAndHeader + [0x7F, 0xFF, 0xFF, 0xFF] + Array(type.utf8) + Array("k\u{0}".utf8)
        file += [UInt8](repeating: UInt8(ascii: "A"), count: 133 - file.count)
        #expect(file.count == 133)
        var peak = 0
        #expect(throws: DecodeError.truncated(format: .png, message: "file is truncated")) {
            try PNG.header(file, heapPeak: &peak)
        }
        #expect(peak < 64 << 10, "libpng held \(peak) bytes")
        #expect(throws: DecodeError.truncated(format: .png, message: "file is truncated")) { try PNG.decode(file) }
    }

    /// Found while reproducing the above: zTXt chunks were inflated up to libpng's chunk limit (8 MB) EACH and kept,
    /// so 150 chunks of ~8 KB (1.2 MB of file) held 1.2 GB for a minute. Text is now skipped unread.
    @Test func compressedTextIsNotInflated() throws {
        // A zlib stream of ~490 KB of zeros (under any chunk limit), taken from our own encoder's image data.
        let blank = try PNG.encode(Pixmap(width: 350, height: 350), options: .init(filter: .none, alpha: .keep))
        let stream = Self.imageData(of: blank)
        #expect(stream.count < 4 << 10)
        let text = (0..<3).flatMap { chunk("zTXt", Array("k\($0)".utf8) + [0, 0] + stream) }
        let file = Self.png(after: text)
        var peak = 0
        let head = try PNG.header(file, heapPeak: &peak)
        #expect(head.width == 8)
        #expect(peak < 64 << 10, "libpng held \(peak) bytes reading the header")
        let image = try PNG.decodeWithLibpng(file, header: head, heapPeak: &peak)
        #expect(image[3, 3] == Color(r: 0x80, g: 0x80, b: 0x80))
        #expect(peak < 64 << 10, "libpng held \(peak) bytes decoding")
        #expect(try PNG.decode(file) == image)
    }

    /// Real files: libpng's peak stays within its budget (two 16-bit RGBA rows are 16 bytes per pixel of width).
    @Test("libpng's memory follows the width", arguments: [(16, 6, false), (16, 6, true), (8, 3, true), (1, 0, false)])
    func peakFollowsWidth(bitDepth: Int, colorType: Int, interlaced: Bool) throws {
        let width = 3000
        let channels = [0: 1, 3: 1, 6: 4][colorType]!
        var png = TestPNG(
            width: width, height: 9, bitDepth: bitDepth, colorType: colorType, interlaced: interlaced,
            samples: (0..<9).map { y in
                (0..<width).map { x in [Int](repeating: (x + y) % (1 << bitDepth), count: channels) }
            })
        if colorType == 3 { png.palette = (0..<256).map { (UInt8($0), 0, UInt8(255 - $0)) } }
        let bytes = png.bytes()
        var peak = 0
        let head = try PNG.header(bytes, heapPeak: &peak)
        _ = try PNG.decodeWithLibpng(bytes, header: head, heapPeak: &peak)
        #expect(peak > 0)
        #expect(peak <= (2 << 20) + 32 * width, "libpng held \(peak) bytes for a \(width)-pixel row")
    }

    /// `--max-pixels 9223372036854775807` let a 2147483647² header through the limit check, then trapped computing
    /// the buffer size (or aborted allocating 2⁴⁹ bytes for 2147483647×65536). The limit is capped at 2³² pixels.
    @Test func pixelLimitsAboveTheCeilingActAsTheCeiling() {
        let limits = DecodeLimits(maxPixels: .max)
        #expect(limits.effectiveMaxPixels == DecodeLimits.largestMaxPixels)
        for (width, height) in [(0x7FFF_FFFF, 0x7FFF_FFFF), (0x7FFF_FFFF, 0x1_0000), (0x1_0000, 0x1_0001)] {
            var file = Self.png()
            file.replaceSubrange(16..<24, with: be32(UInt32(width)) + be32(UInt32(height)))
            file.replaceSubrange(29..<33, with: be32(crc32(Array(file[12..<29]))))
            #expect(throws: DecodeError.tooLarge(width: width, height: height, maxPixels: 1 << 32)) {
                try PNG.decode(file, limits: limits)
            }
        }
        #expect(DecodeError.tooLarge(width: .max, height: 2, maxPixels: 1).description.contains("more than"))
    }

    /// The concatenated IDAT data of a PNG.
    static func imageData(of png: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 8
        while i + 8 <= png.count {
            let length = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            if png[(i + 4)..<(i + 8)].elementsEqual("IDAT".utf8) { out += png[(i + 8)..<(i + 8 + length)] }
            i += 12 + length
        }
        return out
    }
}
