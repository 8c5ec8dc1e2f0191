import AnomarkKit
import Foundation

/// The files that runs into a report folder wrote and recorded as their own, per item, in
/// `.anomark/outputs.json`: what makes it safe to clean up after inputs that disappeared.
///
/// A run removes the recorded files of items that are no longer among its inputs — all of them, not only its
/// shard's, since every shard enumerates every input — and nothing else: a file the record does not name, or
/// a record naming something other than an item's own `annotated/<name>.png` (or `.jpg`),
/// `thumbnails/<name>.jpg` or `.anomark/items/<name>.json`, is never touched. An item rendered in another
/// `--annotated-format` than before loses its recorded annotated image of the other format (a failed one
/// keeps it). Without a record (a folder from before the record existed, or an unreadable one) nothing is
/// removed. `--merge` only adds to the record.
struct ReportOwnedOutputs: Codable, Equatable {
    /// The record's format.
    var format = "anomark-outputs/1"
    /// Item name → its files, relative to the report folder.
    var items: [String: [String]] = [:]

    /// Where the record lives, relative to the report folder.
    static let relativePath = "\(ReportLayout.markerFolder)/outputs.json"

    /// The folder's record; empty when there is none or it cannot be read.
    static func read(_ layout: ReportLayout) -> ReportOwnedOutputs {
        guard let data = FileManager.default.contents(atPath: layout.path(relativePath)),
            let record = try? JSONDecoder().decode(ReportOwnedOutputs.self, from: data),
            record.format == ReportOwnedOutputs().format
        else { return ReportOwnedOutputs() }
        return record
    }

    /// Writes the record (atomically).
    func write(_ layout: ReportLayout) throws(AnomarkError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else {
            throw AnomarkError(.io, file: layout.path(Self.relativePath), "cannot encode the record of outputs")
        }
        try OutputFile.write([UInt8](data), to: layout.path(Self.relativePath))
    }

    /// Adds the files of `records` (their images; the resume records are journal lines, `ReportResume`).
    mutating func record(_ records: [ReportRecord]) {
        for record in records {
            items[record.name] = Array(Set(items[record.name] ?? []).union(record.outputFiles)).sorted()
        }
    }

    /// Removes the annotated images an earlier run recorded for items of `records` in another
    /// `--annotated-format` (`annotated/<name>.png` once the item is `.jpg`, or either once it is `none`), and
    /// forgets them. Only rendered items count: a failed one keeps what an earlier run made of it. Returns the
    /// number removed; files no run recorded are never touched.
    mutating func removeReplaced(by records: [ReportRecord], layout: ReportLayout) -> Int {
        var removed = 0
        for record in records where record.thumbnail != nil && Self.isSafeName(record.name) {
            guard let files = items[record.name] else { continue }
            let variants: Set<String> = [
                ReportLayout.annotatedRelative(record.name),
                ReportLayout.annotatedRelative(record.name, fileExtension: "jpg"),
            ]
            let replaced = files.filter { variants.contains($0) && $0 != record.annotated }
            for file in replaced {
                var info = stat()
                let path = layout.path(file)
                if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR, unlink(path) == 0 { removed += 1 }
            }
            items[record.name] = files.filter { !replaced.contains($0) }
        }
        return removed
    }

    /// Removes the recorded files of every item not in `names` and forgets those items. Returns the number of
    /// images removed (the items' resume records go too, uncounted).
    mutating func removeStale(keeping names: Set<String>, layout: ReportLayout) -> Int {
        var removed = 0
        for (name, files) in items where !names.contains(name) {
            let own: Set<String> = [
                ReportLayout.annotatedRelative(name), ReportLayout.annotatedRelative(name, fileExtension: "jpg"),
                ReportLayout.thumbnailRelative(name), Self.itemRecord(name),
            ]
            if Self.isSafeName(name) {
                for file in files where own.contains(file) {
                    var info = stat()
                    let path = layout.path(file)
                    // The file itself (a link is removed, never followed); never a folder.
                    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR, unlink(path) == 0 else {
                        continue
                    }
                    if file != Self.itemRecord(name) { removed += 1 }
                }
            }
            items[name] = nil
        }
        return removed
    }

    /// `.anomark/items/<name>.json`: an earlier version's record file, recorded as the item's own by those
    /// versions, so still removed with the item.
    static func itemRecord(_ name: String) -> String { "\(ReportLayout.legacyRecordsFolder)/\(name).json" }

    /// A name `ReportNaming` could have made: one path component.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
