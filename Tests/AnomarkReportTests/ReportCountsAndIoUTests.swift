import AnomarkKit
import Detections
import Foundation
import Overlay
import TestSupport
import Testing

@testable import AnomarkReport

/// Correct numbers and text: "no result" apart from failures, plurals, IoU only where both masks exist, and
/// the anomaly types listed in the legend's order everywhere.
@Suite struct ReportCountsAndIoUTests {
    private func summary(_ statuses: [ReportRecord.Status]) -> ReportSummary {
        let records = statuses.enumerated().map { i, status in
            ReportRecord(key: "k\(i)", name: "k\(i)", image: nil, result: nil, truthMask: nil, status: status)
        }
        return ReportSummary(title: "t", shard: nil, totalItems: records.count, items: records, contactSheets: [])
    }

    @Test func theClosingLineCountsNoResultApartAndSaysOneImage() {
        let one = ReportOutcome(summary: summary([.noResult]), processed: 1, skipped: 0)
        #expect(
            one.line(reportPath: "r/index.html")
                == "report: 1 image (0 anomalous, 0 normal, 0 failed, 1 without result) in r/index.html")
        #expect(one.exitCode == 1)
        let many = ReportOutcome(summary: summary([.failed, .ok, .noResult, .noResult]), processed: 4, skipped: 0)
        #expect(many.summary.counts.failed == 1 && many.summary.counts.noResult == 2)
        #expect(
            many.line(reportPath: "x").hasPrefix("report: 4 images (0 anomalous, 0 normal, 1 failed, 2 without result)")
        )
        let clean = ReportOutcome(summary: summary([.failed]), processed: 1, skipped: 0)
        #expect(clean.line(reportPath: "x") == "report: 1 image (0 anomalous, 0 normal, 1 failed) in x")
        #expect(ReportOutcome.count(1, "image") == "1 image" && ReportOutcome.count(0, "image") == "0 images")
    }

    @Test func iouOnlyWhereBothMasksExist() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try ReportFixtures.runGettingStarted(output: root)
        let byKey = Dictionary(uniqueKeysWithValues: outcome.summary.items.map { ($0.key, $0) })
        // False positives on normal lines (no mask in the manifest) and a classification-only false negative:
        // no IoU, and none in the mean.
        for key in ["training-images/normal-4.jpg", "training-images/normal-5.jpg", "training-images/anomaly-7.jpg"] {
            #expect(byKey[key]?.iou == [], "\(key)")
        }
        #expect(byKey["training-images/anomaly-1.jpg"]?.iou.first?.iou == 1)
        #expect(outcome.summary.metrics.meanIoU == [.init(name: "cracked", meanIoU: 1, images: 9)])
    }

    /// A manifest without predictions is a report of ground truth: no empty confidence chart, no prediction
    /// columns, no all-zero confusion matrix; the counts say where they come from. With the predictions the same
    /// dataset gets all of them.
    @Test func groundTruthOnlyShowsNoEmptyPredictionParts() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = TestFiles.gettingStarted
        let manifest = dataset.appendingPathComponent("manifests/template.manifest").path
        _ = try ReportFixtures.run([manifest], output: root.appendingPathComponent("truth")) {
            $0.baseDirectory = dataset.path
        }
        _ = try ReportFixtures.runGettingStarted(output: root.appendingPathComponent("both"))
        let truthOnly = try ReportFixtures.read(root.appendingPathComponent("truth/index.html"))
        let both = try ReportFixtures.read(root.appendingPathComponent("both/index.html"))
        func columns(_ html: String) -> [String] {
            (ReportFixtures.pageData(html)?["columns"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(columns(truthOnly) == ["file", "truth", "status"])
        #expect(columns(both) == ["file", "prediction", "score", "anomalies", "truth", "iou", "status"])
        for (marker, inBoth) in [
            ("class=\"histogram\"", true), ("id=\"matrix\"", true), ("id=\"pr-curve\"", true),
            ("<option value=\"fn\">", true), ("id=\"truth-only\"", false), ("Counted by the ground truth", false),
        ] {
            #expect(truthOnly.contains(marker) == !inBoth, "\(marker) in the ground-truth-only page")
            #expect(both.contains(marker) == inBoth, "\(marker) in the page with predictions")
        }
        #expect(ReportFixtures.pageData(truthOnly)?["hasPrediction"] as? Bool == false)
    }

    @Test func anomalyTypesAreListedInTheLegendsOrder() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("images")
        try TestFiles.copy("normal-1.jpg", to: folder.appendingPathComponent("a.jpg"))
        // Result order: small before large; the legend puts the larger area first.
        let result = """
            {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.94, "Color": "#FFFFFF"}},
              {"Name": "small", "PixelAnomaly": {"TotalPercentageArea": 0.01, "Color": "#FF0000"}},
              {"Name": "large", "PixelAnomaly": {"TotalPercentageArea": 0.05, "Color": "#0000FF"}}]}
            """
        try Data(result.utf8).write(to: folder.appendingPathComponent("a.json"))
        let outcome = try ReportFixtures.run([folder.path], output: root.appendingPathComponent("r"))
        let record = try #require(outcome.summary.items.first)
        let detection = try ResultFormats.auto.read([UInt8](result.utf8))
        let legend = Panel.legendEntries(for: detection).map(\.name)
        #expect(legend == ["large", "small"])
        #expect(record.prediction?.anomalies.map(\.name) == legend)
        let csv = try String(contentsOf: root.appendingPathComponent("r/summary.csv"), encoding: .utf8)
        #expect(csv.contains("large 5.00%; small 1.00%"))
        let html = try String(contentsOf: root.appendingPathComponent("r/index.html"), encoding: .utf8)
        // The page's data block lists them in the same order.
        let large = try #require(html.range(of: #""n":"large""#))
        let small = try #require(html.range(of: #""n":"small""#))
        #expect(large.lowerBound < small.lowerBound)
    }
}
