import AnomarkKit
import AnomarkTesting
import Codecs
import Foundation
import Overlay
import Raster
import TestSupport
import Testing

@testable import AnomarkReport

/// `report --compare overlay` on the MVTec AD-style samples: one picture of the agreement instead of two
/// halves, the same IoU figures, and its own render fingerprint.
@Suite struct ReportCompareTests {
    static func run(_ compare: ReportCompare, in root: URL) throws -> (ReportOutcome, URL) {
        let out = root.appendingPathComponent(compare.rawValue)
        let outcome = try ReportFixtures.run([ReportMVTecTests.category.path], output: out) {
            $0.resultsDirectory = ReportMVTecTests.predictions.path
            $0.annotate.composite.colorTolerance = 8
            $0.compare = compare
        }
        return (outcome, out)
    }

    @Test func overlayIsOnePictureWithTheSameFigures() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let (overlay, out) = try Self.run(.overlay, in: root)
        let (sideBySide, sideOut) = try Self.run(.sideBySide, in: root)
        #expect(overlay.exitCode == 0 && sideBySide.exitCode == 0)
        #expect(overlay.summary.items.map(\.iou) == sideBySide.summary.items.map(\.iou))
        #expect(overlay.summary.metrics == sideBySide.summary.metrics)
        #expect(overlay.summary.items.map(\.truth) == sideBySide.summary.items.map(\.truth))
        let record = try #require(overlay.summary.items.first { $0.key == "test/crack/001.png" })
        let image = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(record.annotated!))))
        let halves = try PNG.decode(
            [UInt8](Data(contentsOf: sideOut.appendingPathComponent(record.annotated!))))
        // One 144-px-wide picture (with its band), not two halves and a gap.
        #expect(image.width < 144 * 2 && halves.width >= 144 * 2 + ReportItemJob.sideBySideGap)
        expectMatchesGolden(image, "report/compare-overlay", tolerance: .exact)
        // The records say which picture they hold, and the page offers truth/prediction halves only for the
        // side-by-side one.
        #expect(record.picture == .agreement)
        #expect(sideBySide.summary.items.first { $0.key == record.key }?.picture == .sideBySide)
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let sidePage = try String(contentsOf: sideOut.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!page.contains(#""sb":1"#) && sidePage.contains(#""sb":1"#))
    }

    @Test func overlayHasItsOwnFingerprint() {
        var options = ReportOptions(outputDirectory: "r")
        let sideBySide = options.renderFingerprint
        options.compare = .overlay
        #expect(options.renderFingerprint != sideBySide)
    }
}
