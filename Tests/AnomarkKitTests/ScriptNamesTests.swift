import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TestSupport
import Testing

@testable import AnomarkKit
@testable import TextRender

/// Class names in Japanese, Arabic and Hindi (issue 13). The system-font step runs through fontconfig with
/// `fonts/subsets` (the Noto subsets) as its only font folder: nothing installed is needed, and nothing installed
/// can change the result.
@Suite("Class names in any script")
struct ScriptNamesTests {
    static let names = ["ひび割れ", "خدش سطحي", "दरार"]
    static let subsets = TestFiles.repo.appendingPathComponent("fonts/subsets").path

    static func result(_ names: [String]) throws -> DetectAnomaliesResult {
        let colors = ["#23A436", "#D62728", "#1F77B4"]
        let entries = names.enumerated().map { i, name in
            "{\"Name\": \"\(name)\", \"PixelAnomaly\": {\"TotalPercentageArea\": 0.0\(i + 1), \"Color\": \"\(colors[i])\"}}"
        }
        let json =
            "{\"IsAnomalous\": true, \"Confidence\": 0.9873, \"Anomalies\": [{\"Name\": \"background\", "
            + "\"PixelAnomaly\": {\"TotalPercentageArea\": 0.94, \"Color\": \"#FFFFFF\"}}, "
            + entries.joined(separator: ", ") + "]}"
        return try DetectAnomaliesResult.parse(Array(json.utf8))
    }

    static func annotate(_ renderer: TextRenderer, names: [String] = names) throws -> Annotation {
        let input = AnnotateInput(
            image: [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestFiles.sample("anomaly-1.jpg")))),
            imageName: "anomaly-1.jpg", detection: try Detection(result(names)), resultName: "result.json")
        return try Annotator(renderer: renderer).annotate(input)
    }

    /// The bar: with the fonts installed (here: the subsets, through fontconfig) no legend line has a box.
    @Test func japaneseArabicAndHindiNamesRenderWithoutBoxes() throws {
        let renderer = try TextRenderer(
            options: TextRendererOptions(systemFonts: true, fontDirectories: [Self.subsets]))
        let annotation = try Self.annotate(renderer)
        #expect(annotation.missingCharacters.isEmpty)
        let legend = try #require(annotation.panel?.items.suffix(3))
        #expect(legend.count == 3)
        for item in legend {
            let glyphs = renderer.positions(item.text, size: annotation.panel!.fontSize)
            #expect(!glyphs.isEmpty && glyphs.allSatisfy { $0.glyph != 0 }, "\(item.text)")
        }
        #expect(renderer.warnings.isEmpty)
    }

    /// Reproduces issue 13: without a font for them the names are boxes, and the annotation says which
    /// characters, so that the warning can name the image.
    @Test func withoutSystemFontsTheAnnotationListsTheMissingCharacters() throws {
        let renderer = try TextRenderer(options: TextRendererOptions(systemFonts: false))
        let annotation = try Self.annotate(renderer)
        // DejaVu Sans has Arabic; the Japanese and Devanagari letters are missing, each listed once.
        #expect(annotation.missingCharacters == ["द", "र", "ा", "ひ", "び", "れ", "割"])
        #expect(renderer.missingCharacters == annotation.missingCharacters)
        #expect(
            renderer.warnings(missingIn: ["anomaly-1.jpg"]) == [
                "warning: anomaly-1.jpg: no font has a glyph for U+0926 'द', U+0930 'र', U+093E '\u{25CC}ा', "
                    + "U+3072 'ひ', U+3073 'び', U+308C 'れ', U+5272 '割'; drawn as missing-glyph boxes"
            ])
        let latin = try Self.annotate(renderer, names: ["cracked"])
        #expect(latin.missingCharacters.isEmpty)
    }
}
