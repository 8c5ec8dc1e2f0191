import Foundation
import Raster
import TestSupport
import Testing

@testable import Codecs

/// One PNG variant: colour type, bit depth, interlacing, transparency.
struct PNGVariant: CustomStringConvertible, Sendable {
    var colorType: Int
    var bitDepth: Int
    var interlaced: Bool
    var withTRNS: Bool
    var description: String {
        "type \(colorType) depth \(bitDepth)\(interlaced ? " adam7" : "")\(withTRNS ? " tRNS" : "")"
    }

    /// Builds a deterministic 13×11 image (odd sizes exercise partial bytes and every Adam7 pass).
    func make() -> TestPNG {
        var rng = SplitMix(state: UInt64(colorType * 1000 + bitDepth * 10 + (interlaced ? 1 : 0)))
        let w = 13
        let h = 11
        let maxV = colorType == 3 ? min(6, 1 << bitDepth) : (1 << bitDepth)
        let ch = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]!
        var samples = (0..<h).map { _ in (0..<w).map { _ in (0..<ch).map { _ in rng.below(maxV) } } }
        var png = TestPNG(
            width: w, height: h, bitDepth: bitDepth, colorType: colorType, interlaced: interlaced, samples: samples)
        if colorType == 3 {
            png.palette = (0..<maxV).map { (i: Int) -> (UInt8, UInt8, UInt8) in
                let r = UInt8(i * 40)
                let g = UInt8(255 - i * 30)
                let b = UInt8(i * 17 + 3)
                return (r, g, b)
            }
            // tRNS may be shorter than the palette: the entries past its end are opaque.
            if withTRNS { png.trns = Array([0, 128, 255, 7].prefix(max(1, maxV - 2))) }
        } else if withTRNS && (colorType == 0 || colorType == 2) {
            // Make the top-left sample the transparent key, so at least one pixel is transparent.
            let key = samples[0][0]
            png.trns = key.flatMap { v in [UInt8(v >> 8), UInt8(v & 0xFF)] }
            samples[0][0] = key
        }
        return png
    }
}

let pngVariants: [PNGVariant] = {
    var v: [PNGVariant] = []
    let depths = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
    for (type, ds) in depths.sorted(by: { $0.key < $1.key }) {
        for d in ds {
            for interlaced in [false, true] {
                v.append(PNGVariant(colorType: type, bitDepth: d, interlaced: interlaced, withTRNS: false))
                if type == 0 || type == 2 || type == 3 {
                    v.append(PNGVariant(colorType: type, bitDepth: d, interlaced: interlaced, withTRNS: true))
                }
            }
        }
    }
    return v
}()

@Suite("PNG decoding")
struct PNGDecodeTests {
    @Test("every colour type, bit depth, tRNS and Adam7 decodes to the expected RGBA8", arguments: pngVariants)
    func decodesVariant(_ variant: PNGVariant) throws {
        let png = variant.make()
        let image = try PNG.decode(png.bytes())
        #expect(image.width == png.width && image.height == png.height)
        #expect(image.pixels == png.expectedRGBA())
    }

    @Test func headerReportsWhatTheFileSays() throws {
        let png = PNGVariant(colorType: 3, bitDepth: 4, interlaced: true, withTRNS: true).make()
        let header = try PNG.header(png.bytes())
        #expect(
            header
                == PNG.Header(
                    width: 13, height: 11, bitDepth: 4, colorType: 3, interlaced: true, hasTransparencyChunk: true))
    }

    @Test func realPaletteMaskWithTRNSHasAntiAliasedAlpha() throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.sample("anomaly-1.mask.png")))
        let header = try PNG.header(bytes)
        #expect(header.colorType == 3 && header.hasTransparencyChunk)
        let mask = try PNG.decode(bytes)
        #expect(mask.width == 576 && mask.height == 768)
        var alphas = Set<UInt8>()
        for i in stride(from: 3, to: mask.pixels.count, by: 4) { alphas.insert(mask.pixels[i]) }
        #expect(alphas.contains(0) && alphas.contains(255))
        #expect(alphas.count > 2, "anti-aliased edges have intermediate alpha")
    }
}

enum Fixtures {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repo = TestFiles.repo

    static func url(_ name: String) -> URL { testsDir.appendingPathComponent("Fixtures/\(name)") }
    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }
    /// A sample bundled with the project (samples/cookies).
    static func sample(_ name: String) -> URL { repo.appendingPathComponent("samples/cookies/\(name)") }
}
