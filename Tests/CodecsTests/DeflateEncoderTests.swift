import CAnomarkShim
import CLibDeflate
import Foundation
import Raster
import Testing

@testable @_spi(Fuzzing) @_spi(Benchmarks) import Codecs

// The libdeflate PNG encoder: settings × shapes round-trip through libpng, the parallel band joint,
// the DEFLATE block scanner, checksums, chunk layout, determinism, presets and level parsing.
// Independent references: libpng (decoding), libdeflate's *decompressor*, and the bitwise CRC-32 /
// Adler-32 and scalar filters written here from the PNG spec.

struct DeflateCase: CustomStringConvertible, Sendable {
    var width: Int
    var height: Int
    var alpha: Bool
    var options: PNG.EncodeOptions
    var description: String { "\(width)x\(height) alpha=\(alpha) \(options.compressor) \(options.filter)" }
}

private let settingCases: [DeflateCase] = {
    var cases: [DeflateCase] = []
    let presets: [PNG.EncodeOptions] = [.fast, .default, .small, PNG.EncodeOptions()]
    for (i, preset) in presets.enumerated() {
        cases.append(DeflateCase(width: 37, height: 19, alpha: i % 2 == 0, options: preset))
    }
    for level in 0...12 {
        cases.append(
            DeflateCase(
                width: 41, height: 23, alpha: level % 2 == 1, options: .init(compressor: .libdeflate(level: level))))
    }
    for filter in PNG.Filter.allCases {
        cases.append(
            DeflateCase(
                width: 39, height: 21, alpha: false, options: .init(compressor: .libdeflateByContent, filter: filter)))
        for level in [0, 1, 6, 12] {
            cases.append(
                DeflateCase(
                    width: 37, height: 19, alpha: level % 12 == 0,
                    options: .init(compressor: .libdeflate(level: level), filter: filter)))
        }
    }
    return cases
}()

private let shapeCases: [DeflateCase] = {
    var cases: [DeflateCase] = []
    let shapes = [(1, 1), (1, 300), (301, 1), (3, 5), (257, 3), (2, 2), (17, 1)]
    for (w, h) in shapes {
        for alpha in [false, true] {
            for filter in [PNG.Filter.adaptive, .paeth, .sub] {
                cases.append(
                    DeflateCase(
                        width: w, height: h, alpha: alpha,
                        options: .init(compressor: .libdeflate(level: 6), filter: filter)))
            }
        }
    }
    return cases
}()

@Suite("PNG libdeflate encoder")
struct DeflateEncoderTests {
    @Test("every setting round-trips bit-exactly through libpng", arguments: settingCases)
    func settingsRoundTrip(_ c: DeflateCase) throws {
        let image = gradient(width: c.width, height: c.height, alpha: c.alpha)
        let bytes = try PNG.encode(image, options: c.options)
        #expect(try PNG.decode(bytes) == image)
        #expect(try PNG.header(bytes).colorType == (c.alpha ? 6 : 2))
    }

    @Test("odd shapes round-trip, RGB and RGBA", arguments: shapeCases)
    func shapesRoundTrip(_ c: DeflateCase) throws {
        let image = gradient(width: c.width, height: c.height, alpha: c.alpha, seed: UInt64(c.width * 1000 + c.height))
        let bytes = try PNG.encode(image, options: c.options)
        #expect(try PNG.decode(bytes) == image)
    }

    @Test func alphaModeKeepStoresRGBAForOpaqueImages() throws {
        let image = gradient(width: 9, height: 4, alpha: false)
        let kept = try PNG.encode(image, options: .init(compressor: .libdeflate(level: 6), alpha: .keep))
        #expect(try PNG.header(kept).colorType == 6)
        #expect(try PNG.decode(kept) == image)
    }

    /// The scanlines must be exactly what the PNG spec's filters give, with the filter type byte
    /// asked for, or for `.adaptive` the type with the smallest sum of |signed byte|.
    @Test("scanlines match the spec's filters", arguments: PNG.Filter.allCases)
    func scanlinesMatchReferenceFilters(_ filter: PNG.Filter) throws {
        for alpha in [false, true] {
            // Rows over 256 bytes, so the adaptive scoring runs in several chunks.
            let image = gradient(width: 150, height: 9, alpha: alpha, seed: 7)
            let png = try PNG.encode(image, options: .init(compressor: .libdeflate(level: 6), filter: filter))
            let expected = referenceScanlines(image, channels: alpha ? 4 : 3, filter: filter)
            #expect(try inflate(idatPayload(png), expectedCount: expected.count) == expected)
        }
    }

    @Test func adaptiveFilterPicksDifferentFiltersForDifferentRows() throws {
        let image = gradient(width: 64, height: 64, alpha: false)
        let png = try PNG.encode(image, options: .init(compressor: .libdeflate(level: 6), filter: .adaptive))
        let scanlines = try inflate(idatPayload(png), expectedCount: 64 * (64 * 3 + 1))
        let types = Set(stride(from: 0, to: scanlines.count, by: 64 * 3 + 1).map { scanlines[$0] })
        #expect(types.count > 1, "chosen filter types: \(types.sorted())")
        #expect(types.isSubset(of: [0, 1, 2, 3, 4]))
    }

    // MARK: Bands

