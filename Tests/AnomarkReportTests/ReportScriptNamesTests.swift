import AnomarkKit
import Foundation
import TestSupport
import Testing
import TextRender

@testable import AnomarkReport

/// Class names in any script (issue 13) through a report: each record names the characters no font has.
@Suite("Class names in any script, in a report")
struct ReportScriptNamesTests {
    @Test func theReportNamesTheImagesWithMissingCharacters() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("images")
        for (stem, names) in [("a", ["ひび"]), ("b", ["cracked"]), ("c", ["割れ", "दरार"])] {
            try TestFiles.copy("anomaly-1.jpg", to: folder.appendingPathComponent("\(stem).jpg"))
            let json = try JSONSerialization.data(withJSONObject: [
                "IsAnomalous": true, "Confidence": 0.9,
                "Anomalies": [
                    ["Name": "background", "PixelAnomaly": ["TotalPercentageArea": 0.9, "Color": "#FFFFFF"]]
                ]
                    + names.enumerated().map { i, name in
                        [
                            "Name": name,
                            "PixelAnomaly": ["TotalPercentageArea": 0.05, "Color": ["#23A436", "#D62728"][i]],
                        ]
                    },
            ])
            try json.write(to: folder.appendingPathComponent("\(stem).json"))
        }
        let renderer = try TextRenderer(options: TextRendererOptions(systemFonts: false))
        let options = ReportOptions(
            outputDirectory: root.appendingPathComponent("out").path, jobs: 2, progress: .quiet)
        let outcome = try ReportRunner(
            inputs: [folder.path], options: options, annotator: Annotator(renderer: renderer)
        )
        .run()
        let records = Dictionary(uniqueKeysWithValues: outcome.summary.items.map { ($0.key, $0) })
        #expect(records["a.jpg"]?.missingCharacters == "ひび")
        #expect(records["b.jpg"]?.missingCharacters == nil)
        #expect(records["c.jpg"]?.missingCharacters == "दराれ割")
        #expect(records["a.jpg"]?.warnings == ["no font has a glyph for U+3072 'ひ', U+3073 'び'"])
        #expect(records["b.jpg"]?.warnings == [])
        // The record keeps them for a resumed run and a merge.
        let stored = try JSONDecoder().decode(ReportRecord.self, from: try JSONEncoder().encode(records["c.jpg"]!))
        #expect(stored.missingCharacters == "दराれ割")
    }
}
