import AnomarkKit
import Detections
import Foundation

/// Resuming a stopped report: an item is skipped when its outputs are newer than its inputs.
///
/// After an item's annotated PNG and thumbnail are written, its record goes to `.anomark/items/<name>.json`
/// (atomically, last). On the next run the item is up to date when that record exists, describes the same
/// inputs and render settings, its outputs still exist, and it is newer than every input file (image, result,
/// mask, the JSON Lines file of an inline result, a score map beside the image). Failed items are always retried.
enum ReportResume {
    /// The stored form: the record plus the render settings it was made with.
    struct Stored: Codable {
        var fingerprint: String
        var record: ReportRecord
    }

    /// The stored record when `item` is up to date, else nil.
    static func upToDate(_ item: ReportItem, layout: ReportLayout, fingerprint: String) -> ReportRecord? {
        let path = layout.recordPath(item.name)
        guard let recordTime = modificationTime(path),
            let data = FileManager.default.contents(atPath: path),
            let stored = try? JSONDecoder().decode(Stored.self, from: data)
        else { return nil }
        let record = stored.record
        guard stored.fingerprint == fingerprint, record.status != .failed, record.key == item.key,
            record.name == item.name, record.image == item.imagePath, record.result == item.resultLabel,
            record.truthMask == item.truth?.maskPath
        else { return nil }
        for output in [record.annotated, record.thumbnail].compactMap({ $0 }) {
            guard FileManager.default.fileExists(atPath: layout.path(output)) else { return nil }
        }
        for input in item.inputFiles {
            guard let inputTime = modificationTime(input), inputTime <= recordTime else { return nil }
        }
        // A score map beside the image is read with an anomalib sidecar, found when the item is drawn: one
        // changed, or put there, since the record makes it stale too.
        let folder = item.imagePath.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        let maps = item.imagePath.map { AnomalyMapFormat.mapPaths(forImage: ($0 as NSString).lastPathComponent) } ?? []
        for map in maps {
            if let mapTime = modificationTime(folder.isEmpty ? map : folder + "/" + map), mapTime > recordTime {
                return nil
            }
        }
        return record
    }

    /// Stores the record of a finished item (failures too, for inspection; they are retried anyway).
    static func store(_ record: ReportRecord, layout: ReportLayout, fingerprint: String) throws(AnomarkError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes: Data
        do {
            bytes = try encoder.encode(Stored(fingerprint: fingerprint, record: record))
        } catch {
            throw AnomarkError(.io, file: layout.recordPath(record.name), "cannot encode the record: \(error)")
        }
        try OutputFile.write([UInt8](bytes), to: layout.recordPath(record.name))
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