    struct BandCase: CustomStringConvertible, Sendable {
        var width: Int
        var height: Int
        var alpha: Bool
        var level: Int
        var bandBytes: Int
        var description: String { "\(width)x\(height) alpha=\(alpha) level=\(level) band=\(bandBytes)B" }
    }

    static let bandCases: [BandCase] = [
        // One row per band: the smallest bands, where libdeflate writes fixed or stored blocks.
        BandCase(width: 33, height: 40, alpha: false, level: 1, bandBytes: 1),
        BandCase(width: 33, height: 40, alpha: true, level: 6, bandBytes: 1),
        BandCase(width: 5, height: 9, alpha: true, level: 12, bandBytes: 1),
        BandCase(width: 1, height: 300, alpha: true, level: 6, bandBytes: 1),
        BandCase(width: 120, height: 90, alpha: false, level: 0, bandBytes: 4000),
        BandCase(width: 301, height: 200, alpha: false, level: 6, bandBytes: 20_000),
        BandCase(width: 301, height: 200, alpha: true, level: 10, bandBytes: 50_000),
        BandCase(width: 400, height: 333, alpha: false, level: 1, bandBytes: 64 << 10),
        // Two bands, split 4/9 to 5/9 (`bandRows`): the smallest image that has two, and a photo-like one.
        BandCase(width: 50, height: 2, alpha: false, level: 1, bandBytes: 1),
        BandCase(width: 200, height: 90, alpha: true, level: 6, bandBytes: 40_000),
    ]

    @Test func bandRowsCoverTheImageInOrderAndTwoBandsSplitFourNinths() {
        for height in [1, 2, 3, 9, 10, 768, 4096] {
            for count in 1...min(height, 7) {
                var next = 0
                for i in 0..<count {
                    let rows = PNG.DeflateEncoder.bandRows(i, of: count, height: height)
                    #expect(rows.lowerBound == next && !rows.isEmpty, "band \(i) of \(count), height \(height)")
                    next = rows.upperBound
                }
                #expect(next == height, "\(count) bands of height \(height)")
            }
        }
        #expect(PNG.DeflateEncoder.bandRows(0, of: 2, height: 768) == 0..<341)
        #expect(PNG.DeflateEncoder.bandRows(1, of: 3, height: 768) == 256..<512)
    }

