import AnomarkKit
import Detections
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// `anomark report CATEGORY --results PREDICTIONS` on the MVTec AD-style samples (samples/mvtec): the layout is
/// recognised, the truth is binary and class-agnostic, and the IoU is numpy's on the same masks.
@Suite struct ReportMVTecTests {
    static let category = TestFiles.mvtec.appendingPathComponent("cookie")
    static let predictions = TestFiles.mvtec.appendingPathComponent("predictions")

    /// Per image, intersection and union as numpy counts them (tools/iou-check, which applies the documented
    /// rule to the files itself), at --color-tolerance 0 and 8; nil: both masks empty, no IoU.
    static let numpy: [Int: [String: (Int, Int)?]] = [
        0: [
            "test/crack/000.png": (337, 528), "test/crack/001.png": (346, 677), "test/crack/002.png": (309, 676),
            "test/crack/003.png": (635, 1303), "test/good/000.png": nil, "test/good/001.png": (0, 80),
        ],
        8: [
            "test/crack/000.png": (405, 537), "test/crack/001.png": (415, 736), "test/crack/002.png": (367, 708),
            "test/crack/003.png": (763, 1376), "test/good/000.png": nil, "test/good/001.png": (0, 80),
        ],
    ]

    @Test(arguments: [0, 8])
    func iouPerImageAndMeanAreNumpys(tolerance: Int) throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try ReportFixtures.run([Self.category.path], output: root.appendingPathComponent("r")) {
            $0.resultsDirectory = Self.predictions.path
            $0.annotate.composite.colorTolerance = tolerance
        }
        #expect(outcome.exitCode == 0)
        let expected = try #require(Self.numpy[tolerance])
        let items = outcome.summary.items
        #expect(items.map(\.key) == expected.keys.sorted())
        var crack: [Double] = []
        for record in items {
            let defect = record.key.split(separator: "/")[1]
            #expect(record.truth?.isAnomalous == (defect != "good"), "\(record.key)")
            if let counts = expected[record.key]! {
                #expect(
                    record.iou == [.init(name: String(defect), intersection: counts.0, union: counts.1)],
                    "\(record.key)")
                if defect == "crack" { crack.append(Double(counts.0) / Double(counts.1)) }
            } else {
                #expect(record.iou.isEmpty, "\(record.key)")
            }
        }
        let means = outcome.summary.metrics.meanIoU
        #expect(means.map(\.name) == ["crack", "good"] && means.map(\.images) == [4, 1])
        #expect(abs(means[0].meanIoU - crack.reduce(0, +) / 4) < 1e-12)
        #expect(means[1].meanIoU == 0)
        let classification = try #require(outcome.summary.metrics.classification)
        #expect(classification.truePositives == 4 && classification.falsePositives == 1)
        #expect(classification.trueNegatives == 1 && classification.falseNegatives == 0)
    }

    @Test func theTreeIsRecognisedAndOnlyTestImagesAreItems() throws {
        let items = try ReportInputs(resultsDirectory: Self.predictions.path).items(for: [Self.category.path])
        #expect(items.count == 6)
        let first = try #require(items.first)
        #expect(first.key == "test/crack/000.png" && first.truth?.source == "mvtec")
        #expect(first.truth?.maskPath == Self.category.path + "/ground_truth/crack/000_mask.png")
        #expect(first.result == .file(Self.predictions.path + "/test/crack/000.png.json"))
        let good = try #require(items.last)
        #expect(good.truth?.isAnomalous == false && good.truth?.maskPath == nil)
        // Without --results a prediction is looked for beside the image; none there: ground truth alone.
        let alone = try ReportInputs().items(for: [Self.category.path])
        #expect(alone.allSatisfy { $0.result == .none && !$0.resultExpected })
    }

    @Test func aMissingMaskFailsItsItemNamingThePath() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = root.appendingPathComponent("cookie")
        try FileManager.default.copyItem(at: Self.category, to: tree)
        try FileManager.default.removeItem(at: tree.appendingPathComponent("ground_truth/crack/002_mask.png"))
        let outcome = try ReportFixtures.run([tree.path], output: root.appendingPathComponent("r")) {
            $0.resultsDirectory = Self.predictions.path
        }
        #expect(outcome.exitCode == 1)
        let failed = outcome.summary.items.filter(\.isFailure)
        #expect(failed.map(\.key) == ["test/crack/002.png"])
        #expect(failed.first?.error?.contains("ground_truth/crack/002_mask.png: no such file") == true)
    }
}
