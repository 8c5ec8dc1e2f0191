import AnomarkKit
import Detections
import Foundation

/// Resuming a stopped report: an item is skipped when its outputs are newer than its inputs.
///
/// After an item's annotated image and thumbnail are written, its record is appended, as one JSON line, to the
/// run's journal: `.anomark/items.jsonl`, or `.anomark/items-K-of-N.jsonl` for shard K/N, so that shards
/// sharing a folder (on shared storage too) never write the same file. A line holds the record, the render
/// settings it was made with and the modification times of the outputs it names. On the next run an item is
/// up to date when some line of any journal in the folder describes the same inputs and render settings, its
/// outputs still exist with the times it noted (another run that redrew them, in other settings, noted its
/// own), and every input file (image, result, mask, the JSON Lines file of an inline result, a score map
/// beside the image) is older than them. Failed items are always retried.
///
/// One journal line per item instead of one record file per item (`.anomark/items/<name>.json`, which earlier
/// versions wrote and which is still read, then replaced by a line, and removed): a report of 500 images
/// created 1,515 files, 500 of them records, and on two cores creating files was a fifth of its time. A line
/// is written with one `write` under a lock, in append mode; a torn last line (a killed run) is skipped. The
/// run rewrites its journal at the end when it holds lines of items it no longer has or older lines of items
/// done again.
final class ReportResume: @unchecked Sendable {
    /// One journal line.
    struct Line: Codable {
        var fingerprint: String
        var record: ReportRecord
        /// Modification times (nanoseconds since the epoch) of `record.outputFiles`, in that order.
        var outputTimes: [Int64]
    }

    /// The stored form of the per-item record files of earlier versions.
    struct LegacyStored: Codable {
        var fingerprint: String
        var record: ReportRecord
    }

    private let layout: ReportLayout
    private let fingerprint: String
    /// This run's journal, relative to the report folder.
    let journal: String
    /// Every journal's lines, by item name, in the order read (this run's journal last).
    private let known: [String: [Line]]
    /// Whether an earlier version's record folder exists (then a stored item's old file is removed).
    private let legacyFolder: Bool
    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var failure: String?

    /// The journals of the folder `layout`, for a run of `shard` (nil: the whole input) in `fingerprint`'s
    /// settings. Unreadable journals and lines are skipped: they only cost a redo.
    init(layout: ReportLayout, shard: ReportShard?, fingerprint: String) {
        self.layout = layout
        self.fingerprint = fingerprint
        journal = Self.journalName(shard: shard)
        var known: [String: [Line]] = [:]
        let folder = layout.path(ReportLayout.markerFolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("items") && $0.hasSuffix(".jsonl") }.sorted()
        let own = (journal as NSString).lastPathComponent
        for name in names.filter({ $0 != own }) + (names.contains(own) ? [own] : []) {
            for line in Self.readLines(layout.path("\(ReportLayout.markerFolder)/\(name)")).lines {
                known[line.record.name, default: []].append(line)
            }
        }
        self.known = known
        legacyFolder = FileManager.default.fileExists(atPath: layout.path(ReportLayout.legacyRecordsFolder))
    }

    /// `.anomark/items.jsonl`, or `.anomark/items-K-of-N.jsonl` for shard K/N.
    static func journalName(shard: ReportShard?) -> String {
        let suffix = shard.map { "-\($0.index)-of-\($0.count)" } ?? ""
        return "\(ReportLayout.markerFolder)/items\(suffix).jsonl"
    }