    @Test("banded output decodes to the same pixels and scanlines as one band", arguments: bandCases)
    func bandsJoinIntoOneStream(_ c: BandCase) throws {
        let image = gradient(width: c.width, height: c.height, alpha: c.alpha, seed: UInt64(c.level + 3))
        let channels = c.alpha ? 4 : 3
        var encoder = PNG.DeflateEncoder(level: c.level, filter: .adaptive, channels: channels)
        encoder.bandBytes = Int.max
        let single = try encoder.encode(image)
        encoder.bandBytes = c.bandBytes
        let banded = try encoder.encode(image)
        let scanlineBytes = c.width * channels + 1
        #expect(c.bandBytes >= c.height * scanlineBytes || banded != single, "several bands were written")
        #expect(try PNG.decode(banded) == image)
        #expect(try PNG.decode(single) == image)
        let count = c.height * scanlineBytes
        #expect(
            try inflate(idatPayload(banded), expectedCount: count) == inflate(idatPayload(single), expectedCount: count)
        )
    }

    /// `EncodeOptions.bandBytes` is the encoder's band size: the default cuts a 1.2 MiB image in two (the
    /// joint's empty stored block is in the stream), larger bands keep it whole (what `report` asks for), and
    /// both are the encoder's bytes for that size and decode to the pixels.
    @Test func bandBytesOptionSetsTheBands() throws {
        let image = gradient(width: 600, height: 700, alpha: false, noise: false)
        let split = try PNG.encode(image, options: .init(compressor: .libdeflate(level: 1)))
        let whole = try PNG.encode(image, options: .init(compressor: .libdeflate(level: 1), bandBytes: 8 << 20))
        var encoder = PNG.DeflateEncoder(level: 1, filter: .adaptive, channels: 3)
        #expect(split == (try encoder.encode(image)))
        encoder.bandBytes = 8 << 20
        #expect(whole == (try encoder.encode(image)))
        let blockTypes = { (png: [UInt8]) throws -> Set<Int>? in
            let zlib = try idatPayload(png)
            let raw = Array(zlib[2..<(zlib.count - 4)])
            return raw.withUnsafeBufferPointer { DeflateBlockScanner().scan($0)?.blockTypes }
        }
        #expect(try blockTypes(split)?.contains(0) == true)
        #expect(try blockTypes(whole)?.contains(0) == false)
        #expect(try PNG.decode(split) == image)
        #expect(try PNG.decode(whole) == image)
    }

    /// The fuzzing entry point (`Fuzz/Sources/fuzz-png-encode`) must be `encode` with smaller bands: the same
    /// bytes at the library's sizes, and with small bands and IDATs a file both decoders read back.
    @Test(
        "the fuzzing SPI encodes as PNG.encode does",
        arguments: [
            PNG.EncodeOptions.default, .fast, .fastest, .small,
            .init(compressor: .libdeflate(level: 0), filter: .paeth),
        ])
    func fuzzingEncodeMatchesEncode(_ options: PNG.EncodeOptions) throws {
        let image = gradient(width: 45, height: 30, alpha: true, seed: 9)
        let library = try PNG.encode(image, options: options, bandBytes: 1 << 20, maxIDATLength: 1 << 20)
        #expect(library == (try PNG.encode(image, options: options)))
        let small = try PNG.encode(image, options: options, bandBytes: 200, maxIDATLength: 50)
        #expect(small != library)
        let limits = DecodeLimits()
        #expect(try PNG.decodeWithLibpng(small, limits: limits) == image)
        #expect(try PNG.decodeWithFastPath(small, limits: limits) == image)
    }

    @Test func largeImageUsesSeveralBandsAndTheSameBytesOnOneThreadOrMany() throws {
        // 1500 × 1500 RGB is 6.75 MB of scanlines: several bands at the default band size.
        let image = gradient(width: 1500, height: 1500, alpha: false, seed: 11)
        var encoder = PNG.DeflateEncoder(level: 1, filter: .adaptive, channels: 3)
        #expect(1500 * (1500 * 3 + 1) > 2 * encoder.bandBytes)
        encoder.parallel = true
        let parallel = try encoder.encode(image)
        encoder.parallel = false
        let serial = try encoder.encode(image)
        #expect(parallel == serial)
        #expect(try PNG.decode(parallel) == image)
        #expect(try PNG.encode(image, options: .init(compressor: .libdeflate(level: 1))) == parallel)
    }

    @Test func equalPixelsGiveEqualBytes() throws {
        let image = gradient(width: 200, height: 150, alpha: true, seed: 5)
        var encoder = PNG.DeflateEncoder(level: 6, filter: .adaptive, channels: 4)
        encoder.bandBytes = 10_000
        let a = try encoder.encode(image)
        let b = try encoder.encode(image)
        encoder.parallel = false
        let c = try encoder.encode(image)
        #expect(a == b && b == c)
        #expect(try PNG.encode(image, options: .default) == PNG.encode(image, options: .default))
    }

    // MARK: Chunks and checksums

    @Test("chunk order, lengths and CRCs", arguments: [1 << 20, 100, 1])
    func chunksAreWellFormed(maxIDATLength: Int) throws {
        let image = gradient(width: 50, height: 40, alpha: true, seed: 9)
        var encoder = PNG.DeflateEncoder(level: 6, filter: .adaptive, channels: 4)
        encoder.maxIDATLength = maxIDATLength
        encoder.bandBytes = 2000
        let png = try encoder.encode(image)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try parseChunks(png)
        #expect(chunks.allSatisfy { $0.crcMatches }, "every CRC-32 matches the bitwise reference")
        let types = chunks.map(\.type)
        #expect(types.first == "IHDR" && types.last == "IEND")
        #expect(Set(types) == ["IHDR", "IDAT", "IEND"])
        let idats = chunks.filter { $0.type == "IDAT" }
        #expect(idats.dropLast().allSatisfy { $0.data.count == maxIDATLength })
        #expect(idats.allSatisfy { $0.data.count <= maxIDATLength && !$0.data.isEmpty })
        #expect(chunks[0].data == be32(50) + be32(40) + [8, 6, 0, 0, 0])
        #expect(chunks.last!.data.isEmpty)
        #expect(try PNG.decode(png) == image)
        // The zlib trailer is the Adler-32 of all scanlines, combined over bands.
        let zlib = idats.flatMap(\.data)
        let scanlines = try inflate(zlib, expectedCount: 40 * (50 * 4 + 1))
        #expect(Array(zlib.suffix(4)) == be32(adler32(scanlines)))
        #expect((Int(zlib[0]) << 8 | Int(zlib[1])) % 31 == 0 && zlib[0] == 0x78)
    }

    @Test func adlerChecksumsCombineAcrossAnySplit() {
        var rng = SplitMix(state: 3)
        let data = (0..<5000).map { _ in UInt8(rng.below(256)) }
        for split in [0, 1, 17, 2500, 4999, 5000] {
            let a = adler32(Array(data[..<split]))
            let b = adler32(Array(data[split...]))
            let combined = PNG.DeflateEncoder.combineAdler32(a, b, secondLength: data.count - split)
            #expect(combined == adler32(data), "split at \(split)")
        }
    }

    // MARK: DEFLATE block scanner and the sync-flush joint

    @Test("scanner finds the end of libdeflate streams at every level", arguments: Array(0...12))
    func scannerFindsTheEnd(level: Int) throws {
        for (name, data) in scannerInputs() {
            let stream = deflate(data, level: level)
            let found = try #require(
                stream.withUnsafeBufferPointer { DeflateBlockScanner().scan($0) }, "\(name) level \(level)")
            #expect((found.endBit + 7) / 8 == stream.count, "\(name)")
            #expect(stream[found.lastBlockHeaderBit / 8] >> (found.lastBlockHeaderBit % 8) & 1 == 1, "BFINAL set")
            #expect(found.blocks >= found.blockTypes.count && !found.blockTypes.isEmpty)
        }
    }

    @Test func scannerInputsCoverStoredFixedAndDynamicBlocks() throws {
        var types = Set<Int>()
        for level in [0, 1, 6, 12] {
            for (_, data) in scannerInputs() {
                let stream = deflate(data, level: level)
                types.formUnion(
                    try #require(stream.withUnsafeBufferPointer { DeflateBlockScanner().scan($0) }).blockTypes)
            }
        }
        #expect(types == [0, 1, 2])
    }

    @Test func bandCountDependsOnTheImageSizeOnly() {
        let count = PNG.DeflateEncoder.bandCount
        #expect(count(768, 576 * 3 + 1, 1 << 20) == 2)  // the 576×768 sample photo: two even bands
        #expect(count(4096, 4096 * 3 + 1, 1 << 20) == 49)  // 48.004 MiB of scanlines
        #expect(count(10, 100, 1000) == 1)
        #expect(count(10, 100, 999) == 2)
        #expect(count(10, 100, 1) == 10, "never more bands than rows")
        #expect(count(3, Int.max / 2, 1 << 20) == 3, "no overflow")
        #expect(count(5, 100, Int.max) == 1)
    }

    @Test func scannerRejectsMalformedStreams() {
        let stream = deflate(scannerInputs()[1].data, level: 6)
        let bad: [[UInt8]] = [
            Array(stream.dropLast(stream.count / 2)),  // truncated
            stream + [0],  // trailing byte
            [0x07],  // reserved block type 3, final
            [0x00, 0x00, 0x00, 0x00, 0x00],  // non-final stored block, LEN/NLEN mismatch
            [0x01, 0x05, 0x00, 0xFA, 0xFF, 1, 2, 3],  // stored block longer than the data
            [0x00],  // non-final and nothing follows: runs into the end
        ]
        for bytes in bad {
            #expect(bytes.withUnsafeBufferPointer { DeflateBlockScanner().scan($0) } == nil, "\(bytes.prefix(8))")
        }
        #expect([UInt8]().withUnsafeBufferPointer { DeflateBlockScanner().scan($0) } == nil)
    }

    @Test func scannerSurvivesCorruptedStreams() {
        var rng = SplitMix(state: 99)
        let inputs = scannerInputs()
        var rejected = 0
        for round in 0..<300 {
            var stream = deflate(inputs[round % inputs.count].data, level: [1, 6, 12][round % 3])
            for _ in 0..<(1 + rng.below(4)) {
                let bit = rng.below(stream.count * 8)
                stream[bit / 8] ^= 1 << UInt8(bit % 8)
            }
            // Never a trap or a hang; whatever it accepts must end in the last byte.
            if let found = stream.withUnsafeBufferPointer({ DeflateBlockScanner().scan($0) }) {
                #expect((found.endBit + 7) / 8 == stream.count && found.lastBlockHeaderBit < found.endBit)
            } else {
                rejected += 1
            }
        }
        #expect(rejected > 0)
    }

    @Test("sync-flushed streams concatenate into one valid stream", arguments: [0, 1, 2, 6, 9, 12])
    func syncFlushJoinsStreams(level: Int) throws {
        var rng = SplitMix(state: UInt64(level))
        let inputs = scannerInputs().map(\.data)
        var whole: [UInt8] = []
        var joined: [UInt8] = []
        for round in 0..<12 {
            let source = inputs[round % inputs.count]
            let start = rng.below(source.count / 2)
            let piece = Array(source[start..<(start + 1 + rng.below(source.count / 2))])
            whole += piece
            var stream = deflate(piece, level: level)
            if round < 11 {
                let count = stream.count
                stream += [0, 0, 0, 0, 0]
                let flushed = stream.withUnsafeMutableBufferPointer {
                    PNG.DeflateEncoder.endWithSyncFlush($0, count: count)
                }
                stream.removeLast(stream.count - (try #require(flushed)))
                #expect(Array(stream.suffix(4)) == [0, 0, 0xFF, 0xFF])
            }
            joined += stream
        }
        #expect(try inflateRaw(joined, expectedCount: whole.count) == whole)
    }

    // MARK: Level chosen by content

    @Test func contentLevelFollowsTheMeanResidual() {
        #expect(PNG.DeflateEncoder.contentLevel(score: nil, bytes: 100) == 6)
        #expect(PNG.DeflateEncoder.contentLevel(score: 0, bytes: 100) == 6)
        #expect(PNG.DeflateEncoder.contentLevel(score: 99, bytes: 100) == 6)
        #expect(PNG.DeflateEncoder.contentLevel(score: 100, bytes: 100) == 5)
        #expect(PNG.DeflateEncoder.contentLevel(score: 199, bytes: 100) == 5)
        #expect(PNG.DeflateEncoder.contentLevel(score: 200, bytes: 100) == 3)
        #expect(PNG.DeflateEncoder.contentLevel(score: 599, bytes: 100) == 3)
        #expect(PNG.DeflateEncoder.contentLevel(score: 600, bytes: 100) == 2)
        #expect(PNG.DeflateEncoder.contentLevel(score: 699, bytes: 100) == 2)
        #expect(PNG.DeflateEncoder.contentLevel(score: 700, bytes: 100) == 1)
        #expect(PNG.DeflateEncoder.contentLevel(score: 5, bytes: 0) == 6)
    }

    /// Rows for the filter-choice tests: 5 rows of `width` pixels, uniform noise (content 0: all byte values, so
    /// residuals wrap), smooth noise (1) or flat rows with one noisy row (2: filters tie, and the lowest must win).
    static func scoringImage(width: Int, content: Int, alpha: Bool, rng: inout SplitMix) -> Pixmap {
        var image = Pixmap(width: width, height: 5)
        image.withUnsafeMutableBytes { p in
            for i in 0..<p.count {
                let random = UInt8(truncatingIfNeeded: rng.next() >> 56)
                switch content {
                case 0: p[i] = random
                case 1: p[i] = UInt8(truncatingIfNeeded: i / 7 &+ Int(random % 5))
                default: p[i] = i / (width * 4) == 2 ? random : 200
                }
                if !alpha && i % 4 == 3 { p[i] = 255 }
            }
        }
        return image
    }

    /// Row widths around the kernels' 16- and 32-byte steps and their scalar head and tail.
    static let scoringWidths = Array(1...40) + [63, 64, 65, 150, 577]

    /// The adaptive choice (`anomark_png_best_filter`, through `RowFilter`) against the spec's filters scored one
    /// by one: the scanlines and the score.
    @Test("the adaptive choice and score match the spec's, at every row length", arguments: [false, true])
    func adaptiveChoiceMatchesTheSpecAtEveryWidth(alpha: Bool) {
        let channels = alpha ? 4 : 3
        var rng = SplitMix(state: alpha ? 11 : 12)
        for width in Self.scoringWidths {
            for content in 0..<3 {
                let image = Self.scoringImage(width: width, content: content, alpha: alpha, rng: &rng)
                let rows = PNG.RowFilter(filter: .adaptive, channels: channels, width: width)
                var out = [UInt8](repeating: 0, count: 5 * rows.scanlineBytes)
                let score = out.withUnsafeMutableBufferPointer { rows.filter(image, rows: 0..<5, into: $0) }
                let expected = referenceScanlines(image, channels: channels, filter: .adaptive)
                #expect(out == expected, "width \(width), content \(content)")
                let expectedScore = (0..<5).reduce(0) { sum, y in
                    let line = expected[(y * rows.scanlineBytes + 1)..<((y + 1) * rows.scanlineBytes)]
                    return sum + line.reduce(0) { $0 + min(Int($1), 256 - Int($1)) }
                }
                #expect(score.map(Int.init) == expectedScore, "width \(width), content \(content)")
            }
        }
    }

    /// Every scoring kernel this machine has (AVX2, SSE2 and the plain loop; `RowFilter` uses only the widest)
    /// against the spec's five filters scored one by one, row by row: the type and its sum.
    @Test("every scoring kernel (AVX2, SSE2, plain) chooses as the spec does", arguments: [false, true])
    func everyScoringKernelMatchesTheSpec(alpha: Bool) {
        #if arch(x86_64)
            #expect(anomark_png_simd() >= 1, "x86-64 always has SSE2")
        #endif
        let channels = alpha ? 4 : 3
        let filters: [PNG.Filter] = [.none, .sub, .up, .average, .paeth]
        var rng = SplitMix(state: alpha ? 21 : 22)
        var mismatches: [String] = []
        for width in Self.scoringWidths {
            for content in 0..<3 {
                let image = Self.scoringImage(width: width, content: content, alpha: alpha, rng: &rng)
                let n = width * channels
                let scanlines = filters.map { referenceScanlines(image, channels: channels, filter: $0) }
                let raw = scanlines[0]  // filter "none": the samples themselves
                for y in 0..<5 {
                    let sums = scanlines.map { line in
                        line[(y * (n + 1) + 1)..<((y + 1) * (n + 1))].reduce(0) { $0 + min(Int($1), 256 - Int($1)) }
                    }
                    let best = sums.indices.min { sums[$0] < sums[$1] || (sums[$0] == sums[$1] && $0 < $1) }!
                    let row = Array(raw[(y * (n + 1) + 1)..<((y + 1) * (n + 1))])
                    let prior =
                        y == 0 ? [UInt8](repeating: 0, count: n) : Array(raw[((y - 1) * (n + 1) + 1)..<(y * (n + 1))])
                    for simd in 0...anomark_png_simd() {
                        var score: UInt32 = 0
                        let type = anomark_png_best_filter_using(row, prior, n, channels, &score, simd)
                        if Int(type) != best || Int(score) != sums[best] {
                            mismatches.append("kernel \(simd), width \(width), content \(content), row \(y)")
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) rows differ, first: \(mismatches.prefix(3))")
    }

    @Test func adaptiveFilterReportsItsScore() {
        // One RGB row of 2 pixels after a zero row: (10, 20, 30), (10, 20, 30). Sub leaves 10 20 30 0 0 0 = 60,
        // up and Paeth leave the row itself (120), average 10 20 30 5 10 15 = 90, none 120: sub wins, 60.
        var image = Pixmap(width: 2, height: 1)
        image.withUnsafeMutableBytes { p in
            for x in 0..<2 { (p[4 * x], p[4 * x + 1], p[4 * x + 2], p[4 * x + 3]) = (10, 20, 30, 255) }
        }
        var out = [UInt8](repeating: 0, count: 7)
        let adaptive = PNG.RowFilter(filter: .adaptive, channels: 3, width: 2)
        let score = out.withUnsafeMutableBufferPointer { adaptive.filter(image, rows: 0..<1, into: $0) }
        #expect(score == 60)
        #expect(out == [1, 10, 20, 30, 0, 0, 0])
        let fixed = PNG.RowFilter(filter: .up, channels: 3, width: 2)
        #expect(out.withUnsafeMutableBufferPointer { fixed.filter(image, rows: 0..<1, into: $0) } == nil)
        // The benchmark's r: that score over the 7 scanline bytes.
        #expect(PNG.meanResidual(image, channels: 3) == 60.0 / 7.0)
    }

    @Test func smoothImagesKeepLevel6AndNoisyOnesDropToLevel1() throws {
        // A gentle gradient predicts almost perfectly (mean residual < 1): the same bytes as level 6.
        var smooth = Pixmap(width: 64, height: 48)
        smooth.withUnsafeMutableBytes { p in
            for y in 0..<48 {
                for x in 0..<64 {
                    let i = 4 * (y * 64 + x)
                    (p[i], p[i + 1], p[i + 2], p[i + 3]) = (UInt8(x), UInt8(y), UInt8((x + y) / 2), 255)
                }
            }
        }
        let byContent = PNG.EncodeOptions(compressor: .libdeflateByContent)
        #expect(
            try PNG.encode(smooth, options: byContent)
                == PNG.encode(smooth, options: .init(compressor: .libdeflate(level: 6))))
        // Noise (mean residual far above 7): level 1 — the same stream as level 1, only the zlib header's
        // FLEVEL (byte 1 of IDAT's data, offset 8 + 25 + 8 + 1) says 6's "default" class.
        // Random bytes repeating with a period of 97 samples: unpredictable from the neighbours, yet full of
        // long matches, so levels 1 and 6 give different streams (pure noise would be stored by both).
        var noisy = Pixmap(width: 64, height: 48)
        var state: UInt32 = 12345
        let table = (0..<97).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        noisy.withUnsafeMutableBytes { p in
            var k = 0
            for i in 0..<p.count where i % 4 != 3 {
                p[i] = table[k % 97]
                k += 1
            }
            for i in stride(from: 3, to: p.count, by: 4) { p[i] = 255 }
        }
        var chosen = try PNG.encode(noisy, options: byContent)
        var level1 = try PNG.encode(noisy, options: .init(compressor: .libdeflate(level: 1)))
        // The band's score is what puts it at level 1.
        let rows = PNG.RowFilter(filter: .adaptive, channels: 3, width: 64)
        var scanlines = [UInt8](repeating: 0, count: 48 * rows.scanlineBytes)
        let score = scanlines.withUnsafeMutableBufferPointer { rows.filter(noisy, rows: 0..<48, into: $0) }
        #expect(PNG.DeflateEncoder.contentLevel(score: score, bytes: scanlines.count) == 1)
        // Both the header byte and the IDAT CRC differ; compare the deflate data between them.
        let flevel = 8 + 25 + 8 + 1
        #expect(chosen.count == level1.count)
        chosen.removeSubrange(flevel...flevel)
        level1.removeSubrange(flevel...flevel)
        #expect(chosen.dropLast(12 + 4) == level1.dropLast(12 + 4))
        #expect(try PNG.decode(PNG.encode(noisy, options: byContent)).pixels == noisy.pixels)
    }

    @Test func upscaledPhotosGetTheUpFilterAndBlockyOnesKeepTheAdaptiveChoice() throws {
        // A crop of a real photo scaled 7× with Lanczos (what review tools and the 4096² bench photo do): the
        // per-row heuristic picks other filters, the up filter compresses smaller, and the default takes it.
        // The same photo scaled 2× by repeating pixels also has a low residual and goes through the trial, but
        // there the adaptive rows compress better and stay.
        let photo = try JPEG.decode([UInt8](Data(contentsOf: Fixtures.sample("anomaly-1.jpg"))))
        let smooth = lanczosUpscale(photo, x: 250, y: 300, size: 28, scale: 7)
        let blocky = nearestUpscale(photo, x: 200, y: 250, size: 96, scale: 2)
        func filterTypes(_ png: [UInt8], _ image: Pixmap) throws -> Set<UInt8> {
            let scanline = image.width * 3 + 1
            let scanlines = try inflate(idatPayload(png), expectedCount: image.height * scanline)
            return Set(stride(from: 0, to: scanlines.count, by: scanline).map { scanlines[$0] })
        }
        let zlib = PNG.EncodeOptions(compressor: .zlib(level: 6))
        let level2 = PNG.EncodeOptions(compressor: .libdeflate(level: 2))

        let smoothPNG = try PNG.encode(smooth)
        #expect(try filterTypes(smoothPNG, smooth) == [2])
        #expect(try filterTypes(PNG.encode(smooth, options: level2), smooth) != [2])
        let smoothZlib = try PNG.encode(smooth, options: zlib)
        #expect(smoothPNG.count < smoothZlib.count, "default \(smoothPNG.count) B, zlib-6 \(smoothZlib.count) B")
        #expect(try smoothPNG.count < PNG.encode(smooth, options: level2).count)
        #expect(try PNG.decode(smoothPNG) == smooth)

        let blockyPNG = try PNG.encode(blocky)
        #expect(PNG.meanResidual(blocky, channels: 3) < 3, "the blocky image must reach the trial")
        #expect(try filterTypes(blockyPNG, blocky) != [2])
        #expect(try PNG.decode(blockyPNG) == blocky)
    }

    // MARK: Presets, levels, defaults

    @Test func presetsMapToTheirCompressors() {
        #expect(PNG.EncodeOptions.fast.compressor == .isalByContent)
        #expect(PNG.EncodeOptions.default.compressor == .libdeflateByContent)
        #expect(PNG.EncodeOptions.small.compressor == .libdeflate(level: 10))
        #expect(PNG.EncodeOptions() == .default)
        for preset in [PNG.EncodeOptions.fast, .default, .small] {
            #expect(preset.filter == .adaptive && preset.alpha == .automatic)
        }
    }

    static let levelNames: [(String, PNG.EncodeOptions)] =
        [("fast", .fast), ("default", .default), ("small", .small), ("SMALL", .small), (" fast\t", .fast)]
        + (0...12).map { ("\($0)", PNG.EncodeOptions(compressor: .libdeflate(level: $0))) }

    @Test("level names parse", arguments: levelNames)
    func levelNamesParse(_ name: String, _ expected: PNG.EncodeOptions) throws {
        #expect(try PNG.EncodeOptions(level: name) == expected)
    }

    @Test("bad level names are rejected", arguments: ["", "13", "-1", "fastest", "6.0", "+6", "best", "1 2", "0x6"])
    func badLevelNamesThrow(_ name: String) {
        #expect(throws: EncodeError.invalidOption("PNG level \"\(name)\" is not fast, default, small or 0…12")) {
            try PNG.EncodeOptions(level: name)
        }
    }

    @Test("out-of-range libdeflate levels throw", arguments: [-1, 13, 100])
    func badCompressorLevelsThrow(_ level: Int) {
        #expect(throws: EncodeError.invalidOption("libdeflate level \(level) is not in 0...12")) {
            try PNG.encode(Pixmap(width: 1, height: 1), options: .init(compressor: .libdeflate(level: level)))
        }
    }

    /// The default switched from zlib level 6 to libdeflate on the strength of this: on a real photo
    /// it is no larger than zlib level 6 with the adaptive filter (libpng's and Pillow's default).
    @Test func defaultIsNoLargerThanZlibLevel6OnAPhoto() throws {
        let photo = try JPEG.decode([UInt8](Data(contentsOf: Fixtures.sample("anomaly-1.jpg"))))
        let zlib = try PNG.encode(photo, options: .init(compressor: .zlib(level: 6)))
        let levelOne = try PNG.encode(photo, options: .init(compressor: .libdeflate(level: 1)))
        let standard = try PNG.encode(photo)
        let small = try PNG.encode(photo, options: .small)
        #expect(standard.count <= zlib.count, "default \(standard.count) B, zlib-6 \(zlib.count) B")
        // A camera photo's bands are level 1 by content: the same size as libdeflate level 1 throughout.
        #expect(small.count < standard.count && standard.count == levelOne.count)
        #expect(try PNG.decode(standard) == photo)
    }
}

// MARK: - Helpers

private struct Chunk {
    var type: String
    var data: [UInt8]
    var crcMatches: Bool
}

private struct MalformedPNG: Error {}

/// Walks the chunks after the signature, checking each CRC against the bitwise reference.
private func parseChunks(_ png: [UInt8]) throws -> [Chunk] {
    var chunks: [Chunk] = []
    var i = 8
    while i < png.count {
        guard i + 12 <= png.count else { throw MalformedPNG() }
        let length = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
        guard i + 12 + length <= png.count else { throw MalformedPNG() }
        let body = Array(png[(i + 4)..<(i + 8 + length)])
        let stored = Array(png[(i + 8 + length)..<(i + 12 + length)])
        chunks.append(
            Chunk(
                type: String(decoding: body.prefix(4), as: UTF8.self), data: Array(body.dropFirst(4)),
                crcMatches: be32(crc32(body)) == stored))
        i += 12 + length
    }
    return chunks
}

func idatPayload(_ png: [UInt8]) throws -> [UInt8] {
    try parseChunks(png).filter { $0.type == "IDAT" }.flatMap(\.data)
}

struct InflateFailed: Error {}

/// zlib stream → bytes, with libdeflate's decompressor (checks the Adler-32 too).
func inflate(_ zlib: [UInt8], expectedCount: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: expectedCount)
    let d = libdeflate_alloc_decompressor()
    defer { libdeflate_free_decompressor(d) }
    let result = zlib.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            libdeflate_zlib_decompress(d, src.baseAddress, src.count, dst.baseAddress, dst.count, nil)
        }
    }
    guard result == LIBDEFLATE_SUCCESS else { throw InflateFailed() }
    return out
}

