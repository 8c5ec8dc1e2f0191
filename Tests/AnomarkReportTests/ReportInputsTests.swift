import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

@Suite struct ReportInputsTests {
    private func touch(_ url: URL, _ text: String = "x") throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func folderPairsImagesWithResultsInOrderOfPreference() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in [
            "a.jpg", "a.jpg.out", "a.jpg.json", "a.json", "b.PNG", "b.PNG.json", "b.json", "c.jpeg", "c.json",
            "d.jpg", "e.mask.png", "notes.txt", ".hidden.jpg", "sub/f.Jpg", "sub/f.Jpg.out",
        ] {
            try touch(root.appendingPathComponent(name))
        }
        let items = try ReportInputs().items(for: [root.path])
        #expect(items.map(\.key) == ["a.jpg", "b.PNG", "c.jpeg", "d.jpg", "sub/f.Jpg"])
        let results = items.map { item -> String? in
            if case .file(let path) = item.result { return URL(fileURLWithPath: path).lastPathComponent }
            return nil
        }
        #expect(results == ["a.jpg.out", "b.PNG.json", "c.json", nil, "f.Jpg.out"])
        #expect(items.allSatisfy { $0.resultExpected })
        // lookout's places, dda's capture list, then anomaly-map's maps.
        #expect(
            items[3].resultCandidates.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "d.jpg.out", "d.jpg.json", "d.json", "d.jsonl", "d.anomaly_map.png", "d.anomaly_map.npy", "d_map.png",
            ])
        #expect(Set(items.map(\.name)).count == items.count)
    }

    @Test func resultsFolderMirrorsNamesAndOutputFolderIsSkipped() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(root.appendingPathComponent("images/sub/x.jpg"))
        try touch(root.appendingPathComponent("images/report/annotated/x.png"))
        try touch(root.appendingPathComponent("results/sub/x.jpg.out"))
        let finder = ReportInputs(
            resultsDirectory: root.appendingPathComponent("results").path,
            excludedDirectories: [root.appendingPathComponent("images/report").path])
        let items = try finder.items(for: [root.appendingPathComponent("images").path])
        #expect(items.map(\.key) == ["sub/x.jpg"])
        #expect(items.first?.result == .file(root.appendingPathComponent("results/sub/x.jpg.out").path))
    }

    @Test func theOutputFolderIsSkippedWhateverItsSpelling() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(root.appendingPathComponent("images/x.jpg"))
        try touch(root.appendingPathComponent("images/report/annotated/x.png"))
        #expect(symlink("images", root.appendingPathComponent("link").path) == 0)
        // Through a symbolic link, `..` and `./`: the same folder by device and inode.
        for output in ["link/report", "images/../images/report", "./images/report/"] {
            let finder = ReportInputs(excludedDirectories: [root.appendingPathComponent(output).path])
            #expect(try finder.items(for: [root.appendingPathComponent("images").path]).map(\.key) == ["x.jpg"])
        }
    }

    @Test func anyFolderHoldingAReportIsSkipped() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(root.appendingPathComponent("images/x.jpg"))
        // Another report (say, from an earlier `-o images/old`) is recognised by its `.anomark/` folder.
        try touch(root.appendingPathComponent("images/old/annotated/x.png"))
        try touch(root.appendingPathComponent("images/old/contact-sheet.png"))
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("images/old/.anomark"), withIntermediateDirectories: true)
        #expect(try ReportInputs().items(for: [root.appendingPathComponent("images").path]).map(\.key) == ["x.jpg"])
        // A report written into the image folder itself: its own images are skipped, the photos are not.
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("images/.anomark"), withIntermediateDirectories: true)
        try touch(root.appendingPathComponent("images/annotated/x.png"))
        try touch(root.appendingPathComponent("images/thumbnails/x.jpg"))
        try touch(root.appendingPathComponent("images/contact-sheet-2.png"))
        try touch(root.appendingPathComponent("images/sub/annotated/y.png"))
        let finder = ReportInputs(excludedDirectories: [root.appendingPathComponent("images").path])
        #expect(
            try finder.items(for: [root.appendingPathComponent("images").path]).map(\.key) == [
                "sub/annotated/y.png", "x.jpg",
            ])
    }

    @Test func jsonLinesResolveAgainstTheirFolderAndKeepBadLines() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try String(contentsOfFile: TestFiles.sample("results/normal-1.json"), encoding: .utf8)
        let inline = result.replacingOccurrences(of: "\n", with: " ")
        let list = """
            {"image": "imgs/a.jpg", "result": "res/a.json"}
            {"image": "/abs/b.jpg", "result": \(inline)}

            {"image": "../c.jpg"}
            not json
            {"image": "d.jpg", "result": {"IsAnomalous": "yes", "Confidence": 0.5}}
            [1, 2]
            {"something": "else"}
            """
        try touch(root.appendingPathComponent("lists/batch.jsonl"), list)
        let items = try ReportInputs().items(for: [root.appendingPathComponent("lists/batch.jsonl").path])
        let byKey = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })
        let folder = root.appendingPathComponent("lists").path
        #expect(byKey["imgs/a.jpg"]?.imagePath == folder + "/imgs/a.jpg")
        #expect(byKey["imgs/a.jpg"]?.result == .file(folder + "/res/a.json"))
        if case .inline(let parsed)? = byKey["/abs/b.jpg"]?.result {
            #expect(parsed.verdict?.isAnomalous == false)
        } else {
            Issue.record("inline result not read")
        }
        #expect(byKey["../c.jpg"]?.imagePath == folder + "/../c.jpg")
        #expect(byKey["../c.jpg"]?.result == ReportItem.ResultSource.none)
        let problems = items.compactMap(\.problem)
        #expect(problems.count == 4)
        #expect(problems.contains { $0.hasSuffix("line 5: not valid JSON") })
        #expect(problems.contains { $0.contains("line 6:") && $0.contains("IsAnomalous") })
        #expect(problems.contains { $0.hasSuffix("line 7: expected a JSON object") })
        #expect(problems.contains { $0.contains("line 8:") && $0.contains("source-ref") })
    }

    @Test func manifestLinesBecomeGroundTruth() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = """
            {"source-ref": "s3://bucket/cookies/anomaly-1.jpg", "anomaly-label": 1, \
            "anomaly-mask-ref": "s3://bucket/cookies/anomaly-1.mask.png", "anomaly-mask-ref-metadata": \
            {"internal-color-map": {"1": {"class-name": "cracked", "hex-color": "#23a436", "confidence": 0}, \
            "0": {"class-name": "BACKGROUND", "hex-color": "#ffffff", "confidence": 0}}, \
            "type": "groundtruth/semantic-segmentation"}}
            {"source-ref": "s3://bucket/cookies/normal-1.jpg", "anomaly-label": 0}
            {"source-ref": "s3://elsewhere/x.jpg", "anomaly-label": 0}
            {"source-ref": "s3://bucket/cookies/y.jpg", "anomaly-label": 2}
            """
        try touch(root.appendingPathComponent("train.manifest"), manifest)
        let map = try PathMap(parsing: ["s3://bucket/cookies=\(TestFiles.samples.path)"])
        let items = try ReportInputs(pathMap: map).items(for: [root.appendingPathComponent("train.manifest").path])
        #expect(items.map(\.key) == ["cookies/anomaly-1.jpg", "cookies/normal-1.jpg", "cookies/y.jpg", "x.jpg"])
        let anomaly = items[0]
        #expect(anomaly.imagePath == TestFiles.sample("anomaly-1.jpg"))
        #expect(anomaly.truth?.isAnomalous == true)
        #expect(anomaly.truth?.maskPath == TestFiles.sample("anomaly-1.mask.png"))
        #expect(anomaly.truth?.classes.map(\.name) == ["background", "cracked"])
        #expect(anomaly.truth?.classes.last?.color.hexString == "#23A436")
        #expect(anomaly.resultExpected == false)
        #expect(items[1].truth?.isAnomalous == false && items[1].truth?.maskPath == nil)
        #expect(items[2].problem?.contains("anomaly-label: expected 0 or 1, got 2") == true)
        #expect(items[3].problem?.contains("no --s3-map rule covers s3://elsewhere/x.jpg") == true)
    }

    @Test func missingInputIsAnError() {
        #expect(throws: AnomarkError.self) { try ReportInputs().items(for: ["/nonexistent/folder"]) }
        do {
            _ = try ReportInputs().items(for: ["/nonexistent/folder"])
        } catch {
            #expect(error.exitCode == 66)
        }
    }
}
