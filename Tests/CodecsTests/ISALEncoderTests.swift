import CISAL
import Foundation
import Raster
import Testing

@testable @_spi(Fuzzing) @_spi(Benchmarks) import Codecs

// The ISA-L (igzip) path of the PNG writer, `Compressor.isal` and `.isalByContent` (the `fast` preset): every
// filter round-trips through both decoders, bands joined by igzip's own full flush inflate to the single band's
// scanlines, the bytes do not depend on threads or on what the heap held before, and a stream that does not fit
// is refused, not cut.
// References: libpng and libdeflate's decompressor (helpers in DeflateEncoderTests.swift).

@Suite("PNG ISA-L encoder")
struct ISALEncoderTests {
    @Test("every filter round-trips through libpng and the fast path", arguments: PNG.Filter.allCases)
    func filtersRoundTrip(_ filter: PNG.Filter) throws {
        for seed in [1, 2] {
            for alpha in [false, true] {
                let image = gradient(width: 61, height: 37, alpha: alpha, seed: UInt64(seed))
                let options = PNG.EncodeOptions(compressor: .isal, filter: filter)
                let png = try PNG.encode(image, options: options)
                #expect(try PNG.header(png).colorType == (alpha ? 6 : 2))
                #expect(try PNG.decodeWithLibpng(png, limits: DecodeLimits()) == image, "\(filter) alpha=\(alpha)")
                #expect(try PNG.decodeWithFastPath(png, limits: DecodeLimits()) == image, "\(filter) alpha=\(alpha)")
            }
        }
    }