    /// The lines of a journal that decode, and how many lines it has; none when it is not a regular file (a
    /// link is not followed).
    static func readLines(_ path: String) -> (lines: [Line], count: Int) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            let data = FileManager.default.contents(atPath: path)
        else { return ([], 0) }
        let decoder = JSONDecoder()
        let raw = data.split(separator: UInt8(ascii: "\n"))
        return (raw.compactMap { try? decoder.decode(Line.self, from: $0) }, raw.count)
    }

    /// The record of `item` when it is up to date, else nil. An item found up to date through an earlier
    /// version's record file gets a journal line instead (the file goes).
    func upToDate(_ item: ReportItem) -> ReportRecord? {
        for line in (known[item.name] ?? []).reversed() where matches(line.fingerprint, line.record, item) {
            let outputs = line.record.outputFiles
            guard outputs.count == line.outputTimes.count,
                zip(outputs, line.outputTimes).allSatisfy({ Self.modificationTime(layout.path($0)) == $1 }),
                let oldest = line.outputTimes.min(), inputsOlder(item, than: oldest)
            else { continue }
            return line.record
        }
        return legacyUpToDate(item)
    }

    /// Appends the line of a finished item (failures too, for inspection; they are retried anyway). Throws when
    /// the journal cannot be written: the item is then not resumable.
    func store(_ record: ReportRecord) throws(AnomarkError) {
        let outputs = record.outputFiles
        let times = outputs.compactMap { Self.modificationTime(layout.path($0)) }
        let line = Line(
            fingerprint: fingerprint, record: record, outputTimes: times.count == outputs.count ? times : [])
        guard let bytes = Self.encoded(line) else {
            throw AnomarkError(.io, file: layout.path(journal), "cannot encode the record of \(record.name)")
        }
        let path = layout.path(journal)
        lock.lock()
        defer { lock.unlock() }
        do {
            if let failure { throw AnomarkError(.io, file: path, failure) }
            if descriptor < 0 {
                // Append-only, never through a link, never blocking on a FIFO; then it must be a regular file.
                let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o666)
                var info = stat()
                guard fd >= 0, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    let message = fd < 0 ? String(cString: strerror(errno)) : "not a regular file"
                    if fd >= 0 { close(fd) }
                    failure = "cannot write the resume journal: \(message)"
                    throw AnomarkError(.io, file: path, failure!)
                }
                descriptor = fd
                // A torn last line (a killed run) is ended first, so that this run's lines stay whole.
                var last: UInt8 = 0
                if info.st_size > 0, pread(fd, &last, 1, off_t(info.st_size - 1)) == 1, last != UInt8(ascii: "\n") {
                    try OutputFile.writeAll([UInt8(ascii: "\n")], to: fd, name: path)
                }
            }
            try OutputFile.writeAll(bytes, to: descriptor, name: path)
        }
        if legacyFolder { unlink(layout.legacyRecordPath(record.name)) }
    }

    /// Closes the journal and rewrites it with one line per item of `names` (the run's whole input) when it
    /// holds more: lines of items gone, older lines of items done again, torn lines. Earlier versions' record
    /// files of items gone are removed by `ReportOwnedOutputs`.
    func finish(keeping names: Set<String>) {
        lock.withLock {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
        let path = layout.path(journal)
        let (lines, count) = Self.readLines(path)
        var latest: [String: Line] = [:]
        var order: [String] = []
        for line in lines where names.contains(line.record.name) {
            if latest[line.record.name] == nil { order.append(line.record.name) }
            latest[line.record.name] = line
        }
        guard order.count < count else { return }
        try? OutputFile.write(order.compactMap { latest[$0].flatMap(Self.encoded) }.flatMap { $0 }, to: path)
    }

    /// A line as the journal holds it: sorted-key JSON, then a newline.
    private static func encoded(_ line: Line) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(line) else { return nil }
        return [UInt8](json) + [UInt8(ascii: "\n")]
    }

    /// The checks every stored record passes before its times are looked at.
    private func matches(_ stored: String, _ record: ReportRecord, _ item: ReportItem) -> Bool {
        stored == fingerprint && record.status != .failed && record.key == item.key && record.name == item.name
            && record.image == item.imagePath && record.result == item.resultLabel
            && record.truthMask == item.truth?.maskPath
    }

    /// Whether every input of `item` exists and is older than `time` (a score map beside the image, which is
    /// found when the item is drawn, need not exist, but one changed or put there since makes it stale).
    private func inputsOlder(_ item: ReportItem, than time: Int64) -> Bool {
        for input in item.inputFiles {
            guard let inputTime = Self.modificationTime(input), inputTime <= time else { return false }
        }
        let folder = item.imagePath.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        let maps = item.imagePath.map { AnomalyMapFormat.mapPaths(forImage: ($0 as NSString).lastPathComponent) } ?? []
        for map in maps {
            if let mapTime = Self.modificationTime(folder.isEmpty ? map : folder + "/" + map), mapTime > time {
                return false
            }
        }
        return true
    }

    /// An earlier version's record file (`.anomark/items/<name>.json`), newer than the inputs, whose outputs
    /// exist; taken into the journal when it passes.
    private func legacyUpToDate(_ item: ReportItem) -> ReportRecord? {
        let path = layout.legacyRecordPath(item.name)
        guard let recordTime = Self.modificationTime(path),
            let data = FileManager.default.contents(atPath: path),
            let stored = try? JSONDecoder().decode(LegacyStored.self, from: data),
            matches(stored.fingerprint, stored.record, item)
        else { return nil }
        for output in stored.record.outputFiles {
            guard FileManager.default.fileExists(atPath: layout.path(output)) else { return nil }
        }
        guard inputsOlder(item, than: recordTime) else { return nil }
        try? store(stored.record)
        return stored.record
    }

    /// Nanoseconds since the epoch, nil when the file does not exist.
    static func modificationTime(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
