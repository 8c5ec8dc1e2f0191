import Codecs
import Detections
import Overlay
import Raster
import Testing

@testable import AnomarkKit

/// Issue 13's bar: no number in the panel or legend is ever shortened, at any accepted `--font-size`, on the
/// cramped shapes (64×64, 4096×16) and the sample size; where a value cannot fit on the image it goes in the band.
@Suite("Panel numbers stay whole")
struct PanelNumbersTests {
    static let result = """
        {"IsAnomalous": true, "Confidence": 0.99971, "Anomalies": [
          {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
          {"Name": "cracked-edge-with-a-very-long-class-name", "PixelAnomaly": {"TotalPercentageArea": 0.0505, "Color": "#FF0000"}},
          {"Name": "pinhole", "PixelAnomaly": {"TotalPercentageArea": 0.0000086, "Color": "#0000FF"}}]}
        """

    static func annotate(width: Int, height: Int, fontSize: Int?) throws -> Annotation {
        let photo = try PNG.encode(Pixmap(width: width, height: height, fill: Color(r: 90, g: 90, b: 90)))
        var options = AnnotateOptions()
        options.style.fontSize = fontSize
        let input = AnnotateInput(
            image: photo, imageName: "a-rather-long-folder/photo.png",
            detection: try LookoutFormat().read(Array(Self.result.utf8)), resultName: "r.json")
        return try Samples.annotator.annotate(input, options: options)
    }

    static func expectWholeNumbers(_ a: Annotation, _ context: String) throws {
        let panel = try #require(a.panel)
        let texts = panel.items.map(\.text)
        #expect(texts.count == 5, "\(context)")
        #expect(texts[1].hasSuffix("Anomalous"), "\(context): \(texts[1])")
        #expect(texts[2].hasSuffix("99.97%") && !texts[2].contains("…"), "\(context): \(texts[2])")
        #expect(texts[3].hasSuffix("  5.05 %"), "\(context): \(texts[3])")
        #expect(texts[4].hasSuffix("  < 0.01 %"), "\(context): \(texts[4])")
        for item in panel.items {
            let width = Samples.annotator.renderer.measure(item.text, size: panel.fontSize).width
            #expect(item.textX + width <= item.box.maxX, "\(context): '\(item.text)' is not clipped by its box")
            #expect(item.box.minX >= 0 && item.box.maxX <= a.image.width, "\(context): box inside the canvas")
            #expect(item.box.minY >= 0 && item.box.maxY <= a.image.height, "\(context): box inside the canvas")
        }
    }

    @Test("64×64 and 4096×16 at every accepted size", arguments: [(64, 64), (4096, 16)])
    func cramped(_ width: Int, _ height: Int) throws {
        #expect(Panel.fontSizeRange(width: width, height: height) == 8...16)
        // In the band there is room for names too: the band grows (up to 1024 px) rather than shorten them.
        let auto = try Self.annotate(width: width, height: height, fontSize: nil)
        #expect(auto.panel?.items[3].text == "cracked-edge-with-a-very-long-class-name  5.05 %")
        for size in [nil] + Array(Panel.fontSizeRange(width: width, height: height)) {
            try Self.expectWholeNumbers(
                try Self.annotate(width: width, height: height, fontSize: size), "\(width)×\(height) @\(size ?? 0)")
        }
    }

    @Test func sampleSizeAtAcceptedSizes() throws {
        #expect(Panel.fontSizeRange(width: 576, height: 768) == 8...96)
        for size in stride(from: 8, through: 96, by: 4) {
            let a = try Self.annotate(width: 576, height: 768, fontSize: size)
            try Self.expectWholeNumbers(a, "576×768 @\(size)")
        }
    }

    @Test func aSizeOutsideTheImagesRangeIsAUsageErrorNamingTheRange() throws {
        #expect {
            try Self.annotate(width: 576, height: 768, fontSize: 97)
        } throws: { error in
            guard let error = error as? AnomarkError else { return false }
            return error.kind == .usage && error.problem.contains("8...96")
        }
    }

    @Test func batchRunsClampTheSizeToEachImage() throws {
        let photo = try PNG.encode(Pixmap(width: 64, height: 64, fill: .white))
        var options = AnnotateOptions()
        options.style.fontSize = 90
        options.clampFontSize = true
        let a = try Samples.annotator.annotate(
            AnnotateInput(
                image: photo, imageName: "p.png", detection: try LookoutFormat().read(Array(Self.result.utf8)),
                resultName: "r"), options: options)
        #expect(a.panel?.fontSize == 16)
    }
}