func inflateRaw(_ deflate: [UInt8], expectedCount: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: expectedCount)
    let d = libdeflate_alloc_decompressor()
    defer { libdeflate_free_decompressor(d) }
    let result = deflate.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            libdeflate_deflate_decompress(d, src.baseAddress, src.count, dst.baseAddress, dst.count, nil)
        }
    }
    guard result == LIBDEFLATE_SUCCESS else { throw InflateFailed() }
    return out
}

private func deflate(_ data: [UInt8], level: Int) -> [UInt8] {
    let c = libdeflate_alloc_compressor(Int32(level))!
    defer { libdeflate_free_compressor(c) }
    let bound = libdeflate_deflate_compress_bound(c, data.count)
    var out = [UInt8](repeating: 0, count: bound)
    let n = data.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer {
            libdeflate_deflate_compress(c, src.baseAddress, src.count, $0.baseAddress, bound)
        }
    }
    return Array(out.prefix(n))
}

/// The `size`² crop of `image` at (`x`, `y`) scaled `scale`× with a Lanczos-3 filter (separable, edges
/// clamped), as image tools upscale photos.
private func lanczosUpscale(_ image: Pixmap, x: Int, y: Int, size: Int, scale: Int) -> Pixmap {
    let n = size * scale
    func kernel(_ t: Double) -> Double {
        if t == 0 { return 1 }
        guard abs(t) < 3 else { return 0 }
        return 3 * sin(Double.pi * t) * sin(Double.pi * t / 3) / (Double.pi * Double.pi * t * t)
    }
    /// For each output coordinate, the source taps (clamped to the crop) and their normalised weights.
    let taps: [[(Int, Double)]] = (0..<n).map { o in
        let centre = (Double(o) + 0.5) / Double(scale) - 0.5
        let base = Int(centre.rounded(.down))
        let raw = ((base - 2)...(base + 3)).map { ($0, kernel(centre - Double($0))) }
        let total = raw.reduce(0) { $0 + $1.1 }
        return raw.map { (min(max($0.0, 0), size - 1), $0.1 / total) }
    }
    // Rows first (size rows × n columns), then columns.
    var wide = [Double](repeating: 0, count: size * n * 3)
    for sy in 0..<size {
        for ox in 0..<n {
            for (sx, weight) in taps[ox] {
                let c = image[x + sx, y + sy]
                for (k, v) in [c.r, c.g, c.b].enumerated() { wide[(sy * n + ox) * 3 + k] += weight * Double(v) }
            }
        }
    }
    var out = Pixmap(width: n, height: n)
    out.withUnsafeMutableBytes { p in
        for oy in 0..<n {
            for ox in 0..<n {
                for k in 0..<3 {
                    let v = taps[oy].reduce(0) { $0 + $1.1 * wide[($1.0 * n + ox) * 3 + k] }
                    p[4 * (oy * n + ox) + k] = UInt8(min(max(v.rounded(), 0), 255))
                }
                p[4 * (oy * n + ox) + 3] = 255
            }
        }
    }
    return out
}

