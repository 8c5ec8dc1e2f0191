import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// The classification at a threshold: "anomalous" re-derived from each item's score of "anomalous".
@Suite struct ReportThresholdTests {
    private func record(
        _ truth: Bool?, _ anomalous: Bool, _ confidence: Double?, score: Double? = nil,
        threshold: Double? = nil, status: ReportRecord.Status = .ok
    ) -> ReportRecord {
        var r = ReportRecord(key: "k", name: "k", image: nil, result: nil, truthMask: nil, status: status)
        r.truth = ReportRecord.Truth(isAnomalous: truth, anomalies: [], hasMask: false)
        r.prediction = ReportRecord.Prediction(
            isAnomalous: anomalous, confidence: confidence, anomalies: [], score: score, threshold: threshold)
        return r
    }

    /// TP, FP, TN, FN.
    private func counts(_ c: ReportMetrics.Classification) -> [Int] {
        [c.truePositives, c.falsePositives, c.trueNegatives, c.falseNegatives]
    }

    @Test func scoresAreTheProbabilityOfAnomalousAndTheThresholdIsStrict() throws {
        let records = [
            record(true, true, 0.95),  // score 0.95
            record(true, false, 0.8),  // 0.2: a false negative
            record(false, true, 0.6),  // 0.6: a false positive
            record(false, false, 0.5),  // 0.5: normal at 0.5 (score > t only)
            record(true, true, 1.0),  // 1.0: normal at 1.0
            record(nil, true, 0.9),  // no truth label: not compared
            record(true, true, 0.9, status: .failed),  // failed: not compared
        ]
        let stored = try #require(ReportMetrics.classification(of: records))
        #expect(
            counts(stored) == [2, 1, 1, 1] as [Int])
        #expect(ReportMetrics.classification(of: records, threshold: 0.5) == stored)
        let high = try #require(ReportMetrics.classification(of: records, threshold: 0.9))
        #expect(counts(high) == [2, 0, 2, 1] as [Int])
        let one = try #require(ReportMetrics.classification(of: records, threshold: 1.0))
        #expect(one.truePositives + one.falsePositives == 0 && one.precision == nil && one.recall == 0)
        let zero = try #require(ReportMetrics.classification(of: records, threshold: 0))
        #expect(zero.truePositives == 3 && zero.falsePositives == 2)
        let metrics = ReportMetrics(records: records)
        #expect(metrics.thresholds?.map(\.threshold) == ReportMetrics.thresholdSteps)
        #expect(metrics.thresholds?[5].classification == stored)
        #expect(metrics.thresholds?[9].threshold == 0.9 && metrics.thresholds?[9].classification == high)
        #expect(ReportMetrics.classification(of: [record(nil, true, 0.9)]) == nil)
    }

    @Test func rawScoresWithTheirOwnThresholdGetNoWhatIfTable() {
        let records = [record(true, true, nil, score: 12.5, threshold: 8), record(false, false, 0.9)]
        let metrics = ReportMetrics(records: records)
        #expect(metrics.classification?.truePositives == 1)
        #expect(metrics.thresholds == nil)
        // The raw score against the item's own threshold is still what classification(of:threshold:) reads.
        #expect(ReportMetrics.classification(of: records, threshold: 10)?.truePositives == 1)
        #expect(ReportMetrics.classification(of: records, threshold: 13)?.truePositives == 0)
    }

    @Test func theGettingStartedSampleGivesTheFiguresNumpyDoes() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try ReportFixtures.runGettingStarted(output: root)
        #expect(outcome.summary.counts.images == 16 && outcome.summary.counts.failed == 0)
        let metrics = outcome.summary.metrics
        let c = try #require(metrics.classification)
        // tools/report-metrics-check computes these with numpy from the same files.
        #expect(counts(c) == [9, 2, 4, 1] as [Int])
        let figures = Dictionary(
            uniqueKeysWithValues: (metrics.thresholds ?? []).map { ($0.threshold, $0.classification) })
        #expect(figures[0.5] == c)
        let high = try #require(figures[0.9])
        #expect(counts(high) == [6, 1, 5, 4] as [Int])
        #expect(figures[1.0]?.truePositives == 0 && figures[1.0]?.falsePositives == 0)
        // summary.json carries them for the page and the check.
        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: root.appendingPathComponent("summary.json"))) as? [String: Any]
        let listed = (json?["metrics"] as? [String: Any])?["thresholds"] as? [[String: Any]]
        #expect(listed?.count == 11 && listed?[9]["threshold"] as? Double == 0.9)
    }
}
