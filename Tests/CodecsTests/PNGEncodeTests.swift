import Raster
import Testing

@testable import Codecs

func gradient(width: Int, height: Int, alpha: Bool, noise: Bool = true, seed: UInt64 = 1) -> Pixmap {
    var rng = SplitMix(state: seed)
    var image = Pixmap(width: width, height: height)
    for y in 0..<height {
        for x in 0..<width {
            let jitter = noise ? UInt8(rng.below(16)) : 0
            image[x, y] = Color(
                r: UInt8((x * 255) / max(1, width - 1)) &+ jitter, g: UInt8((y * 255) / max(1, height - 1)),
                b: noise ? UInt8(((x ^ y) * 7) & 0xFF) : UInt8((x + y) * 255 / max(1, width + height - 2)),
                a: alpha ? UInt8((x * 3 + y * 5) & 0xFF) : 255)
        }
    }
    return image
}

struct EncodeCase: CustomStringConvertible, Sendable {
    var width: Int
    var height: Int
    var alpha: Bool
    var options: PNG.EncodeOptions
    var description: String { "\(width)x\(height) alpha=\(alpha) \(options.compressor) \(options.filter)" }
}

let encodeCases: [EncodeCase] = {
    var cases: [EncodeCase] = []
    for filter in PNG.Filter.allCases {
        for level in [0, 1, 6, 9] {
            cases.append(
                EncodeCase(
                    width: 37, height: 19, alpha: level % 2 == 0,
                    options: .init(compressor: .zlib(level: level), filter: filter)))
        }
    }
    cases.append(EncodeCase(width: 1, height: 1, alpha: false, options: .init()))
    cases.append(EncodeCase(width: 1, height: 1, alpha: true, options: .init()))
    cases.append(EncodeCase(width: 1, height: 300, alpha: true, options: .fastest))
    cases.append(EncodeCase(width: 301, height: 1, alpha: false, options: .fastest))
    return cases
}()

@Suite("PNG encoding")
struct PNGEncodeTests {
    @Test("round trips bit-exactly through libpng", arguments: encodeCases)
    func roundTrip(_ c: EncodeCase) throws {
        let image = gradient(width: c.width, height: c.height, alpha: c.alpha)
        let bytes = try PNG.encode(image, options: c.options)
        #expect(try PNG.decode(bytes) == image)
    }

    @Test func opaqueImagesAreStoredAsRGBAndTranslucentAsRGBA() throws {
        let opaque = try PNG.header(PNG.encode(gradient(width: 8, height: 8, alpha: false)))
        let translucent = try PNG.header(PNG.encode(gradient(width: 8, height: 8, alpha: true)))
        let kept = try PNG.header(PNG.encode(gradient(width: 8, height: 8, alpha: false), options: .init(alpha: .keep)))
        #expect(opaque.colorType == 2)
        #expect(translucent.colorType == 6)
        #expect(kept.colorType == 6)
    }

    @Test func equalPixelsGiveEqualBytesWithoutTimeOrTextChunks() throws {
        let image = gradient(width: 40, height: 30, alpha: true)
        let a = try PNG.encode(image)
        let b = try PNG.encode(image)
        #expect(a == b)
        let types = chunkTypes(a)
        #expect(types.first == "IHDR" && types.last == "IEND")
        #expect(Set(types).isSubset(of: ["IHDR", "IDAT", "IEND"]), "found \(types)")
    }

    @Test func higherLevelsCompressSmaller() throws {
        let image = gradient(width: 200, height: 100, alpha: false)
        let stored = try PNG.encode(image, options: .init(compressor: .zlib(level: 0)))
        let best = try PNG.encode(image, options: .init(compressor: .zlib(level: 9)))
        #expect(best.count < stored.count)
    }

    @Test func rejectsEmptyImagesAndBadLevels() {
        #expect(throws: EncodeError.unsupportedSize(format: .png, width: 0, height: 5)) {
            try PNG.encode(Pixmap(width: 0, height: 5))
        }
        #expect(throws: EncodeError.invalidOption("zlib level 10 is not in 0...9")) {
            try PNG.encode(Pixmap(width: 1, height: 1), options: .init(compressor: .zlib(level: 10)))
        }
    }
}

/// Chunk types in file order, walking the chunk lengths.
func chunkTypes(_ png: [UInt8]) -> [String] {
    var types: [String] = []
    var i = 8
    while i + 8 <= png.count {
        let length = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
        types.append(String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self))
        i += 12 + length
    }
    return types
}
