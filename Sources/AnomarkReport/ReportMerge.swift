import AnomarkKit
import Foundation
import TextRender

/// `anomark report --merge SHARDDIR... -o OUTDIR`: joins the reports of `--shard K/N` runs into one.
///
/// Reads each shard's `summary.json` (which holds every item's record), brings the annotated images and
/// thumbnails into OUTDIR (hard links when on the same file system, copies otherwise) and writes the contact
/// sheets, summaries and `index.html` with the same code as a normal run — so the merge of all shards equals a
/// single run over the same inputs. Missing shards (by the `K/N` the shards recorded) and items listed twice
/// are reported as warnings in the report and on stderr; a missing shard makes the exit status 1.
package struct ReportMerge: Sendable {
    /// The shard report folders (each with a `summary.json`).
    package var shardDirectories: [String]
    /// The merged report's folder; must not be one of the shards.
    package var outputDirectory: String
    /// Title of the merged page; nil keeps the shards' title.
    package var title: String?
    /// Threads for building the contact sheet.
    package var jobs: Int
    /// Draws the contact-sheet labels.
    package var renderer: TextRenderer

    /// A merge; nothing happens until `run()`.
    package init(
        shardDirectories: [String], outputDirectory: String, title: String? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, renderer: TextRenderer
    ) {
        self.shardDirectories = shardDirectories
        self.outputDirectory = outputDirectory
        self.title = title
        self.jobs = max(1, jobs)
        self.renderer = renderer
    }

    /// Merges; throws when a shard cannot be read or OUTDIR cannot be written.
    package func run() throws(AnomarkError) -> ReportOutcome {
        guard !shardDirectories.isEmpty else { throw AnomarkError(.usage, file: nil, "--merge needs shard folders") }
        let output = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        var shards: [(folder: String, summary: ReportSummary)] = []
        for folder in shardDirectories {
            if URL(fileURLWithPath: folder).standardizedFileURL.path == output {
                throw AnomarkError(.usage, file: folder, "the merged report must go to another folder than its shards")
            }
            shards.append(
                (folder, try ReportSummary.read(ReportLayout(root: folder).path(ReportLayout.summaryJSONFile))))
        }
        var warnings: [String] = []
        let (totalItems, missing) = completeness(shards.map(\.summary), warnings: &warnings)

        let layout = ReportLayout(root: outputDirectory)
        try layout.create()
        var seen = Set<String>()
        var records: [ReportRecord] = []
        for (folder, summary) in shards {
            let source = ReportLayout(root: folder)
            for var record in summary.items {
                guard seen.insert(record.name).inserted else {
                    warnings.append("\(record.key) is in more than one shard; kept the first (\(folder) ignored)")
                    continue
                }
                for relative in record.outputFiles {
                    do throws(AnomarkError) {
                        try Self.place(source.path(relative), at: layout.path(relative))
                    } catch {
                        record.status = .failed
                        record.error = "merge: \(ReportItemJob.message(error))"
                        record.annotated = nil
                        record.thumbnail = nil
                    }
                }
                records.append(record)
            }
        }
        records.sort { $0.key != $1.key ? $0.key < $1.key : $0.name < $1.name }
        // A merge removes nothing (a missing shard is no disappeared input); it records what it placed.
        var owned = ReportOwnedOutputs.read(layout)
        owned.record(records)
        try owned.write(layout)
        let summary = try ReportWriter.write(
            records: records, layout: layout, title: title ?? shards[0].summary.title, shard: nil,
            totalItems: totalItems ?? records.count, warnings: warnings, renderer: renderer, jobs: jobs)
        return ReportOutcome(summary: summary, processed: 0, skipped: 0, incomplete: missing)
    }

    /// Checks that the shards form one whole: the same N and total, every K present once. Returns the
    /// total item count (nil when the inputs were not shards) and whether shards are missing.
    func completeness(_ summaries: [ReportSummary], warnings: inout [String]) -> (Int?, Bool) {
        let sharded = summaries.compactMap(\.shard)
        guard !sharded.isEmpty else { return (nil, false) }
        let counts = Set(sharded.map(\.count))
        let totals = Set(summaries.filter { $0.shard != nil }.map(\.totalItems))
        if counts.count > 1 || totals.count > 1 || sharded.count < summaries.count {
            warnings.append("the folders come from different shardings (N = \(counts.sorted())); merged as given")
            return (nil, false)
        }
        let n = sharded[0].count
        let present = Set(sharded.map(\.index))
        for index in present.sorted() where sharded.filter({ $0.index == index }).count > 1 {
            warnings.append("shard \(index)/\(n) was given more than once")
        }
        let absent = (0..<n).filter { !present.contains($0) }
        if !absent.isEmpty {
            let list = absent.prefix(10).map { "\($0)/\(n)" }.joined(separator: ", ")
            let plural = absent.count > 1
            warnings.append(
                "missing shard\(plural ? "s" : "") \(list)\(absent.count > 10 ? ", …" : ""): "
                    + "the report lacks \(plural ? "their" : "its") images")
        }
        return (totals.first!, !absent.isEmpty)
    }

    /// Puts `source` at `destination`: a hard link renamed into place (atomic, no copy), or an atomic copy when
    /// linking is impossible (another file system).
    static func place(_ source: String, at destination: String) throws(AnomarkError) {
        let url = URL(fileURLWithPath: destination)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".link-\(getpid())"
        unlink(temporary)
        if link(source, temporary) == 0 {
            let renamed = rename(temporary, destination) == 0
            // rename() between two links of one file succeeds without removing the source name.
            unlink(temporary)
            if renamed { return }
        }
        try OutputFile.write(try FileIO.read(source), to: destination)
    }
}
