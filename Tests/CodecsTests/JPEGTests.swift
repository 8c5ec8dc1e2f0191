import Foundation
import Raster
import Testing

@testable import Codecs

/// Mean absolute difference per channel over RGB (alpha ignored).
func meanAbsoluteError(_ a: Pixmap, _ b: Pixmap) -> Double {
    precondition(a.width == b.width && a.height == b.height)
    var sum = 0
    for i in 0..<a.pixels.count where i % 4 != 3 { sum += abs(Int(a.pixels[i]) - Int(b.pixels[i])) }
    return Double(sum) / Double(a.pixelCount * 3)
}

@Suite("JPEG decoding and encoding")
struct JPEGTests {
    static let colorFixtures = [
        "baseline-420.jpg", "baseline-422.jpg", "baseline-444.jpg", "progressive.jpg", "cmyk-adobe.jpg",
    ]

    @Test("colour JPEGs decode close to their source", arguments: colorFixtures)
    func decodesColorVariant(_ name: String) throws {
        let reference = try PNG.decode(Fixtures.bytes("reference.rgb.png"))
        let image = try JPEG.decode(Fixtures.bytes(name))
        #expect(image.width == 48 && image.height == 32)
        #expect(image.isOpaque)
        let error = meanAbsoluteError(image, reference)
        #expect(error < 4, "mean error \(error) against the source")
    }

    @Test func headersTellTheVariant() throws {
        #expect(try JPEG.header(Fixtures.bytes("progressive.jpg")).progressive)
        #expect(try !JPEG.header(Fixtures.bytes("baseline-420.jpg")).progressive)
        let cmyk = try JPEG.header(Fixtures.bytes("cmyk-adobe.jpg"))
        #expect((cmyk.colorSpace == .cmyk || cmyk.colorSpace == .ycck) && cmyk.adobeMarker && cmyk.components == 4)
        #expect(try JPEG.header(Fixtures.bytes("grayscale.jpg")).colorSpace == .grayscale)
    }

    @Test func greyscaleDecodesToEqualChannels() throws {
        let reference = try PNG.decode(Fixtures.bytes("reference.gray.png"))
        let image = try JPEG.decode(Fixtures.bytes("grayscale.jpg"))
        for i in stride(from: 0, to: image.pixels.count, by: 4) {
            #expect(image.pixels[i] == image.pixels[i + 1] && image.pixels[i] == image.pixels[i + 2])
        }
        #expect(meanAbsoluteError(image, reference) < 3)
    }

    @Test func encodeRoundTripsCloseToTheSource() throws {
        let image = gradient(width: 64, height: 48, alpha: false, noise: false)
        let bytes = try JPEG.encode(image, quality: 95)
        #expect(try ImageFormat.sniff(bytes) == .jpeg)
        let back = try JPEG.decode(bytes)
        #expect(meanAbsoluteError(back, image) < 6)
        #expect(try JPEG.encode(image, quality: 95) == bytes, "deterministic output")
    }

    @Test func realSamplePhotoDecodes() throws {
        let decoded = try ImageDecoder.decode([UInt8](Data(contentsOf: Fixtures.sample("anomaly-1.jpg"))))
        #expect(decoded.format == .jpeg)
        #expect(decoded.pixmap.width == 576 && decoded.pixmap.height == 768)
        #expect(decoded.orientation == .up)
    }

    @Test func exifOrientationIsReadAndApplied() throws {
        let bytes = try Fixtures.bytes("orientation-6.jpg")
        #expect(EXIF.orientation(jpeg: bytes) == .right)
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.orientation == .right)
        let upright = decoded.upright
        #expect(upright.width == 32 && upright.height == 48)
        // Rotating 90° clockwise puts the stored bottom-left corner at the top-left.
        #expect(upright[0, 0] == decoded.pixmap[0, 31])
    }

    @Test func exifParserSurvivesGarbage() {
        var rng = SplitMix(state: 7)
        for length in 0..<200 {
            var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, UInt8(length)] + Array("Exif\0\0".utf8)
            bytes += (0..<length).map { _ in UInt8(rng.below(256)) }
            _ = EXIF.orientation(jpeg: bytes)  // must not trap
        }
        #expect(EXIF.orientation(jpeg: [0xFF, 0xD8]) == nil)
    }
}
