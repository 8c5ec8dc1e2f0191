import Foundation
import Raster
import Testing

@testable import Codecs

/// The libdeflate fast path must give exactly libpng's pixels, and must step aside for anything irregular so
/// that libpng reports the error.
@Suite("PNG fast decoder")
struct FastDecoderTests {
    static let variants: [PNGVariant] = [
        PNGVariant(colorType: 6, bitDepth: 8, interlaced: false, withTRNS: false),
        PNGVariant(colorType: 2, bitDepth: 8, interlaced: false, withTRNS: false),
        PNGVariant(colorType: 3, bitDepth: 8, interlaced: false, withTRNS: true),
        PNGVariant(colorType: 3, bitDepth: 8, interlaced: false, withTRNS: false),
        PNGVariant(colorType: 0, bitDepth: 8, interlaced: false, withTRNS: true),
        PNGVariant(colorType: 0, bitDepth: 8, interlaced: false, withTRNS: false),
    ]

    @Test("all five row filters, fast path against libpng and the expected pixels", arguments: variants)
    func everyFilter(_ variant: PNGVariant) throws {
        var png = variant.make()
        png.cycleFilters = true
        let bytes = png.bytes()
        let header = try PNG.header(bytes)
        let fast = try #require(PNG.FastDecoder.decode(bytes, header: header), "the fast path handles this file")
        #expect(fast.pixels == png.expectedRGBA())
        #expect(fast == (try PNG.decodeWithLibpng(bytes, header: header)))
    }

    @Test("encoded images round trip through the fast path", arguments: [true, false])
    func encodedImagesRoundTrip(_ alpha: Bool) throws {
        for filter in PNG.Filter.allCases {
            let image = gradient(width: 131, height: 47, alpha: alpha)
            let bytes = try PNG.encode(image, options: .init(filter: filter))
            let fast = try #require(PNG.FastDecoder.decode(bytes, header: try PNG.header(bytes)))
            #expect(fast == image, "filter \(filter)")
        }
    }

    @Test func realMasksDecodeAlikeOnBothPaths() throws {
        for name in ["anomaly-1.mask.png", "anomaly-4.mask.png", "anomaly-5.mask.png"] {
            let bytes = [UInt8](try Data(contentsOf: Fixtures.sample(name)))
            let header = try PNG.header(bytes)
            let libpng = try PNG.decodeWithLibpng(bytes, header: header)
            let fast = try #require(PNG.FastDecoder.decode(bytes, header: header), "\(name) takes the fast path")
            #expect(fast == libpng, "\(name)")
            #expect(try PNG.decode(bytes) == libpng)
        }
    }

    @Test("irregular files fall back to libpng and its errors", arguments: [30, 60])
    func corruptionFallsBack(_ offset: Int) throws {
        var png = PNGVariant(colorType: 6, bitDepth: 8, interlaced: false, withTRNS: false).make()
        png.cycleFilters = true
        var bytes = png.bytes()
        bytes[offset] ^= 0x40  // IHDR's CRC (30) or inside the IDAT data (60)
        #expect(
            PNG.FastDecoder.decode(
                bytes,
                header: (try? PNG.header(bytes))
                    ?? PNG.Header(
                        width: 13, height: 11, bitDepth: 8, colorType: 6, interlaced: false, hasTransparencyChunk: false
                    )) == nil)
        #expect(throws: DecodeError.self) { try PNG.decode(bytes) }
    }

    @Test func truncatedFilesFallBack() throws {
        let bytes = PNGVariant(colorType: 3, bitDepth: 8, interlaced: false, withTRNS: true).make().bytes()
        let header = try PNG.header(bytes)
        for keep in [bytes.count - 1, bytes.count - 12, bytes.count - 30] {
            #expect(PNG.FastDecoder.decode(Array(bytes.prefix(keep)), header: header) == nil)
        }
    }
}
