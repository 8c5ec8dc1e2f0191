import AnomarkKit
import Detections
import Foundation
import Overlay
import Raster

/// One line of a JSON Lines input: a list entry `{"image": PATH, "result": PATH or object}`, a Lookout for
/// Vision / Ground Truth manifest entry (`source-ref`, `anomaly-label`, `anomaly-mask-ref`, …) or a capture
/// record that a result format reads (`CaptureRecord`: the DDA's).
///
/// Which one is decided per line by its keys (a format's record first, then `source-ref`), so a file may mix
/// them. Lines are read by
/// the strict JSON reader of `Detections` (the one that reads result files), inline results by the input
/// format's reader: one JSON path for all three.
enum ReportLine {
    case list(ListEntry)
    case manifest(ManifestEntry)
    case record(CaptureRecord)

    /// `{"image": …, "result": …}`.
    struct ListEntry {
        var image: String
        var result: ResultField?
    }

    /// A result given as a path or inline.
    enum ResultField {
        case path(String)
        case object(Detection)
    }

    /// The fields of a Lookout for Vision manifest line that a report uses.
    struct ManifestEntry {
        var sourceRef: String
        /// 1 = anomaly, 0 = normal.
        var anomalyLabel: Int?
        var anomalyMaskRef: String?
        var anomalyMaskRefMetadata: MaskMetadata?
    }

    struct MaskMetadata {
        var internalColorMap: [String: ColorMapEntry]?
    }

    struct ColorMapEntry {
        var className: String
        var hexColor: String
    }

    /// The longest line read: an inline result with the service's largest mask (5 MB of base64) fits.
    static let maxLineBytes = 8 << 20
    /// The most JSON values on one line (a manifest line has a few dozen, an inline result a few hundred): a parsed
    /// value costs many times its text. The JSON reader's own limit, counted while parsing.
    static let maxValues = 100_000
    /// The longest path or reference (`image`, `result`, `source-ref`, `anomaly-mask-ref`), in bytes: PATH_MAX.
    static let maxPathBytes = 4096

    /// Parses one line; the error is a short reason for the report. Lines over `maxLineBytes`, with more than
    /// `maxValues` values, with paths over `maxPathBytes` or class names over
    /// `DetectAnomaliesResult.maxTextFieldBytes` are refused before they cost time or memory downstream.
    static func parse(_ bytes: [UInt8], format: ResultFormats = .auto) throws(ReportLineError) -> ReportLine {
        if bytes.count > maxLineBytes { throw .lineTooLong(bytes: bytes.count, limit: maxLineBytes) }
        let line = try parseFields(bytes, format: format)
        try line.checkLengths()
        return line
    }

    private func checkLengths() throws(ReportLineError) {
        func path(_ value: String?, _ field: String) throws(ReportLineError) {
            guard let value, value.utf8.count > ReportLine.maxPathBytes else { return }
            throw .invalidField(
                "\(field): expected a path of at most \(ReportLine.maxPathBytes) bytes, got \(value.utf8.count) bytes")
        }
        switch self {
        case .record: return  // the format's reader checks its own lengths
        case .list(let entry):
            try path(entry.image, "image")
            if case .path(let result)? = entry.result { try path(result, "result") }
        case .manifest(let entry):
            try path(entry.sourceRef, "source-ref")
            try path(entry.anomalyMaskRef, "anomaly-mask-ref")
            let limit = DetectAnomaliesResult.maxTextFieldBytes
            for (index, color) in entry.anomalyMaskRefMetadata?.internalColorMap ?? [:] {
                for (field, text) in [("class-name", color.className), ("hex-color", color.hexColor)]
                where text.utf8.count > limit {
                    throw .invalidField(
                        "internal-color-map.\(index.prefix(40)).\(field): expected a string of at most \(limit) bytes, "
                            + "got \(text.utf8.count) bytes")
                }
            }
        }
    }

