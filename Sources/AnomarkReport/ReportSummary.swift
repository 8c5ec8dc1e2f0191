import AnomarkKit
import Foundation
import Overlay

/// The machine-readable report: `summary.json` (everything, including what `--merge` needs) and
/// `summary.csv` (one row per image, for spreadsheets).
///
/// Items are sorted by key, and nothing in the summary depends on timing, core count or sharding (except the
/// `shard` field itself), so a merged report's summary equals that of a single run over the same inputs.
///
/// The schema of `summary.json`, every field, is the article <doc:SummaryJSON>; `formatVersion` says which
/// schema a file follows, and a reader (`--merge`) refuses other versions with a one-line message.
public struct ReportSummary: Codable, Sendable, Equatable {
    /// How many items ended how.
    public struct Counts: Codable, Sendable, Equatable {
        /// All items.
        public var images: Int
        /// Anomalous by prediction (or by ground truth for items without one).
        public var anomalous: Int
        /// Normal by prediction (or by ground truth for items without one).
        public var normal: Int
        /// Items that failed (`status` `failed`); items without a result are counted apart, in `noResult`.
        public var failed: Int
        /// Items for which no result was found (`status` `no-result`; not among `failed`).
        public var noResult: Int

        /// The counts of `records`.
        public init(records: [ReportRecord]) {
            images = records.count
            anomalous = records.filter { $0.status == .ok && $0.displayedAnomalous == true }.count
            normal = records.filter { $0.status == .ok && $0.displayedAnomalous == false }.count
            failed = records.filter { $0.status == .failed }.count
            noResult = records.filter { $0.status == .noResult }.count
        }
    }

    /// Identifies the file as a report summary; a merge refuses other values.
    public static let formatName = "anomark-report"

    /// The schema version this build writes and reads (1 was written as `"format": "anomark-report/1"`, without
    /// `formatVersion`; 2 counts "no result" apart from `failed`, lists anomaly types in the legend's order,
    /// gives IoU only where both masks exist and adds `metrics.thresholds`).
    public static let formatVersion = 2

    /// `formatName`.
    public var format: String
    /// `formatVersion` when written.
    public var formatVersion: Int
    /// The page title.
    public var title: String
    /// The slice this report covers; nil for a whole (or merged) report.
    public var shard: ReportShard?
    /// Items in the whole input, all shards together (lets a merge notice a missing shard).
    public var totalItems: Int
    /// How many items ended how.
    public var counts: Counts
    /// Classification metrics and mean IoU, when there is ground truth.
    public var metrics: ReportMetrics
    /// Contact-sheet pages, relative to the report folder.
    public var contactSheets: [String]
    /// Warnings about the run as a whole (e.g. fonts lacking glyphs).
    public var warnings: [String]
    /// One record per item, sorted by key.
    public var items: [ReportRecord]

    /// A summary; counts and metrics are computed from `items`.
    public init(
        title: String, shard: ReportShard?, totalItems: Int, items: [ReportRecord], contactSheets: [String],
        warnings: [String] = []
    ) {
        self.format = Self.formatName
        self.formatVersion = Self.formatVersion
        self.title = title
        self.shard = shard
        self.totalItems = totalItems
        self.items = items
        self.counts = Counts(records: items)
        self.metrics = ReportMetrics(records: items)
        self.contactSheets = contactSheets
        self.warnings = warnings
    }

    /// Compact JSON with sorted keys and one item per line.
    ///
    /// Items are encoded one at a time and spliced into the rest, so that the transient memory is one record's,
    /// not the whole batch's (Foundation's encoder builds a tree of everything it encodes).
    func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var envelope = self
        envelope.items = []
        // Encoding plain structs of strings, integers and finite numbers cannot fail.
        let head = [UInt8]((try? encoder.encode(envelope)) ?? Data("{}".utf8))
        // `"items":[]` cannot occur inside a string value, where its quotes would be escaped.
        let marker = Array(#""items":[]"#.utf8)
        guard let at = head.firstRange(of: marker) else { return head + [0x0A] }
        var out = Array(head[..<at.upperBound.advanced(by: -1)])
        for (i, item) in items.enumerated() {
            out += i == 0 ? [0x0A] : [0x2C, 0x0A]
            out += [UInt8]((try? encoder.encode(item)) ?? Data("{}".utf8))
        }
        if !items.isEmpty { out.append(0x0A) }
        out += head[(at.upperBound - 1)...]
        out.append(0x0A)
        return out
    }

    /// What a summary says it is, read before the rest so that another version is refused by name.
    private struct Envelope: Decodable {
        var format: String?
        var formatVersion: Int?
    }

    /// Reads a `summary.json`; `.inputMissing` when absent, `.badData` when not a report summary or one of
    /// another `formatVersion` (an older anomark's, or a newer one's), with a one-line message saying so.
    public static func read(_ path: String) throws(AnomarkError) -> ReportSummary {
        let bytes = try FileIO.read(path, maxBytes: 1 << 30)
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)) else {
            throw AnomarkError(.badData, file: path, "not an Anomark report summary (not a JSON object)")
        }
        // Version 1 wrote its version into the format name.
        let version =
            envelope.format == "anomark-report/1" && envelope.formatVersion == nil ? 1 : envelope.formatVersion
        guard envelope.format == formatName || version == 1, let version else {
            throw AnomarkError(
                .badData, file: path,
                "not an Anomark report summary (format \(envelope.format.map { "'\($0)'" } ?? "missing"))")
        }
        if version < formatVersion {
            throw AnomarkError(
                .badData, file: path,
                "summary format version \(version) is an older anomark's (this one reads \(formatVersion)): "
                    + "run that report again with this anomark, then merge")
        }
        if version > formatVersion {
            throw AnomarkError(
                .badData, file: path,
                "summary format version \(version) is a newer anomark's (this one reads \(formatVersion)): "
                    + "merge with the anomark that wrote it")
        }
        do {
            return try JSONDecoder().decode(ReportSummary.self, from: Data(bytes))
        } catch {
            throw AnomarkError(.badData, file: path, "not an Anomark report summary (\(Self.describe(error)))")
        }
    }

    /// A decoding error in one line: what is wrong and where (`items[3].status`).
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context)?: return "\(path(context.codingPath)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }

    /// The CSV header.
    static var csvColumns: [String] { ReportColumns.all.map(\.id) }

    /// `summary.csv` (see `ReportCSV`).
    public func csv() -> String { ReportCSV.render(items) }

    /// `cracked 1.85%; hole 0.20%`.
    static func areas(_ list: [ReportRecord.TypeArea]) -> String {
        list.map { "\($0.name) \(Panel.percent($0.area))" }.joined(separator: "; ")
    }

    /// `value` with exactly `digits` decimals, locale-independent.
    static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }
}
