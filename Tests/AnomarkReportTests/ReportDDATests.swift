import Codecs
import Foundation
import TestSupport
import Testing

@testable import AnomarkKit
@testable import AnomarkReport

/// `anomark report` on DDA capture records (samples/dda-captures: JSON Lines, images — one a BMP named .jpg —
/// and mask.png files, every reference an absolute path on the edge device) mapped with `--path-map`.
@Suite struct ReportDDATests {
    static let device = "/aws_dda/inference-results/cookie-workflow"
    static let captures = TestFiles.repo.appendingPathComponent("samples/dda-captures")
    static let failed = TestFiles.repo.appendingPathComponent("samples/dda-capture-failed")

    /// A copy of the sample captures in a temp folder, mapped there: also proves nothing depends on the
    /// samples' own location.
    static func copiedCaptures(in root: URL) throws -> URL {
        let folder = root.appendingPathComponent("captures")
        try FileManager.default.copyItem(at: captures, to: folder)
        return folder
    }

    static func map(_ folder: URL) -> PathMap { try! PathMap(parsing: ["\(device)=\(folder.path)"]) }

    @Test func aFolderOfCapturesGivesEveryCaptureWithItsVerdictAndClasses() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try Self.copiedCaptures(in: root)
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([folder.path], output: out) { $0.pathMap = Self.map(folder) }
        #expect(outcome.exitCode == 0)
        // Three captures; their overlays and masks are not listed as images of their own.
        #expect(
            outcome.summary.items.map(\.key) == [
                "cookie-capture-1.jpg", "cookie-capture-2.jpg", "cookie-capture-3.jpg",
            ])
        let verdicts = outcome.summary.items.map { $0.prediction.map { ($0.isAnomalous, $0.confidence) } }
        #expect(verdicts.map { $0?.0 } == [true, true, false])
        #expect(verdicts.map { $0?.1 } == [0.9375, 0.8811, 0.9702])
        // The raw score and its threshold are kept: the review page's what-if threshold works on them.
        #expect(outcome.summary.items.map { $0.prediction?.score } == [0.938, 0.881, 0.97])
        #expect(outcome.summary.items.allSatisfy { $0.prediction?.threshold == 1.0 })
        // Kept as the capture says, but 0.938 against 1.0 is not how it was called anomalous: the score of
        // "anomalous" comes from its Confidence, so the stored verdicts are what the what-if starts from.
        #expect(outcome.summary.items.first?.prediction?.anomalyScore.value == 0.9375)
        #expect(outcome.summary.items.last?.prediction?.anomalyScore.value == 0.97)
        for record in outcome.summary.items.prefix(2) {
            let cracked = try #require(record.prediction?.anomalies.first)
            #expect(cracked.name == "cracked" && cracked.color == "#23a436")
            // The mask.png was read (through the map) and drawn: measured as the capture reported it.
            #expect(abs((cracked.measuredArea ?? 0) - cracked.area) < 0.0005)
            // The BMP named .jpg (capture 2) is decoded like the JPEG
            let annotated = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(record.annotated!))))
            // (at least the photo's 144×192: a panel that covers no anomaly may go in a band beside it)
            #expect(annotated.width >= 144 && annotated.height >= 192)
        }
        // The report shows the mapped paths, never the capture machine's.
        for name in ["index.html", "summary.json", "summary.csv"] {
            #expect(!(try ReportFixtures.read(out.appendingPathComponent(name))).contains("aws_dda"), "\(name)")
        }
    }

    @Test func aFailedCaptureIsListedWithItsErrorMessage() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try ReportFixtures.run(
            [Self.captures.path, Self.failed.appendingPathComponent("cookie-capture-4.jsonl").path],
            output: root.appendingPathComponent("r")
        ) { $0.pathMap = try! PathMap(parsing: ["\(Self.device)=."]) }
        #expect(outcome.exitCode == 1)
        #expect(outcome.summary.items.count == 4)
        let failure = try #require(outcome.summary.items.first { $0.status == .failed })
        #expect(failure.key == "cookie-capture-4.jpg")
        #expect(
            failure.error?.hasSuffix("line 1: inference failed: Triton: model cookie-model version 1 is not ready")
                == true)
    }

    @Test func unmappedAbsolutePathsSayHowToMapThem() throws {
        let items = try ReportInputs().items(for: [Self.captures.appendingPathComponent("cookie-capture-1.jsonl").path])
        let item = try #require(items.first)
        #expect(item.key == "cookie-capture-1.jpg")
        #expect(
            item.problem?.contains(
                "\(Self.device)/cookie-capture-1.jpg not found (map the capture machine's folder with --path-map OLD=NEW)"
            ) == true)
    }

    @Test func aRelativeMapThatMissesSaysWhatItIsRelativeTo() throws {
        // `--path-map OLD=samples/dda-captures` beside the captures: resolved against their own folder.
        let items = try ReportInputs(pathMap: try PathMap(parsing: ["\(Self.device)=dda-captures"]))
            .items(for: [Self.captures.appendingPathComponent("cookie-capture-1.jsonl").path])
        let item = try #require(items.first)
        let mapped = Self.captures.appendingPathComponent("dda-captures/cookie-capture-1.jpg").path
        #expect(
            item.problem?.hasSuffix(
                "line 1: \(Self.device)/cookie-capture-1.jpg maps to \(mapped), which is not there (a relative NEW, "
                    + "here dda-captures, is resolved against the capture file's folder: for files beside it, map to .)"
            ) == true, "\(item.problem ?? "nil")")
        // Mapped to `.`, the same capture is fine.
        let good = try ReportInputs(pathMap: try PathMap(parsing: ["\(Self.device)=."]))
            .items(for: [Self.captures.appendingPathComponent("cookie-capture-1.jsonl").path])
        #expect(good.first?.problem == nil)
        // Mapped to `.` with the image gone: no advice to do what was done, just what is missing.
        let root = try TestFiles.tempDir()
        try FileManager.default.copyItem(
            at: Self.captures.appendingPathComponent("cookie-capture-1.jsonl"),
            to: root.appendingPathComponent("cookie-capture-1.jsonl"))
        let gone = try ReportInputs(pathMap: try PathMap(parsing: ["\(Self.device)=./"]))
            .items(for: [root.appendingPathComponent("cookie-capture-1.jsonl").path])
        let expected =
            "\(Self.device)/cookie-capture-1.jpg maps to "
            + "\(root.appendingPathComponent("cookie-capture-1.jpg").standardizedFileURL.path), which is not there"
        #expect(gone.first?.problem?.hasSuffix(expected) == true, "\(gone.first?.problem ?? "nil")")
    }

    @Test func pathMapRulesForPathsAndFileURLs() throws {
        let map = try PathMap(parsing: ["file:///aws_dda/x/=/data/x", "/aws_dda=/data/all", "s3://b=/s3"])
        #expect(map.localPath(for: "file:///aws_dda/x/a.jpg") == "/data/x/a.jpg")
        #expect(map.localPath(for: "/aws_dda/y/a.jpg") == "/data/all/y/a.jpg")
        #expect(map.localPath(for: "/aws_ddax/a.jpg") == "/aws_ddax/a.jpg")
        #expect(map.localPath(for: "file://localhost/aws_dda/x/b.png") == "/data/x/b.png")
        #expect(map.localPath(for: "s3://b/k.jpg") == "/s3/k.jpg")
        #expect(throws: PathMapError.self) { try PathMap(parsing: ["relative/dir=/x"]) }
        #expect(throws: PathMapError.self) { try PathMap(parsing: ["/=/x"]) }
    }
}
