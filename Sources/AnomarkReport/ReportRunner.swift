// The report pipeline's contract is the module's: see AnomarkReport.swift.
import AnomarkKit
import Foundation

/// Runs `anomark report` over inputs: enumerate, (shard,) render in parallel, write the report.
public struct ReportRunner: Sendable {
    /// Bumped when the rendering of items changes, so that old outputs are not taken as up to date.
    public static let formatVersion = 2

    /// Folders, images, JSON Lines files and manifests.
    public var inputs: [String]
    /// How to run and render.
    public var options: ReportOptions
    /// The one annotator (and text renderer) shared by all worker threads.
    public var annotator: Annotator

    /// A run; nothing happens until `run()`.
    public init(inputs: [String], options: ReportOptions, annotator: Annotator) {
        self.inputs = inputs
        self.options = options
        self.annotator = annotator
    }

    /// Runs the report. Item failures end up in the report (see `ReportOutcome.exitCode`); what prevents a
    /// report — no inputs, no images at all, an output folder that cannot be created — is thrown.
    ///
    /// - Parameter progressWriter: where progress text goes (stderr when nil).
    public func run(progressWriter: (@Sendable (String) -> Void)? = nil) throws(AnomarkError) -> ReportOutcome {
        guard !inputs.isEmpty else { throw AnomarkError(.usage, file: nil, "report: no INPUT given") }
        if let base = options.baseDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw AnomarkError(.inputMissing, file: base, "--base: no such folder")
            }
        }
        let layout = ReportLayout(root: options.outputDirectory)
        let finder = ReportInputs(
            resultsDirectory: options.resultsDirectory, pathMap: options.pathMap,
            excludedDirectories: [options.outputDirectory], inputFormat: options.inputFormat,
            baseDirectory: options.baseDirectory)
        var inputWarnings: [String] = []
        let all = try finder.items(for: inputs, warnings: &inputWarnings)
        guard !all.isEmpty else {
            throw AnomarkError(
                .inputMissing, file: inputs.joined(separator: ", "), "no images (.jpg, .jpeg, .png) found")
        }
        let items = options.shard.map { shard in all.filter { shard.contains(key: $0.key) } } ?? all
        try layout.create()

        let progress = BatchProgress(total: items.count, mode: options.progress, write: progressWriter)
        let store = RecordStore(count: items.count)
        let job = ReportItemJob(annotator: annotator, options: options, layout: layout)
        let resume = ReportResume(layout: layout, shard: options.shard, fingerprint: options.renderFingerprint)
        let force = options.force
        @Sendable func finished(_ i: Int, _ record: ReportRecord, skipped: Bool) {
            store.set(i, record, skipped: skipped)
            progress.itemFinished(
                skipped: skipped, failed: record.status == .failed, withoutResult: record.status == .noResult)
        }
        WorkPool.forEach(count: items.count, jobs: options.jobs) { i in
            let item = items[i]
            if !force, let record = resume.upToDate(item) {
                finished(i, record, skipped: true)
                return
            }
            var record = job.run(item)
            do throws(AnomarkError) {
                try resume.store(record)
            } catch {
                record.warnings.append("not resumable: \(ReportItemJob.message(error))")
            }
            finished(i, record, skipped: false)
        }
        progress.finish()
        resume.finish(keeping: Set(all.map(\.name)))
        let (records, skipped) = store.finished()
        // Outputs of items whose input disappeared, as recorded by earlier runs; never another shard's (its items
        // are among `all`), never a file no run recorded.
        var owned = ReportOwnedOutputs.read(layout)
        let removed =
            owned.removeStale(keeping: Set(all.map(\.name)), layout: layout)
            + owned.removeReplaced(by: records, layout: layout)
        owned.record(records)
        try owned.write(layout)
        let summary = try ReportWriter.write(
            records: records, layout: layout, title: options.title, shard: options.shard, totalItems: all.count,
            warnings: inputWarnings, renderer: annotator.renderer, jobs: options.jobs)
        return ReportOutcome(
            summary: summary, processed: records.count - skipped, skipped: skipped, removedStale: removed)
    }

    /// The records as workers finish them, one slot per item.
    private final class RecordStore: @unchecked Sendable {
        private let lock = NSLock()
        private var records: [ReportRecord?]
        private var skipped = 0

        init(count: Int) { records = [ReportRecord?](repeating: nil, count: count) }

        func set(_ i: Int, _ record: ReportRecord, skipped wasSkipped: Bool) {
            lock.withLock {
                records[i] = record
                if wasSkipped { skipped += 1 }
            }
        }

        func finished() -> ([ReportRecord], Int) {
            lock.withLock { (records.map { $0! }, skipped) }
        }
    }
}