    private static func parseFields(_ bytes: [UInt8], format: ResultFormats) throws(ReportLineError) -> ReportLine {
        let root: JSONValue
        do throws(JSONReadError) {
            root = try JSONValue.parse(bytes)
        } catch {
            if case .tooManyValues = error { throw .tooManyValues(limit: maxValues) }
            throw .invalidJSON
        }
        guard case .object(let line) = root else { throw .notAnObject }
        do throws(ResultError) {
            if let record = try format.record(line: root) { return .record(record) }
        } catch {
            throw .invalidField(error.description)
        }
        if line["source-ref"] != nil { return .manifest(try manifest(line)) }
        if let image = line["image"] {
            var result: ResultField?
            switch present(line["result"]) {
            case nil: break
            case .string(let path)?: result = .path(path)
            case let value?:
                do throws(ResultError) {
                    result = .object(try format.read(inline: value))
                } catch {
                    throw .invalidField("result: \(error.description)")
                }
            }
            return .list(ListEntry(image: try string(image, at: "image"), result: result))
        }
        throw .unknownShape
    }

    private static func manifest(_ line: [String: JSONValue]) throws(ReportLineError) -> ManifestEntry {
        var entry = ManifestEntry(sourceRef: try string(line["source-ref"], at: "source-ref"))
        if let label = present(line["anomaly-label"]) {
            guard case .number(let value, _) = label, let integer = Int(exactly: value) else {
                throw .invalidField("anomaly-label: expected an integer")
            }
            entry.anomalyLabel = integer
        }
        if let ref = present(line["anomaly-mask-ref"]) {
            entry.anomalyMaskRef = try string(ref, at: "anomaly-mask-ref")
        }
        if let metadata = present(line["anomaly-mask-ref-metadata"]) {
            let path = "anomaly-mask-ref-metadata"
            guard case .object(let fields) = metadata else { throw .invalidField("\(path): expected an object") }
            var map: [String: ColorMapEntry]?
            if let colors = present(fields["internal-color-map"]) {
                let mapPath = path + ".internal-color-map"
                guard case .object(let entries) = colors else { throw .invalidField("\(mapPath): expected an object") }
                var read: [String: ColorMapEntry] = [:]
                for (index, value) in entries {
                    let at = "\(mapPath).\(index.prefix(40))"
                    guard case .object(let color) = value else { throw .invalidField("\(at): expected an object") }
                    read[index] = ColorMapEntry(
                        className: try string(color["class-name"], at: at + ".class-name"),
                        hexColor: try string(color["hex-color"], at: at + ".hex-color"))
                }
                map = read
            }
            entry.anomalyMaskRefMetadata = MaskMetadata(internalColorMap: map)
        }
        return entry
    }

    /// nil for an absent or null value: optional fields may be written as `null`.
    private static func present(_ value: JSONValue?) -> JSONValue? {
        if let value, value != .null { return value }
        return nil
    }

    private static func string(_ value: JSONValue?, at path: String) throws(ReportLineError) -> String {
        guard let value = present(value) else { throw .invalidField("\(path): missing (expected a string)") }
        guard case .string(let text) = value else { throw .invalidField("\(path): expected a string") }
        return text
    }

    /// The classes of a colour map in index order; `BACKGROUND` (any case) becomes `background`.
    static func classes(of map: [String: ColorMapEntry]) throws(ReportLineError) -> [Anomaly] {
        var classes: [(Int, Anomaly)] = []
        for (index, entry) in map {
            guard let color = Color(hex: entry.hexColor) else {
                throw .invalidField(
                    "internal-color-map.\(index).hex-color: expected #RRGGBB, got \"\(entry.hexColor)\"")
            }
            let isBackground = entry.className.lowercased() == "background"
            classes.append(
                (
                    Int(index) ?? Int.max,
                    Anomaly(
                        name: isBackground ? "background" : entry.className,
                        area: 0, color: color)
                ))
        }
        classes.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.name < $1.1.name }
        return classes.map(\.1)
    }
}

/// Why a JSON Lines input line was not usable. The item is then listed as failed with this reason.
enum ReportLineError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJSON
    case notAnObject
    case unknownShape
    case invalidField(String)
    case lineTooLong(bytes: Int, limit: Int)
    case tooManyValues(limit: Int)

    var description: String {
        switch self {
        case .invalidJSON: return "not valid JSON"
        case .notAnObject: return "expected a JSON object"
        case .unknownShape: return "expected {\"image\": …, \"result\": …} or a manifest line with \"source-ref\""
        case .invalidField(let reason): return reason
        case .lineTooLong(let bytes, let limit): return "the line is \(bytes) bytes, more than the limit of \(limit)"
        case .tooManyValues(let limit): return "more than \(limit) JSON values on one line"
        }
    }
}
