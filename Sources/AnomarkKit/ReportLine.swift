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

    /// Parses one line; the error is a short reason for the report.
    static func parse(_ bytes: Data) throws(ReportLineError) -> ReportLine {
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

    var description: String {
        switch self {
        case .invalidJSON: return "not valid JSON"
        case .notAnObject: return "expected a JSON object"
        case .unknownShape: return "expected {\"image\": …, \"result\": …} or a manifest line with \"source-ref\""
        case .invalidField(let reason): return reason
        }
    }
}
