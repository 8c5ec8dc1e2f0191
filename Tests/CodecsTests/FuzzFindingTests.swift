import Foundation
import Raster
import Testing

@testable import Codecs

/// What fuzzing found in the codecs (Fuzz/, issue 10), replayed: every saved input in `Fuzz/Regressions/png` and
/// `Fuzz/Regressions/jpeg` goes through the harness's checks again, and each finding has a test of its own below.
@Suite("Codecs: fuzzing findings")
struct FuzzFindingTests {
    static let regressions = Fixtures.repo.appendingPathComponent("Fuzz/Regressions")

    static func saved(_ target: String) -> [String] {
        let folder = regressions.appendingPathComponent(target).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { "\(folder)/\($0)" }
    }

    /// The png harness's property: the fast path decodes a file only to libpng's pixels, and `PNG.decode` returns
    /// what its decoders return.
    static func checkBothPNGDecoders(_ bytes: [UInt8], _ name: String) {
        let limits = DecodeLimits(maxPixels: 1 << 20)
        let header = try? PNG.header(bytes)
        let libpng = header.flatMap { try? PNG.decodeWithLibpng(bytes, header: $0) }
        let fast = header.flatMap { PNG.FastDecoder.decode(bytes, header: $0) }
        // Compared as Bools: a failed #expect on two Pixmaps would print every pixel.
        let agree = fast == nil || fast == libpng
        #expect(agree, "\(name): the fast path and libpng disagree")
        let same = (try? PNG.decode(bytes, limits: limits)) == (fast ?? libpng)
        #expect(same, "\(name): PNG.decode differs from its decoders")
    }

    @Test func savedPNGFindingsDecodeAlikeOnBothPaths() throws {
        let files = Self.saved("png")
        #expect(!files.isEmpty)
        for path in files { Self.checkBothPNGDecoders([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path) }
    }

    // MARK: The fast path accepted a tRNS that libpng drops

    /// The chunks of a PNG, as (type, data).
    static func chunks(of png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var out: [(String, [UInt8])] = []
        var i = 8
        while i + 12 <= png.count {
            let length = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            out.append(
                (String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self), Array(png[(i + 8)..<(i + 8 + length)])))
            i += 12 + length
        }
        return out
    }

    static func assemble(_ chunks: [(type: String, data: [UInt8])]) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunks.flatMap { chunk($0.type, $0.data) }
    }

    /// A palette PNG with tRNS, chunks in the usual order: IHDR, PLTE, tRNS, IDAT, IEND.
    static let palettePNG = PNGVariant(colorType: 3, bitDepth: 8, interlaced: false, withTRNS: true).make().bytes()

    /// Found by fuzz-png in its first minute: a palette image whose tRNS chunk has a bad CRC. libpng drops the
    /// chunk with a warning (ancillary CRC errors are not fatal) and decodes the image opaque; the fast path did not
    /// check ancillary CRCs and returned the transparent pixels instead.
    @Test func transparencyWithABadCRCIsLeftToLibpng() throws {
        let saved = try [UInt8](
            Data(contentsOf: Self.regressions.appendingPathComponent("png/palette-trns-bad-crc.png")))
        var file = Self.palettePNG
        let trns = Self.chunks(of: file).firstIndex { $0.type == "tRNS" }!
        let offset = 8 + Self.chunks(of: file)[..<(trns + 1)].reduce(0) { $0 + 12 + $1.data.count } - 1
        file[offset] ^= 0xFF  // the last CRC byte of tRNS
        for bytes in [saved, file] {
            let header = try PNG.header(bytes)
            #expect(PNG.FastDecoder.decode(bytes, header: header)?.pixelCount == nil)
            let image = try PNG.decode(bytes)
            let isLibpngs = image == (try PNG.decodeWithLibpng(bytes, header: header))
            #expect(isLibpngs)
            #expect(image.isOpaque, "libpng ignores the damaged tRNS")
        }
    }

    /// The other orders libpng treats differently from the fast path's reading (tRNS before PLTE or after the image
    /// data is dropped, a second PLTE/tRNS/IHDR is refused or ignored, an empty PLTE is an error): the fast path
    /// steps aside and the result is libpng's.
    @Test(
        "irregular chunk orders are left to libpng",
        arguments: ["tRNS first", "tRNS after IDAT", "two tRNS", "two PLTE", "two IHDR", "empty PLTE"])
    func irregularOrders(_ change: String) throws {
        var c = Self.chunks(of: Self.palettePNG)
        let plte = c.firstIndex { $0.type == "PLTE" }!
        let trns = c.firstIndex { $0.type == "tRNS" }!
        switch change {
        case "tRNS first": c.swapAt(plte, trns)
        case "tRNS after IDAT": c.insert(c.remove(at: trns), at: c.count - 1)
        case "two tRNS": c.insert((type: "tRNS", data: [0, 0, 0]), at: trns + 1)
        case "two PLTE": c.insert((type: "PLTE", data: [9, 9, 9]), at: trns)
        case "two IHDR": c.insert(c[0], at: 1)
        default: c[plte].data = []
        }
        let bytes = Self.assemble(c)
        // libpng's header pass already refuses the last three; the fast path must refuse them on its own too.
        let header = try (try? PNG.header(bytes)) ?? PNG.header(Self.palettePNG)
        #expect(PNG.FastDecoder.decode(bytes, header: header)?.pixelCount == nil)
        Self.checkBothPNGDecoders(bytes, change)
    }

    /// Found by fuzz-png: a sample mask whose chunk after the image data was renamed `tE(t`. libpng refuses any
    /// chunk type that is not four letters ("invalid chunk type"); the fast path skipped it as ancillary and
    /// decoded the mask, so `anomark annotate --mask` accepted a file that libpng calls corrupt.
    @Test func chunkTypesMustBeLetters() throws {
        let bytes = try [UInt8](
            Data(contentsOf: Self.regressions.appendingPathComponent("png/chunk-type-not-letters.png")))
        let header = try PNG.header(bytes)
        #expect(PNG.FastDecoder.decode(bytes, header: header)?.pixelCount == nil)
        #expect(throws: DecodeError.corrupt(format: .png, message: "tE[28]t: invalid chunk type")) {
            try PNG.decode(bytes)
        }
    }
}
