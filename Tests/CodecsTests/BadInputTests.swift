import Foundation
import Raster
import Testing

@testable import Codecs

/// The classes of bad input the decoders must reject with a specific error (never a crash).
@Suite("Bad input")
struct BadInputTests {
    static func samplePNG() -> [UInt8] {
        PNGVariant(colorType: 2, bitDepth: 8, interlaced: false, withTRNS: false).make().bytes()
    }
    static func sampleJPEG() throws -> [UInt8] {
        try JPEG.encode(gradient(width: 64, height: 48, alpha: false), quality: 90)
    }

    @Test func emptyFile() {
        #expect(throws: DecodeError.empty) { try ImageDecoder.decode([]) }
        #expect(throws: DecodeError.empty) { try PNG.decode([]) }
        #expect(throws: DecodeError.empty) { try JPEG.decode([]) }
    }

    @Test(
        "other formats are named",
        arguments: [
            (Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), "GIF"),
            (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "WebP"),
            (Array("BM6\u{0}\u{0}\u{0}".utf8), "damaged BMP header"),
            ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], "TIFF"),
            (Array("hello, this is a text file\n".utf8), "text"),
            (Array("{\"DetectAnomalyResult\": {}}".utf8), "JSON text"),
        ])
    func unsupportedFormatsNameWhatWasFound(_ bytes: [UInt8], _ found: String) {
        #expect(throws: DecodeError.unsupportedFormat(found: found)) { try ImageDecoder.decode(bytes) }
        let message =
            (try? ImageFormat.sniff(bytes)).map { "\($0)" } ?? "\(DecodeError.unsupportedFormat(found: found))"
        #expect(message.contains("supported: PNG, JPEG"))
    }

    @Test func randomBytes() {
        var rng = SplitMix(state: 42)
        let bytes = (0..<512).map { _ in UInt8(rng.below(256)) }
        #expect {
            try ImageDecoder.decode(bytes)
        } throws: { error in
            guard case .unsupportedFormat(let found) = error as? DecodeError else { return false }
            return found.hasPrefix("unknown data")
        }
    }

    @Test("truncated PNG at any point is an error", arguments: [9, 20, 33, 60, 200, 400])
    func truncatedPNG(_ keep: Int) {
        let bytes = Array(Self.samplePNG().prefix(keep))
        #expect {
            try PNG.decode(bytes)
        } throws: { error in
            switch error as? DecodeError {
            case .truncated(.png, _), .corrupt(.png, _): return true
            default: return false
            }
        }
    }

    @Test func pngWithoutItsLastBytesIsTruncated() {
        let full = Self.samplePNG()
        #expect {
            try PNG.decode(Array(full.prefix(full.count - 20)))
        } throws: { error in
            if case .truncated(.png, _) = error as? DecodeError { return true }
            return false
        }
    }

    @Test func badCRCIsReportedByLibpng() {
        var bytes = Self.samplePNG()
        bytes[30] ^= 0x55  // inside the CRC of IHDR (signature 8 + length 4 + type 4 + data 13 = 29…32)
        #expect {
            try PNG.decode(bytes)
        } throws: { error in
            guard case .corrupt(.png, let message) = error as? DecodeError else { return false }
            return message.lowercased().contains("crc")
        }
    }

    @Test func pngHeaderClaiming100000SquaredIsRejectedBeforeAllocating() {
        var ihdr = be32(100_000) + be32(100_000)
        ihdr += [8, 6, 0, 0, 0]
        let bytes =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", [0x78, 0x01])
        #expect(throws: DecodeError.tooLarge(width: 100_000, height: 100_000, maxPixels: 100_000_000)) {
            try ImageDecoder.decode(bytes)
        }
    }

    @Test func jpegSOFClaiming65000SquaredIsRejectedBeforeAllocating() throws {
        var bytes = try Self.sampleJPEG()
        // Find the SOF0 marker and patch its height and width.
        let sof = try #require((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes[sof + 5] = 0xFD
        bytes[sof + 6] = 0xE8  // 65000
        bytes[sof + 7] = 0xFD
        bytes[sof + 8] = 0xE8
        #expect(throws: DecodeError.tooLarge(width: 65000, height: 65000, maxPixels: 100_000_000)) {
            try ImageDecoder.decode(bytes)
        }
    }

    @Test func pixelLimitIsSettable() {
        let bytes = Self.samplePNG()  // 13 × 11 = 143 pixels
        #expect(throws: DecodeError.tooLarge(width: 13, height: 11, maxPixels: 100)) {
            try ImageDecoder.decode(bytes, limits: DecodeLimits(maxPixels: 100))
        }
        #expect(throws: Never.self) { try ImageDecoder.decode(bytes, limits: DecodeLimits(maxPixels: 143)) }
    }

    @Test func truncatedJPEGIsAnErrorByDefaultAndLenientOnRequest() throws {
        let full = try Self.sampleJPEG()
        let cut = Array(full.prefix(full.count * 2 / 3))
        #expect {
            try JPEG.decode(cut)
        } throws: { error in
            guard case .truncated(.jpeg, let message) = error as? DecodeError else { return false }
            return message.contains("Premature end")
        }
        let lenient = try JPEG.decode(cut, options: .init(lenient: true))
        #expect(lenient.width == 64 && lenient.height == 48)
    }

    @Test func jpegCutInsideTheHeaderIsAnError() throws {
        let full = try Self.sampleJPEG()
        #expect(throws: DecodeError.self) { try JPEG.decode(Array(full.prefix(40))) }
        #expect(throws: DecodeError.self) { try JPEG.decode(Array(full.prefix(40)), options: .init(lenient: true)) }
    }

    @Test func corruptJPEGScanIsAnErrorByDefault() throws {
        var bytes = try Self.sampleJPEG()
        let sos = try #require((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        // Garbage markers inside the entropy-coded data.
        for i in stride(from: sos + 30, to: min(bytes.count - 4, sos + 300), by: 17) {
            bytes[i] = 0xFF
            bytes[i + 1] = 0xD3
        }
        #expect(throws: DecodeError.self) { try JPEG.decode(bytes) }
    }

    @Test func fuzzedPNGAndJPEGNeverCrash() throws {
        var rng = SplitMix(state: 99)
        let seeds = [Self.samplePNG(), try Self.sampleJPEG()]
        for seed in seeds {
            for _ in 0..<150 {
                var bytes = seed
                for _ in 0..<(1 + rng.below(8)) { bytes[rng.below(bytes.count)] = UInt8(rng.below(256)) }
                if rng.below(3) == 0 { bytes = Array(bytes.prefix(rng.below(bytes.count))) }
                _ = try? ImageDecoder.decode(bytes)  // any outcome but a crash is fine here
            }
        }
        #expect(Bool(true), "no crash in 300 fuzzed decodes")
    }
}
