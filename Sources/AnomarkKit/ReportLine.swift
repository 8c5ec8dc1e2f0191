import Detections
import Foundation
import Overlay
import Raster

/// One line of a JSON Lines input: either a list entry `{"image": PATH, "result": PATH or object}` or a
/// Lookout for Vision / Ground Truth manifest entry (`source-ref`, `anomaly-label`, `anomaly-mask-ref`, …).
///
/// Which one is decided per line by its keys (`source-ref` wins), so a file may mix both.
enum ReportLine {
    case list(ListEntry)
    case manifest(ManifestEntry)

    /// `{"image": …, "result": …}`.
    struct ListEntry: Decodable {
        var image: String
        var result: ResultField?
    }

    /// A result given as a path or inline.
    enum ResultField: Decodable {
        case path(String)
        case object(DetectAnomaliesResult)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let path = try? container.decode(String.self) {
                self = .path(path)
            } else {
                self = .object(try container.decode(DetectAnomaliesResult.self))
            }
        }
    }

    /// The fields of a Lookout for Vision manifest line that a report uses.
    struct ManifestEntry: Decodable {
        var sourceRef: String
        /// 1 = anomaly, 0 = normal.
        var anomalyLabel: Int?
        var anomalyMaskRef: String?
        var anomalyMaskRefMetadata: MaskMetadata?

        enum CodingKeys: String, CodingKey {
            case sourceRef = "source-ref"
            case anomalyLabel = "anomaly-label"
            case anomalyMaskRef = "anomaly-mask-ref"
            case anomalyMaskRefMetadata = "anomaly-mask-ref-metadata"
        }
    }

    struct MaskMetadata: Decodable {
        var internalColorMap: [String: ColorMapEntry]?

        enum CodingKeys: String, CodingKey {
            case internalColorMap = "internal-color-map"
        }
    }

    struct ColorMapEntry: Decodable {
        var className: String
        var hexColor: String

        enum CodingKeys: String, CodingKey {
            case className = "class-name"
            case hexColor = "hex-color"
        }
    }

    /// The longest line read: an inline result with the service's largest mask (5 MB of base64) fits.
    static let maxLineBytes = 8 << 20
    /// The most JSON values on one line (a manifest line has a few dozen, an inline result a few hundred): a parsed
    /// value costs many times its text, and the line is parsed twice (`JSONSerialization`, then `JSONDecoder`).
    static let maxValues = 100_000
    /// The longest path or reference (`image`, `result`, `source-ref`, `anomaly-mask-ref`), in bytes: PATH_MAX.
    static let maxPathBytes = 4096

    /// Parses one line; the error is a short reason for the report. Lines over `maxLineBytes`, with more than
    /// `maxValues` values, with paths over `maxPathBytes` or class names over
    /// `DetectAnomaliesResult.maxTextFieldBytes` are refused before they cost time or memory downstream.
    static func parse(_ bytes: Data) throws(ReportLineError) -> ReportLine {
        if bytes.count > maxLineBytes { throw .lineTooLong(bytes: bytes.count, limit: maxLineBytes) }
        if valueCount(bytes, above: maxValues) { throw .tooManyValues(limit: maxValues) }
        let line = try parseFields(bytes)
        try line.checkLengths()
        return line
    }

    /// An upper bound on the number of JSON values in `bytes` (separators and openings outside strings), counted
    /// only until it passes `limit`: true when it does.
    static func valueCount(_ bytes: Data, above limit: Int) -> Bool {
        var count = 1
        var inString = false
        var escaped = false
        for c in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"):
                count += 1
                if count > limit { return true }
            default: break
            }
        }
        return false
    }

    private func checkLengths() throws(ReportLineError) {
        func path(_ value: String?, _ field: String) throws(ReportLineError) {
            guard let value, value.utf8.count > ReportLine.maxPathBytes else { return }
            throw .invalidField(
                "\(field): expected a path of at most \(ReportLine.maxPathBytes) bytes, got \(value.utf8.count) bytes")
        }
        switch self {
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

    private static func parseFields(_ bytes: Data) throws(ReportLineError) -> ReportLine {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            throw .invalidJSON
        }
        guard let dictionary = object as? [String: Any] else { throw .notAnObject }
        let decoder = JSONDecoder()
        do {
            if dictionary["source-ref"] != nil {
                return .manifest(try decoder.decode(ManifestEntry.self, from: bytes))
            }
            if dictionary["image"] != nil {
                return .list(try decoder.decode(ListEntry.self, from: bytes))
            }
        } catch let error as DecodingError {
            throw .invalidField(Self.describe(error))
        } catch {
            throw .invalidField("\(error)")
        }
        throw .unknownShape
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

    /// `anomaly-label.x: expected …` from Foundation's decoding errors, without their Swift type names.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "\(key.stringValue): missing"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(Self.typeName(type))"
        case .valueNotFound(let type, let context): return "\(path(context)): expected \(Self.typeName(type))"
        case .dataCorrupted(let context):
            let where_ = path(context)
            return where_.isEmpty ? context.debugDescription : "\(where_): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        default: return "an object"
        }
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