/// The `size`² crop of `image` at (`x`, `y`) with every pixel repeated `scale`× each way.
private func nearestUpscale(_ image: Pixmap, x: Int, y: Int, size: Int, scale: Int) -> Pixmap {
    let n = size * scale
    var out = Pixmap(width: n, height: n)
    out.withUnsafeMutableBytes { p in
        for oy in 0..<n {
            for ox in 0..<n {
                let c = image[x + ox / scale, y + oy / scale]
                (p[4 * (oy * n + ox)], p[4 * (oy * n + ox) + 1], p[4 * (oy * n + ox) + 2]) = (c.r, c.g, c.b)
                p[4 * (oy * n + ox) + 3] = 255
            }
        }
    }
    return out
}

/// Inputs that make libdeflate choose stored, fixed and dynamic blocks, one block or many.
private func scannerInputs() -> [(name: String, data: [UInt8])] {
    var rng = SplitMix(state: 42)
    let noise = (0..<200_000).map { _ in UInt8(rng.below(256)) }
    let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog; ", count: 3000).utf8)
    let smooth = (0..<400_000).map { i in UInt8(truncatingIfNeeded: i / 700 + rng.below(6)) }
    let tiny: [UInt8] = [1, 2, 3]
    // Short enough that a fixed-Huffman block beats a dynamic one's header.
    let short = Array(String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 3).utf8)
    let zeros = [UInt8](repeating: 0, count: 100_000)
    return [
        ("noise", noise), ("text", text), ("smooth", smooth), ("tiny", tiny), ("short", short), ("zeros", zeros),
    ]
}

