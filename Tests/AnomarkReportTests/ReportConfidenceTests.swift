import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// An anomaly map's verdict has a score, not a confidence: the report says so rather than writing 0.
@Suite struct ReportConfidenceTests {
    @Test func anAnomalyMapsVerdictHasNoConfidence() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let images = root.appendingPathComponent("images")
        try TestFiles.copy("anomaly-1.jpg", to: images.appendingPathComponent("anomaly-1.jpg"))
        try FileManager.default.copyItem(
            atPath: TestFiles.repo.appendingPathComponent("samples/anomaly-maps/anomaly-1.anomaly_map.png").path,
            toPath: images.appendingPathComponent("anomaly-1.anomaly_map.png").path)
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([images.path], output: out)
        let prediction = try #require(outcome.summary.items.first?.prediction)
        #expect(prediction.confidence == nil && prediction.score != nil && prediction.threshold == 0.5)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let item = ((json as? [String: Any])?["items"] as? [[String: Any]])?.first
        let written = try #require(item?["prediction"] as? [String: Any])
        #expect(written["confidence"] == nil && written["score"] is Double)
        #expect(ReportContactSheet.statusText(for: outcome.summary.items[0]).hasPrefix("Anomalous score 0."))
        let csv = try ReportFixtures.read(out.appendingPathComponent("summary.csv"))
        #expect(!csv.contains(",0,") && !csv.contains(",0.0,"))
    }
}
