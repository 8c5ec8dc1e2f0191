import Codecs
import Foundation
import TestSupport
import Testing

@testable import AnomarkKit
@testable import AnomarkReport

@Suite struct ReportRunnerTests {
    @Test func sampleFolderGivesACompleteReport() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([folder.path], output: out)
        #expect(outcome.exitCode == 0)
        #expect(outcome.summary.counts == decodeCounts(images: 4, anomalous: 3, normal: 1))
        for name in ["index.html", "summary.json", "summary.csv", "contact-sheet.png"] {
            #expect(ReportFixtures.fileExists(out.appendingPathComponent(name)), "\(name)")
        }
        for record in outcome.summary.items {
            let annotated = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(record.annotated!))))
            #expect(annotated.width == 576 && annotated.height == 768)
            let thumbnail = try JPEG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(record.thumbnail!))))
            #expect(thumbnail.width == 256 && thumbnail.width == record.thumbnailWidth)
        }
        let sheet = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent("contact-sheet.png"))))
        #expect(sheet.width > 4 * 160 && sheet.height > 160)
        // The cell frames are colour-coded: the first three anomalous (red), the last normal (green).
        #expect(sheet[8, 8] == ReportContactSheet.anomalousColor)
        let sheetLayout = ReportContactSheet()
        let lastCellX =
            sheetLayout.padding + 3 * (sheetLayout.cellImageSize + 2 * sheetLayout.border + sheetLayout.padding)
        #expect(sheet[lastCellX, 8] == ReportContactSheet.normalColor)
        let csv = try ReportFixtures.read(out.appendingPathComponent("summary.csv"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 5)
        #expect(csv.contains("anomaly-1.jpg,anomalous,0.9873,0.5,0.9873,cracked 1.85%,,,,ok,"))
    }

    private func decodeCounts(images: Int, anomalous: Int, normal: Int, failed: Int = 0, noResult: Int = 0)
        -> ReportSummary.Counts
    {
        var counts = ReportSummary.Counts(records: [])
        (counts.images, counts.anomalous, counts.normal, counts.failed, counts.noResult) =
            (images, anomalous, normal, failed, noResult)
        return counts
    }

    @Test func badItemsAreListedAndDoNotStopTheRun() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        // A corrupt image (cut short) with a good result, a good image with a bad result, an image with none.
        let full = try Data(contentsOf: TestFiles.samples.appendingPathComponent("anomaly-4.jpg"))
        try full.prefix(4000).write(to: folder.appendingPathComponent("corrupt.jpg"))
        try TestFiles.copy("results/anomaly-4.json", to: folder.appendingPathComponent("corrupt.jpg.out"))
        try TestFiles.copy("anomaly-5.jpg", to: folder.appendingPathComponent("bad result.jpg"))
        try Data(#"{"IsAnomalous": true, "Confidence": 1.5}"#.utf8).write(
            to: folder.appendingPathComponent("bad result.json"))
        try TestFiles.copy("normal-1.jpg", to: folder.appendingPathComponent("lonely.png"))
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([folder.path], output: out)
        #expect(outcome.exitCode == 1)
        #expect(outcome.summary.counts == decodeCounts(images: 7, anomalous: 3, normal: 1, failed: 2, noResult: 1))
        let byKey = Dictionary(uniqueKeysWithValues: outcome.summary.items.map { ($0.key, $0) })
        #expect(byKey["corrupt.jpg"]?.status == .failed)
        #expect(byKey["corrupt.jpg"]?.error?.contains("corrupt.jpg") == true)
        #expect(byKey["bad result.jpg"]?.status == .failed)
        #expect(byKey["bad result.jpg"]?.error?.contains("Confidence") == true)
        #expect(byKey["lonely.png"]?.status == .noResult)
        #expect(byKey["lonely.png"]?.error?.contains("lonely.png.out") == true)
        // The image without a result is still shown; the failed ones have no outputs.
        #expect(byKey["lonely.png"]?.thumbnail != nil)
        #expect(byKey["corrupt.jpg"]?.annotated == nil)
        let html = try ReportFixtures.read(out.appendingPathComponent("index.html"))
        #expect(ReportFixtures.rowCount(html) == 7)
        let statuses = ReportFixtures.pageItems(html).compactMap { $0["s"] as? String }
        #expect(statuses.filter { $0 == "failed" }.count == 2)
        #expect(statuses.filter { $0 == "no-result" }.count == 1)
        let messages = ReportFixtures.pageItems(html).compactMap { $0["m"] as? String }
        #expect(messages.contains { $0.contains("Confidence: expected a number in 0...1") })
    }

    @Test func hostileNamesStayInsideTheReport() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try TestFiles.copy("anomaly-1.jpg", to: data.appendingPathComponent("été 2024/<b>cookie</b> #1.jpg"))
        try TestFiles.copy("results/anomaly-1.json", to: data.appendingPathComponent("r1.json"))
        try TestFiles.copy("normal-1.jpg", to: root.appendingPathComponent("outside.jpg"))
        try TestFiles.copy("results/normal-1.json", to: root.appendingPathComponent("outside.json"))
        let list = """
            {"image": "été 2024/<b>cookie</b> #1.jpg", "result": "r1.json"}
            {"image": "../outside.jpg", "result": "../outside.json"}
            {"image": "../../../../../../../../tmp/../outside.jpg", "result": "../outside.json"}
            """
        try Data(list.utf8).write(to: data.appendingPathComponent("list.jsonl"))
        let out = root.appendingPathComponent("out")
        let outcome = try ReportFixtures.run([data.appendingPathComponent("list.jsonl").path], output: out)
        #expect(outcome.summary.items.count == 3)
        #expect(outcome.summary.items.filter { $0.status == .ok }.count == 2)
        // Every file written is inside the report folder.
        let written = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
        let outside = written.filter { !$0.hasPrefix("out/") && $0 != "out" && !$0.hasPrefix("data") }
        #expect(Set(outside) == ["outside.jpg", "outside.json"])
        let html = try ReportFixtures.read(out.appendingPathComponent("index.html"))
        #expect(!html.contains("<b>cookie</b>"))
        let keys = ReportFixtures.pageItems(html).compactMap { $0["k"] as? String }
        #expect(keys.contains { $0.hasSuffix("<b>cookie</b> #1.jpg") })
        for link in ReportFixtures.links(html) {
            #expect(!link.hasPrefix("/") && !link.contains(".."), "\(link)")
            #expect(ReportFixtures.fileExists(out.appendingPathComponent(link)), "\(link)")
        }
        #expect(ReportFixtures.rowCount(html) == 3)
    }

    @Test func manifestWithResultsShowsTruthAndPredictionSideBySide() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let colorMap = """
            {"internal-color-map": {"0": {"class-name": "BACKGROUND", "hex-color": "#ffffff", "confidence": 0}, \
            "1": {"class-name": "cracked", "hex-color": "#23a436", "confidence": 0}}}
            """
        var lines = ["anomaly-1", "anomaly-4", "anomaly-5"].map { stem in
            """
            {"source-ref": "s3://bucket/cookies/\(stem).jpg", "anomaly-label": 1, "anomaly-mask-ref": \
            "s3://bucket/cookies/\(stem).mask.png", "anomaly-mask-ref-metadata": \(colorMap)}
            """
        }
        lines.append(#"{"source-ref": "s3://bucket/cookies/normal-1.jpg", "anomaly-label": 0}"#)
        try Data(lines.joined(separator: "\n").utf8).write(to: root.appendingPathComponent("train.manifest"))
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([root.appendingPathComponent("train.manifest").path], output: out) {
            $0.pathMap = try! PathMap(parsing: ["s3://bucket/cookies=\(TestFiles.samples.path)"])
            $0.resultsDirectory = TestFiles.samples.appendingPathComponent("results").path
        }
        #expect(outcome.exitCode == 0)
        let metrics = outcome.summary.metrics
        #expect(metrics.classification?.accuracy == 1)
        #expect(metrics.classification?.truePositives == 3 && metrics.classification?.trueNegatives == 1)
        // The bundled results were made from these masks, so the masks agree.
        #expect(metrics.meanIoU.map(\.name) == ["cracked"])
        #expect(metrics.meanIoU.first.map { $0.meanIoU > 0.95 } == true)
        #expect(metrics.meanIoU.first?.images == 3)
        let first = outcome.summary.items[0]
        #expect(first.truth?.hasMask == true)
        #expect(first.truth?.anomalies.first.map { $0.area > 0.01 && $0.area < 0.03 } == true)
        let annotated = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(first.annotated!))))
        #expect(annotated.width == 2 * 576 + ReportItemJob.sideBySideGap && annotated.height == 768)
        let html = try ReportFixtures.read(out.appendingPathComponent("index.html"))
        #expect(html.contains("Mean IoU per anomaly type"))
        #expect(html.contains("<th>Accuracy</th><td>100.00%</td>"))
    }

    /// The ground-truth overlay, its measured area and the IoU all follow `--color-tolerance`: a truth mask whose
    /// "cracked" colour is 4 off the colour map's matches nothing exactly, and the bundled prediction within 8.
    @Test(arguments: [0, 8])
    func groundTruthAreaAndIoUFollowTheColorTolerance(tolerance: Int) throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestFiles.copy("anomaly-1.jpg", to: root.appendingPathComponent("anomaly-1.jpg"))
        var mask = try PNG.decode(
            [UInt8](Data(contentsOf: TestFiles.samples.appendingPathComponent("anomaly-1.mask.png"))))
        var recoloured = 0  // of them, with alpha ≥ 128: what counts as the class
        mask.withUnsafeMutableBytes { p in
            for i in 0..<(p.count / 4) where p[i * 4] == 0x23 && p[i * 4 + 1] == 0xA4 && p[i * 4 + 2] == 0x36 {
                p[i * 4] = 0x27
                p[i * 4 + 1] = 0xA0
                if p[i * 4 + 3] >= 128 { recoloured += 1 }
            }
        }
        #expect(recoloured > 1000)
        try Data(PNG.encode(mask)).write(to: root.appendingPathComponent("anomaly-1.mask.png"))
        let line = """
            {"source-ref": "s3://b/anomaly-1.jpg", "anomaly-label": 1, "anomaly-mask-ref": "s3://b/anomaly-1.mask.png", \
            "anomaly-mask-ref-metadata": {"internal-color-map": {"0": {"class-name": "BACKGROUND", "hex-color": \
            "#ffffff"}, "1": {"class-name": "cracked", "hex-color": "#23a436"}}}}
            """
        try Data(line.utf8).write(to: root.appendingPathComponent("m.manifest"))
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([root.appendingPathComponent("m.manifest").path], output: out) {
            $0.pathMap = try! PathMap(parsing: ["s3://b=\(root.path)"])
            $0.resultsDirectory = TestFiles.samples.appendingPathComponent("results").path
            $0.annotate.composite.colorTolerance = tolerance
            $0.annotate.drawPanel = false
        }
        let item = try #require(outcome.summary.items.first)
        let truthArea = try #require(item.truth?.anomalies.first?.area)
        let iou = try #require(item.iou.first)
        #expect(iou.name == "cracked")
        if tolerance == 0 {
            #expect(truthArea == 0)
            #expect(iou.intersection == 0)
        } else {
            #expect(truthArea == Double(recoloured) / Double(mask.pixelCount))
            #expect(iou.iou > 0.95)
        }
        // The truth half is painted exactly when its pixels are labelled.
        let annotated = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(item.annotated!))))
        let photo = try ImageDecoder.decode([UInt8](Data(contentsOf: root.appendingPathComponent("anomaly-1.jpg"))))
            .upright
        var changed = 0
        for y in 0..<photo.height {
            for x in 0..<photo.width where annotated[x, y] != photo[x, y] { changed += 1 }
        }
        #expect(tolerance == 0 ? changed == 0 : changed >= recoloured)
    }

    @Test func manifestWithoutResultsRendersGroundTruthOnly() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let line = """
            {"source-ref": "s3://b/anomaly-4.jpg", "anomaly-label": 1, \
            "anomaly-mask-ref": "s3://b/anomaly-4.mask.png", \
            "anomaly-mask-ref-metadata": {"internal-color-map": {"0": {"class-name": "BACKGROUND", "hex-color": \
            "#ffffff"}, "1": {"class-name": "cracked", "hex-color": "#23a436"}}}}
            """
        try Data(line.utf8).write(to: root.appendingPathComponent("m.manifest"))
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([root.appendingPathComponent("m.manifest").path], output: out) {
            $0.pathMap = try! PathMap(parsing: ["s3://b=\(TestFiles.samples.path)"])
        }
        #expect(outcome.exitCode == 0)
        let record = try #require(outcome.summary.items.first)
        #expect(record.prediction == nil && record.truth?.isAnomalous == true)
        #expect(outcome.summary.counts.anomalous == 1)
        let annotated = try PNG.decode([UInt8](Data(contentsOf: out.appendingPathComponent(record.annotated!))))
        #expect(annotated.width == 576)
    }

    @Test func resumeSkipsUpToDateItemsAndRedoesChangedOnes() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = root.appendingPathComponent("report")
        let first = try ReportFixtures.run([folder.path], output: out)
        #expect(first.processed == 4 && first.skipped == 0)
        let annotated = out.appendingPathComponent("annotated/anomaly-1.png")
        let before = try FileManager.default.attributesOfItem(atPath: annotated.path)[.modificationDate] as? Date

        let second = try ReportFixtures.run([folder.path], output: out)
        #expect(second.processed == 0 && second.skipped == 4)
        #expect(second.summary.items == first.summary.items)
        let after = try FileManager.default.attributesOfItem(atPath: annotated.path)[.modificationDate] as? Date
        #expect(before == after)

        // A newer input is redone; so is an item whose output was deleted; the rest is kept.
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)],
            ofItemAtPath: folder.appendingPathComponent("anomaly-4.json").path)
        try FileManager.default.removeItem(at: out.appendingPathComponent("thumbnails/normal-1.jpg"))
        let third = try ReportFixtures.run([folder.path], output: out)
        #expect(third.processed == 2 && third.skipped == 2)
        #expect(ReportFixtures.fileExists(out.appendingPathComponent("thumbnails/normal-1.jpg")))

        let forced = try ReportFixtures.run([folder.path], output: out) { $0.force = true }
        #expect(forced.processed == 4 && forced.skipped == 0)
        // Other render settings make old outputs stale.
        let restyled = try ReportFixtures.run([folder.path], output: out) { $0.annotate.composite.opacity = 0.25 }
        #expect(restyled.processed == 4)
    }

    @Test func shardsMergeIntoTheSingleRunReport() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        // Add a failing and a result-less item so that every kind of record crosses the merge.
        try TestFiles.copy("anomaly-5.jpg", to: folder.appendingPathComponent("sub/no result.jpg"))
        try Data("{".utf8).write(to: folder.appendingPathComponent("anomaly-x.json"))
        try TestFiles.copy("anomaly-1.jpg", to: folder.appendingPathComponent("anomaly-x.jpg"))
        let single = root.appendingPathComponent("single")
        let whole = try ReportFixtures.run([folder.path], output: single) { $0.jobs = 1 }

        let n = 3
        var shardFolders: [String] = []
        var shardItems = 0
        for k in 0..<n {
            let out = root.appendingPathComponent("shard-\(k)")
            let outcome = try ReportFixtures.run([folder.path], output: out) {
                $0.shard = ReportShard(index: k, count: n)
            }
            #expect(outcome.summary.totalItems == whole.summary.items.count)
            #expect(outcome.summary.items.allSatisfy { ReportShard.shardIndex(for: $0.key, count: n) == k })
            shardItems += outcome.summary.items.count
            shardFolders.append(out.path)
        }
        #expect(shardItems == whole.summary.items.count)

        let merged = root.appendingPathComponent("merged")
        let outcome = try ReportMerge(
            shardDirectories: shardFolders.reversed(), outputDirectory: merged.path, jobs: 2,
            renderer: ReportFixtures.annotator.renderer
        ).run()
        #expect(outcome.exitCode == whole.exitCode)
        #expect(!outcome.incomplete)
        for file in ["summary.json", "summary.csv", "index.html", "contact-sheet.png"] {
            let a = try Data(contentsOf: single.appendingPathComponent(file))
            let b = try Data(contentsOf: merged.appendingPathComponent(file))
            #expect(a == b, "\(file) differs")
        }
        for record in outcome.summary.items {
            for path in [record.annotated, record.thumbnail].compactMap({ $0 }) {
                let a = try Data(contentsOf: single.appendingPathComponent(path))
                let b = try Data(contentsOf: merged.appendingPathComponent(path))
                #expect(a == b, "\(path) differs")
            }
        }

        // Without one shard the merge still writes a report, says what is missing, and exits 1.
        let partial = try ReportMerge(
            shardDirectories: Array(shardFolders.dropFirst()),
            outputDirectory: root.appendingPathComponent("partial").path,
            jobs: 1, renderer: ReportFixtures.annotator.renderer
        ).run()
        #expect(partial.incomplete && partial.exitCode == 1)
        #expect(partial.summary.warnings.contains { $0.contains("missing shard 0/3") })
    }

    @Test func mergeRefusesItsOwnShardAsOutput() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = root.appendingPathComponent("s0")
        _ = try ReportFixtures.run([folder.path], output: out) { $0.shard = ReportShard(index: 0, count: 1) }
        let merge = ReportMerge(
            shardDirectories: [out.path], outputDirectory: out.path + "/", renderer: ReportFixtures.annotator.renderer)
        #expect(throws: AnomarkError.self) { try merge.run() }
    }

    @Test func inlineResultsInJSONLines() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try ReportFixtures.read(TestFiles.samples.appendingPathComponent("results/anomaly-5.json"))
        let line =
            #"{"image": "\#(TestFiles.sample("anomaly-5.jpg"))", "result": "#
            + result.replacingOccurrences(of: "\n", with: "") + "}\n"
        try Data(line.utf8).write(to: root.appendingPathComponent("batch.jsonl"))
        let outcome = try ReportFixtures.run(
            [root.appendingPathComponent("batch.jsonl").path], output: root.appendingPathComponent("r"))
        let record = try #require(outcome.summary.items.first)
        #expect(record.status == .ok && record.result == "inline")
        #expect(record.prediction?.anomalies.first?.measuredArea.map { $0 > 0.02 } == true)
    }

    @Test func noImagesIsAnErrorButAnEmptyShardIsAReport() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        do {
            _ = try ReportFixtures.run([empty.path], output: root.appendingPathComponent("r"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .inputMissing)
        }
        // One image, two shards: one shard is empty and still writes a (mergeable) report.
        try TestFiles.copy("normal-1.jpg", to: empty.appendingPathComponent("only.jpg"))
        let k = ReportShard.shardIndex(for: "only.jpg", count: 2)
        let out = root.appendingPathComponent("s")
        let outcome = try ReportFixtures.run([empty.path], output: out) {
            $0.shard = ReportShard(index: 1 - k, count: 2)
        }
        #expect(outcome.summary.items.isEmpty && outcome.exitCode == 0)
        #expect(ReportFixtures.rowCount(try ReportFixtures.read(out.appendingPathComponent("index.html"))) == 0)
    }

    @Test func outputFolderThatCannotBeCreatedIsAnError() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let blocker = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        do {
            _ = try ReportFixtures.run([folder.path], output: blocker.appendingPathComponent("report"))
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 73)
        }
    }
}
