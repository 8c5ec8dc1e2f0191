import AnomarkTesting
import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TestSupport
import Testing

@testable import AnomarkKit

/// Golden images of annotate's output. Every comparison is exact: rendering is deterministic (bundled font,
/// fixed FreeType settings, integer blending); see golden/README.md for the versions they were made with.
/// To keep the goldens small, large outputs are compared on the region that matters (the panel, or the
/// anomaly with its outline) — the rest of those images is covered by the untouched-pixels tests.
@Suite("annotate goldens")
struct AnnotateGoldenTests {
    static func json(_ anomalous: Bool, _ confidence: Double, _ types: [(String, Double, String)] = []) -> String {
        let entries = ([("background", 0.5, "#FFFFFF")] + types).map { name, area, color in
            "{\"Name\": \"\(name)\", \"PixelAnomaly\": {\"TotalPercentageArea\": \(area), \"Color\": \"\(color)\"}}"
        }
        return
            "{\"IsAnomalous\": \(anomalous), \"Confidence\": \(confidence), \"Anomalies\": [\(entries.joined(separator: ","))]}"
    }

    static func annotate(
        photo: [UInt8], name: String, result: String, mask: Pixmap? = nil, options: AnnotateOptions = .init(),
        parsed: Detection? = nil
    ) throws -> Annotation {
        let input = AnnotateInput(
            image: photo, imageName: name, detection: try parsed ?? LookoutFormat().read(Array(result.utf8)),
            resultName: "result.json", mask: try mask.map { try PNG.encode($0) }, maskName: "mask.png")
        return try Samples.annotator.annotate(input, options: options)
    }

    /// The panel region with a small margin.
    static func panelCrop(_ a: Annotation, margin: Int = 4) -> Pixmap {
        a.image.cropped(to: a.panelBounds.outsetBy(margin))
    }

    // MARK: Panel (classification results)

    @Test func panelOn64x64Crop() throws {
        let photo = try ImageDecoder.decode(TestFiles.bytes("anomaly-4.jpg")).pixmap
        let crop = try PNG.encode(photo.cropped(to: Rect(x: 250, y: 330, width: 64, height: 64)))
        let a = try Self.annotate(photo: crop, name: "crop.png", result: Self.json(true, 0.9973))
        // "Anomalous" does not fit whole on 64 px at the automatic 12 px: the panel goes in the band below.
        #expect(a.image.height > 64 && a.panelBounds.minY >= 64)
        expectMatchesGolden(a.image, "annotate/panel-64x64", tolerance: .exact)
    }

    @Test func panelOn576x768Sample() throws {
        let a = try Self.annotate(
            photo: TestFiles.bytes("normal-1.jpg"), name: "samples/cookies/normal-1.jpg",
            result: String(decoding: TestFiles.bytes("results/normal-1.json"), as: UTF8.self))
        #expect(a.image.width == 576 && a.image.height == 768)
        expectMatchesGolden(Self.panelCrop(a), "annotate/panel-576x768", tolerance: .exact)
    }

    @Test func panelOn4096WideStrip() throws {
        let photo = try ImageDecoder.decode(TestFiles.bytes("anomaly-1.jpg")).pixmap
        let strip = photo.cropped(to: Rect(x: 0, y: 300, width: 576, height: 72)).scaledNearest(to: 4096, height: 512)
        let a = try Self.annotate(photo: try PNG.encode(strip), name: "strip.png", result: Self.json(false, 0.5))
        #expect(a.image.width == 4096 && a.image.height == 512)
        expectMatchesGolden(Self.panelCrop(a), "annotate/panel-4096-strip", tolerance: .exact)
    }

    @Test func longUnicodeFileNameIsShortenedInTheMiddle() throws {
        let name = "Печенье/κουλούρια/über-größe-façade-ñandú/" + String(repeating: "très-long-", count: 8) + "ξ.jpg"
        let a = try Self.annotate(photo: TestFiles.bytes("normal-1.jpg"), name: name, result: Self.json(false, 0.9581))
        let fileLine = try #require(a.panel?.items.first?.text)
        #expect(fileLine.hasPrefix("File: Печенье/") && fileLine.hasSuffix("ξ.jpg") && fileLine.contains("…"))
        expectMatchesGolden(Self.panelCrop(a), "annotate/unicode-file-name", tolerance: .exact)
    }

    // MARK: Placement

    /// Eight classes with every corner busy (`--position auto`, the default): the panel goes in the band and
    /// every region stays in view.
    @Test func everyCornerBusyGivesTheBand() throws {
        let scene = try PlacementTests.scene(width: 320, height: 240, classes: 8, busyCorners: 4)
        var options = AnnotateOptions()
        options.markers = .never
        let a = try Self.annotate(
            photo: scene.0, name: "busy.png", result: "", mask: scene.1, options: options, parsed: scene.2)
        #expect(a.placement == .bandRight || a.placement == .bandBelow)
        expectMatchesGolden(a.image, "annotate/every-corner-busy", tolerance: .exact)
    }
}