/// Scanlines per the PNG spec, written for clarity: the expected output of `RowFilter`.
private func referenceScanlines(_ image: Pixmap, channels: Int, filter: PNG.Filter) -> [UInt8] {
    let rowBytes = image.width * channels
    func row(_ y: Int) -> [Int] {
        if y < 0 { return [Int](repeating: 0, count: rowBytes) }
        return (0..<image.width).flatMap { x in
            let c = image[x, y]
            return channels == 4 ? [Int(c.r), Int(c.g), Int(c.b), Int(c.a)] : [Int(c.r), Int(c.g), Int(c.b)]
        }
    }
    func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a)
        let pb = abs(p - b)
        let pc = abs(p - c)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
    func apply(_ type: Int, _ raw: [Int], _ prior: [Int]) -> [UInt8] {
        (0..<rowBytes).map { i in
            let a = i >= channels ? raw[i - channels] : 0
            let b = prior[i]
            let c = i >= channels ? prior[i - channels] : 0
            let predictor = [0, a, b, (a + b) / 2, paeth(a, b, c)][type]
            return UInt8((raw[i] - predictor) & 0xFF)
        }
    }
    var out: [UInt8] = []
    for y in 0..<image.height {
        let raw = row(y)
        let prior = row(y - 1)
        let type: Int
        switch filter {
        case .none: type = 0
        case .sub: type = 1
        case .up: type = 2
        case .average: type = 3
        case .paeth: type = 4
        case .adaptive:
            let sums = (0..<5).map { t in apply(t, raw, prior).reduce(0) { $0 + min(Int($1), 256 - Int($1)) } }
            type = sums.firstIndex(of: sums.min()!)!
        }
        out.append(UInt8(type))
        out += apply(type, raw, prior)
    }
    return out
}