    /// Bands end with igzip's full flush instead of a rewritten final block: however many there are, the stream
    /// inflates to the one-band scanlines (so the joint is a valid DEFLATE block boundary) and decodes to the
    /// pixels.
    @Test("banded ISA-L output inflates to the one-band scanlines", arguments: [1, 700, 9_000, 20_000])
    func bandsJoin(_ bandBytes: Int) throws {
        for alpha in [false, true] {
            let image = gradient(width: 120, height: 64, alpha: alpha, seed: 21)
            var encoder = PNG.DeflateEncoder(level: 1, filter: .adaptive, channels: alpha ? 4 : 3)
            encoder.isal = true
            encoder.bandBytes = Int.max
            let single = try encoder.encode(image)
            encoder.bandBytes = bandBytes
            let banded = try encoder.encode(image)
            let joined = banded != single  // a Bool, so that a failure does not print both files
            #expect(joined, "several bands were written")
            let count = 64 * (120 * (alpha ? 4 : 3) + 1)
            #expect(
                try inflate(idatPayload(banded), expectedCount: count)
                    == inflate(idatPayload(single), expectedCount: count))
            #expect(try PNG.decodeWithLibpng(banded, limits: DecodeLimits()) == image)
            #expect(try PNG.decodeWithFastPath(banded, limits: DecodeLimits()) == image)
        }
    }

    @Test func theSameBytesOnOneThreadOrMany() throws {
        let image = gradient(width: 1200, height: 900, alpha: false, seed: 13)
        var encoder = PNG.DeflateEncoder(level: 1, filter: .adaptive, channels: 3)
        encoder.isal = true
        #expect(900 * (1200 * 3 + 1) > 2 * encoder.bandBytes)
        encoder.parallel = true
        let parallel = try encoder.encode(image)
        encoder.parallel = false
        #expect(try encoder.encode(image) == parallel)
        #expect(try PNG.encode(image, options: .init(compressor: .isal)) == parallel)
        #expect(try PNG.decode(parallel) == image)
    }

    /// igzip's stateless init leaves the stream's window size (`hist_bits`) as it finds it: a stream structure
    /// taken from heap memory that held 8 there got a 256-byte window, and files came out up to a third larger
    /// depending on what the process had allocated before. Blocks of the structure's size, filled so that every
    /// 16-bit field reads 8, are freed just before encoding on this thread (`parallel: false`), where the
    /// allocator hands them out again; the bytes must not change.
    @Test func staleHeapMemoryDoesNotChangeTheBytes() throws {
        let image = gradient(width: 300, height: 200, alpha: false, seed: 17)
        let options = PNG.EncodeOptions(compressor: .isal, parallel: false)
        let clean = try PNG.encode(image, options: options)
        for _ in 0..<3 {
            let size = MemoryLayout<isal_zstream>.size
            let blocks = (0..<8).map { _ in
                let block = malloc(size)!
                let halves = block.bindMemory(to: UInt16.self, capacity: size / 2)
                for i in 0..<(size / 2) { halves[i] = 8 }
                return block
            }
            for block in blocks { free(block) }
            #expect(try PNG.encode(image, options: options) == clean)
        }
    }

    /// The worst case is a stored stream: random bytes fit the default capacity, both as a final stream and as a
    /// flushed band; a capacity below what igzip needs gives nil (the writer then falls back to
    /// libdeflate) instead of a cut stream.
    @Test func incompressibleBytesFitAndTooSmallACapacityIsRefused() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<200_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let level = PNG.DeflateEncoder.isalLevel
        for final in [true, false] {
            let out = try #require(PNG.DeflateEncoder.isalCompress(bytes, level: level, final: final))
            #expect(out.count > bytes.count, "random bytes do not compress")
            let tail = final ? out : out + [0x03, 0x00]  // a final empty fixed block after the flush
            #expect(try inflateRaw(tail, expectedCount: bytes.count) == bytes, "final \(final)")
            #expect(PNG.DeflateEncoder.isalCompress(bytes, level: level, final: final, capacity: 1000) == nil)
        }
    }

    /// A band's compressed bytes are kept until the file is assembled: they must not hold on to the worst-case
    /// buffer igzip wrote into (200 KB of zeros compress to a few hundred bytes).
    @Test func compressedBandsKeepOnlyTheirBytes() throws {
        let zeros = [UInt8](repeating: 0, count: 200_000)
        let out = try #require(PNG.DeflateEncoder.isalCompress(zeros, level: PNG.DeflateEncoder.isalLevel, final: true))
        #expect(out.count < 2000 && out.capacity < 4096, "\(out.count) bytes in a buffer of \(out.capacity)")
        #expect(try inflateRaw(out, expectedCount: zeros.count) == zeros)
    }

    /// `isalByContent` writes each band as ISA-L where the adaptive residual shows detail and as libdeflate level 1
    /// where it is smooth: the same bytes as those compressors alone on images of one kind, and a mix of both on
    /// one whose top is smooth and bottom noisy.
    @Test func byContentTakesISALForDetailAndLibdeflateForSmoothBands() throws {
        let noisy = gradient(width: 400, height: 300, alpha: false, seed: 3)
        let smooth = gradient(width: 400, height: 300, alpha: false, noise: false)
        #expect(PNG.meanResidual(noisy, channels: 3) >= 3 && PNG.meanResidual(smooth, channels: 3) < 3)
        let isal = PNG.EncodeOptions(compressor: .isal)
        let one = PNG.EncodeOptions(compressor: .libdeflate(level: 1))
        let byContent = PNG.EncodeOptions(compressor: .isalByContent)
        #expect(try PNG.encode(noisy, options: byContent) == PNG.encode(noisy, options: isal))
        #expect(try PNG.encode(smooth, options: byContent) == PNG.encode(smooth, options: one))
        // Two bands of 150 rows: smooth on top, noisy below.
        let half = 150 * 400 * 4
        let mixed = Pixmap(
            width: 400, height: 300, pixels: Array(smooth.pixels[..<half]) + Array(noisy.pixels[half...]))
        let bands = 300 * (400 * 3 + 1) / 2
        let fast = try PNG.encode(mixed, options: .init(compressor: .isalByContent, bandBytes: bands))
        let allISAL = try PNG.encode(mixed, options: .init(compressor: .isal, bandBytes: bands))
        let allOne = try PNG.encode(mixed, options: .init(compressor: .libdeflate(level: 1), bandBytes: bands))
        let mixedCompressors = fast != allISAL && fast != allOne
        #expect(mixedCompressors)
        #expect(try PNG.decodeWithLibpng(fast, limits: DecodeLimits()) == mixed)
        #expect(try PNG.decodeWithFastPath(fast, limits: DecodeLimits()) == mixed)
    }

    /// `fast` is ISA-L by content: on the sample photo (camera detail, so ISA-L level 3) about zlib 6's size, no
    /// larger, and a little larger than `default`'s libdeflate level 1.
    @Test func fastIsNoLargerThanZlib6OnThePhoto() throws {
        #expect(PNG.EncodeOptions.fast.compressor == .isalByContent)
        let photo = try JPEG.decode([UInt8](Data(contentsOf: Fixtures.sample("anomaly-1.jpg"))))
        let zlib = try PNG.encode(photo, options: .init(compressor: .zlib(level: 6)))
        let fast = try PNG.encode(photo, options: .fast)
        let standard = try PNG.encode(photo)
        #expect(try fast == PNG.encode(photo, options: .init(compressor: .isal)))
        #expect(fast.count <= zlib.count, "fast \(fast.count) B, zlib-6 \(zlib.count) B")
        #expect(standard.count < fast.count && fast.count < standard.count * 103 / 100)
        #expect(try PNG.decode(fast) == photo)
    }
}
