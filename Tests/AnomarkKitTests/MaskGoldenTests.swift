import AnomarkTesting
import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TestSupport
import Testing

@testable import AnomarkKit

/// Golden images of the mask compositor as the annotate pipeline drives it. All exact.
@Suite("mask goldens")
struct MaskGoldenTests {
    /// The anomaly's region (mask bounds with outline and margin) of an annotated sample.
    static func anomalyCrop(_ a: Annotation, mask: Pixmap) -> Pixmap {
        var bounds = Rect(x: 0, y: 0, width: 0, height: 0)
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask[x, y].a > 0 && mask[x, y] != .white {
                bounds = bounds.union(Rect(x: x, y: y, width: 1, height: 1))
            }
        }
        return a.image.cropped(to: bounds.outsetBy(8))
    }

    @Test(
        "real masks: palette+tRNS, RGBA, service-style RGB",
        arguments: [
            ("anomaly-1", "ground-truth-palette"), ("anomaly-4", "ground-truth-rgba"), ("anomaly-5", "service-rgb"),
        ])
    func sampleMask(_ sample: String, _ golden: String) throws {
        let result = try Samples.result(sample)
        let maskBytes = try #require(try result.decodedAnomalyMask())
        let mask = try PNG.decode(maskBytes)
        var options = AnnotateOptions()
        options.drawPanel = false
        let input = AnnotateInput(
            image: try TestFiles.bytes("\(sample).jpg"), imageName: sample, detection: try Detection(result),
            resultName: "r.json")
        let a = try Samples.annotator.annotate(input, options: options)
        expectMatchesGolden(Self.anomalyCrop(a, mask: mask), "mask/\(golden)", tolerance: .exact)
    }

    /// A 240×200 smooth photo, eight anomaly types in a grid on its right half (the panel and legend take the
    /// left) plus one colour nobody lists, with soft alpha edges.
    static func synthetic() -> (photo: [UInt8], mask: Pixmap, result: String) {
        var photo = Pixmap(width: 240, height: 200)
        for y in 0..<200 {
            for x in 0..<240 {
                photo[x, y] = Color(r: UInt8(40 + x * 3 / 4), g: UInt8(60 + y / 2), b: UInt8(120 + (x + y) / 8))
            }
        }
        let colors = ["#E6194B", "#3CB44B", "#FFE119", "#4363D8", "#F58231", "#911EB4", "#46F0F0", "#1A1A1A"]
        var mask = Pixmap(width: 240, height: 200, fill: .transparent)
        for (i, hex) in colors.enumerated() {
            let c = Color(hex: hex)!
            let r = Rect(x: 130 + (i % 2) * 52, y: 8 + (i / 2) * 46, width: 30 + i, height: 30)
            mask.fill(r, with: c)
            mask.fill(Rect(x: r.maxX, y: r.y, width: 4, height: r.height), with: c.withAlpha(96))  // soft edge
        }
        mask.fill(Rect(x: 40, y: 180, width: 8, height: 8), with: Color(r: 1, g: 2, b: 3))  // unlisted
        let types = colors.enumerated().map { i, hex in (("type-\(i)"), 0.01 * Double(i + 1), hex) }
        return (try! PNG.encode(photo), mask, AnnotateGoldenTests.json(true, 0.91, types))
    }

    @Test(
        "synthetic eight types: opacity and outlines",
        arguments: [
            (0.5, true, "eight-types"), (0.0, true, "opacity-0"), (1.0, false, "opacity-1-no-outline"),
            (0.5, false, "outline-off"),
        ])
    func synthetic(_ opacity: Double, _ outline: Bool, _ golden: String) throws {
        let (photo, mask, result) = Self.synthetic()
        var options = AnnotateOptions()
        options.composite.opacity = opacity
        options.composite.outline = outline
        options.composite.outlineWidth = 2
        options.drawPanel = golden == "eight-types"
        options.style.fontSize = 10
        let a = try AnnotateGoldenTests.annotate(
            photo: photo, name: "synthetic.png", result: result, mask: mask, options: options)
        #expect(a.maskReport?.unlistedPixels == 64)
        #expect(a.warnings.count == 1 && a.warnings[0].contains("#010203"))
        if golden == "opacity-0" {
            // Opacity 0 paints no fill: only the outline changes pixels.
            #expect(a.maskReport?.outlinedPixels ?? 0 > 0)
        }
        expectMatchesGolden(a.image, "mask/\(golden)", tolerance: .exact)
    }

    @Test func exifRotatedPhotoWithItsMask() throws {
        // Stored 80×48 (landscape), EXIF orientation 6: shown upright as 48×80.
        var photo = Pixmap(width: 80, height: 48)
        for y in 0..<48 { for x in 0..<80 { photo[x, y] = Color(r: UInt8(3 * x), g: UInt8(4 * y), b: 128) } }
        let jpeg = AnnotatorTests.withOrientation6(try JPEG.encode(photo, quality: 95))
        var mask = Pixmap(width: 80, height: 48, fill: .white)
        mask.fill(Rect(x: 4, y: 4, width: 20, height: 10), with: Color(hex: "#23A436")!)
        var options = AnnotateOptions()
        options.drawPanel = false
        let a = try AnnotateGoldenTests.annotate(
            photo: jpeg, name: "rotated.jpg",
            result: AnnotateGoldenTests.json(true, 0.8, [("cracked", 0.05, "#23A436")]),
            mask: mask, options: options)
        #expect(a.image.width == 48 && a.image.height == 80)
        expectMatchesGolden(a.image, "mask/exif-rotated", tolerance: .exact)
    }
}
