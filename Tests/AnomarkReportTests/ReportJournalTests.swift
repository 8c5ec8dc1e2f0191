import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// Resume records as journal lines (`ReportResume`): one file per run's shard instead of one per item.
@Suite("Report resume journal")
struct ReportJournalTests {
    static func journalLines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func aRunWritesOneJournalLinePerItemAndNoRecordFiles() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!ReportFixtures.fileExists(out.appendingPathComponent(".anomark/items")))
        let lines = try Self.journalLines(out.appendingPathComponent(".anomark/items.jsonl"))
        #expect(lines.count == 4)
        // A shard keeps a journal of its own, so shards sharing a folder never write one file.
        _ = try ReportFixtures.run([folder.path], output: out) {
            $0.shard = ReportShard(index: 0, count: 2)
            $0.force = true
        }
        #expect(ReportFixtures.fileExists(out.appendingPathComponent(".anomark/items-0-of-2.jsonl")))
        #expect(try Self.journalLines(out.appendingPathComponent(".anomark/items.jsonl")) == lines)
    }

    /// Outputs redrawn by another run (a shard in other settings, into the same folder) are not the ones the
    /// first run's lines name: a run in the first settings redoes exactly those items.
    @Test func outputsRedrawnByAnotherRunAreStale() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        let shard = try ReportFixtures.run([folder.path], output: out) {
            $0.shard = ReportShard(index: 0, count: 2)
            $0.annotate.composite.opacity = 0.25
        }
        #expect(shard.processed > 0 && shard.processed < 4)
        let again = try ReportFixtures.run([folder.path], output: out)
        #expect(again.processed == shard.processed)
        #expect(again.skipped == 4 - shard.processed)
        // And then everything is up to date.
        #expect(try ReportFixtures.run([folder.path], output: out).skipped == 4)
    }

    /// A killed run can leave a torn last line: it is skipped, the other lines still count.
    @Test func aTornLastLineIsSkipped() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = out.appendingPathComponent(".anomark/items.jsonl")
        let handle = try FileHandle(forWritingTo: journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"fingerprint":"x","record":{"#.utf8))
        try handle.close()
        let second = try ReportFixtures.run([folder.path], output: out)
        #expect(second.skipped == 4 && second.processed == 0)
        // The run that found the torn line rewrites the journal without it.
        #expect(try Self.journalLines(journal).count == 4)
    }

    /// Redoing items appends lines; the run then rewrites its journal with one line per item.
    @Test func theJournalKeepsOneLinePerItem() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try ReportFixtures.run([folder.path], output: out) { $0.force = true }
        #expect(try Self.journalLines(out.appendingPathComponent(".anomark/items.jsonl")).count == 4)
        // An item whose input went is dropped from it.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("normal-1.jpg"))
        _ = try ReportFixtures.run([folder.path], output: out)
        #expect(try Self.journalLines(out.appendingPathComponent(".anomark/items.jsonl")).count == 3)
    }

    /// A folder made by an earlier version holds one record file per item: they still make the items up to
    /// date, and each becomes a journal line (the file goes).
    @Test func earlierVersionsRecordFilesAreReadAndReplaced() throws {
        let (root, folder, out) = try ReportFixtures.fullReport()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = out.appendingPathComponent(".anomark/items.jsonl")
        let legacy = out.appendingPathComponent(".anomark/items")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        for text in try Self.journalLines(journal) {
            let line = try JSONDecoder().decode(ReportResume.Line.self, from: Data(text.utf8))
            let stored = ReportResume.LegacyStored(fingerprint: line.fingerprint, record: line.record)
            try encoder.encode(stored).write(to: legacy.appendingPathComponent("\(line.record.name).json"))
        }
        try FileManager.default.removeItem(at: journal)
        let second = try ReportFixtures.run([folder.path], output: out)
        #expect(second.skipped == 4 && second.processed == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: legacy.path).isEmpty)
        #expect(try Self.journalLines(journal).count == 4)
    }

    /// A journal that is a link is never written through: the items are done, each with a warning that it is
    /// not resumable, and the link's target stays as it was.
    @Test func aLinkedJournalIsRefused() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = root.appendingPathComponent("report")
        let precious = root.appendingPathComponent("precious.txt")
        try Data("keep".utf8).write(to: precious)
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent(".anomark"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: out.appendingPathComponent(".anomark/items.jsonl"), withDestinationURL: precious)
        let outcome = try ReportFixtures.run([folder.path], output: out)
        #expect(outcome.processed == 4)
        #expect(outcome.summary.items.allSatisfy { $0.warnings.contains { $0.hasPrefix("not resumable: ") } })
        #expect(try String(contentsOf: precious, encoding: .utf8) == "keep")
    }
}
