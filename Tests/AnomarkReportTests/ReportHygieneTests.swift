import Foundation
import TestSupport
import Testing

@testable import AnomarkKit
@testable import AnomarkReport

/// A report folder over several runs: its own outputs are never input, and what a run removes is only what
/// an earlier run recorded as its own, for inputs that disappeared.
@Suite struct ReportHygieneTests {
    static func names(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    @Test func aReportInsideItsInputFolderDoesNotReadItself() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = folder.appendingPathComponent("report")
        #expect(symlink("images", root.appendingPathComponent("link").path) == 0)
        let first = try ReportFixtures.run([folder.path], output: out)
        let second = try ReportFixtures.run([folder.path], output: root.appendingPathComponent("link/report"))
        #expect(first.summary.items.count == 4 && second.summary.items.count == 4)
        #expect(second.skipped == 4)
    }

    @Test func outputsOfADeletedInputAreRemovedAndNothingElse() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        // Files of the user's in the report's folders are not the report's to remove.
        try Data("mine".utf8).write(to: out.appendingPathComponent("annotated/notes.png"))
        try Data("mine".utf8).write(to: out.appendingPathComponent("thumbnails/mine.jpg"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("anomaly-4.jpg"))

        let outcome = try ReportFixtures.run([folder.path], output: out)
        #expect(outcome.removedStale == 2)
        #expect(outcome.line(reportPath: "r/index.html").contains(", removed 2 stale outputs in r/index.html"))
        #expect(
            try Self.names(out.appendingPathComponent("annotated")) == [
                "anomaly-1.png", "anomaly-5.png", "normal-1.png", "notes.png",
            ])
        #expect(
            try Self.names(out.appendingPathComponent("thumbnails")) == [
                "anomaly-1.jpg", "anomaly-5.jpg", "mine.jpg", "normal-1.jpg",
            ])
        #expect(!ReportFixtures.fileExists(out.appendingPathComponent(".anomark/items/anomaly-4.json")))
        // Once removed, forgotten: the next run removes nothing.
        #expect(try ReportFixtures.run([folder.path], output: out).removedStale == 0)
    }

    @Test func aShardIntoTheFolderOfAFullRunRemovesNothing() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try Self.names(out.appendingPathComponent("annotated"))
        let shard = try ReportFixtures.run([folder.path], output: out) { $0.shard = ReportShard(index: 0, count: 3) }
        #expect(shard.removedStale == 0)
        #expect(try Self.names(out.appendingPathComponent("annotated")) == before)
        #expect(before.count == 4)
        // And the full run after it still knows every item's files as its own.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("normal-1.jpg"))
        #expect(try ReportFixtures.run([folder.path], output: out).removedStale == 2)
    }

    @Test func aMergeRemovesNothing() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        let shard = root.appendingPathComponent("shard-0")
        _ = try ReportFixtures.run([folder.path], output: shard) { $0.shard = ReportShard(index: 0, count: 2) }
        // Merging one shard of two into the full report's folder: the other shard's items stay.
        let merged = try ReportMerge(
            shardDirectories: [shard.path], outputDirectory: out.path, jobs: 1,
            renderer: ReportFixtures.annotator.renderer
        ).run()
        #expect(merged.removedStale == 0)
        #expect(try Self.names(out.appendingPathComponent("annotated")).count == 4)
    }

    @Test func aTamperedRecordRemovesOnlyAnItemsOwnFiles() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("report")
        let layout = ReportLayout(root: out.path)
        for folder in ["annotated", "thumbnails", ".anomark/items", "precious"] {
            try FileManager.default.createDirectory(
                at: out.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["annotated/gone.png", "thumbnails/gone.jpg", "precious/keep.png", "index.html"] {
            try Data("x".utf8).write(to: out.appendingPathComponent(file))
        }
        var owned = ReportOwnedOutputs(items: [
            "gone": ["annotated/gone.png", "thumbnails/gone.jpg", "precious/keep.png", "../outside", "index.html"],
            "..": ["annotated/...png"], "a/b": ["annotated/a/b.png"],
        ])
        #expect(owned.removeStale(keeping: [], layout: layout) == 2)
        #expect(owned.items.isEmpty)
        #expect(try Self.names(out.appendingPathComponent("annotated")).isEmpty)
        #expect(ReportFixtures.fileExists(out.appendingPathComponent("precious/keep.png")))
        #expect(ReportFixtures.fileExists(out.appendingPathComponent("index.html")))
    }
}
