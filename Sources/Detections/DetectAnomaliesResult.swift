#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The result of one Lookout for Vision `DetectAnomalies` call.
///
/// Read with `parse(_:)` (or any `Decoder`), which accepts both shapes:
/// - `{"DetectAnomalyResult": {…}}`, as the AWS CLI and SDKs print it, and
/// - the bare inner object, as the SageMaker successor writes to `<image>.out`.
///
/// Unknown fields are ignored; a `null` optional field counts as absent. Encoding always produces the AWS
/// shape; empty `Anomalies` and absent `Source.Type` / `AnomalyMask` are left out, as the service does for
/// classification-only results.
public struct DetectAnomaliesResult: Codable, Sendable, Equatable {
    /// `Source.Type`, e.g. "direct"; nil when absent.
    public var sourceType: String?
    /// `IsAnomalous`.
    public var isAnomalous: Bool
    /// `Confidence`, 0…1.
    public var confidence: Double
    /// `Anomalies` in file order, background entry included; empty when the field is absent.
    public var anomalies: [Anomaly]
    /// `AnomalyMask`: a base64 PNG as written (checked to be base64 by `parse`); nil when absent.
    public var anomalyMask: String?

    /// The most bytes (UTF-8) of an anomaly type's `Name` or of `Source.Type` that `parse` accepts. Real names are
    /// a few words (Lookout for Vision labels are short identifiers); the cap keeps a hostile 20 MB name from reaching
    /// the panel and legend, whose text layout it would stall for seconds.
    package static let maxTextFieldBytes = 1000

    /// A result with the given fields; `anomalies` keeps its order (background entry included, if any).
    public init(
        isAnomalous: Bool, confidence: Double, anomalies: [Anomaly] = [], anomalyMask: String? = nil,
        sourceType: String? = nil
    ) {
        self.sourceType = sourceType
        self.isAnomalous = isAnomalous
        self.confidence = confidence
        self.anomalies = anomalies
        self.anomalyMask = anomalyMask
    }

    /// Reads a result from JSON bytes, validating every field it uses.
    ///
    /// Throws `ResultError` naming the JSON path, what was expected and what was found, e.g.
    /// `DetectAnomalyResult.Confidence: expected a number in 0...1, got "0.9"`. Limits: at most
    /// `maxTextFieldBytes` (1,000) bytes for `Name` and `Source.Type`, and 100,000 JSON values in the document
    /// (a result has a few hundred); `AnomalyMask` is bounded only by the caller's file size (the CLI reads 64 MiB
    /// at most) and by `maxAnomalyMaskCharacters` when decoded.
    public static func parse(_ bytes: [UInt8]) throws(ResultError) -> DetectAnomaliesResult {
        let root = try ResultReader.document(bytes)
        return try ResultReader.read(root)
    }

    /// Reads a result from JSON data; see `parse(_:)` for `[UInt8]`.
    public static func parse(_ data: Data) throws(ResultError) -> DetectAnomaliesResult {
        try parse([UInt8](data))
    }

    // MARK: Conveniences

    /// The background entry: the first entry named "background" (any case), wherever it stands; nil if none.
    ///
    /// The service always lists it first with colour `#FFFFFF`, but this does not rely on the position:
    /// an unnamed first entry is an anomaly type like any other.
    public var background: Anomaly? { anomalies.first(where: \.isBackground) }

    /// The entries that are anomaly types: all except those named "background".
    public var defectTypes: [Anomaly] { anomalies.filter { !$0.isBackground } }

    /// The PNG bytes of `AnomalyMask`, decoded from base64; nil when absent (or, after hand edits, not base64).
    public var anomalyMaskBytes: [UInt8]? {
        guard let anomalyMask else { return nil }
        return try? Base64.decode(anomalyMask)
    }

    // MARK: Codable

    /// Decodes either shape with the same checks as `parse`; a violation throws
    /// `DecodingError.dataCorrupted` whose description is the `ResultError` message (the error is attached).
    public init(from decoder: any Decoder) throws {
        let root = try JSONValue(from: decoder)
        do throws(ResultError) {
            self = try ResultReader.read(root)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
    }

    /// Encodes the AWS shape, `{"DetectAnomalyResult": {…}}`, colours as given in `colorHex`.
    public func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: WrapperKey.self)
        var c = top.nestedContainer(keyedBy: Key.self, forKey: .detectAnomalyResult)
        if let sourceType {
            var source = c.nestedContainer(keyedBy: SourceKey.self, forKey: .source)
            try source.encode(sourceType, forKey: .type)
        }
        try c.encode(isAnomalous, forKey: .isAnomalous)
        try c.encode(confidence, forKey: .confidence)
        if !anomalies.isEmpty {
            var list = c.nestedUnkeyedContainer(forKey: .anomalies)
            for anomaly in anomalies {
                var entry = list.nestedContainer(keyedBy: AnomalyKey.self)
                try entry.encode(anomaly.name, forKey: .name)
                var pixel = entry.nestedContainer(keyedBy: PixelAnomalyKey.self, forKey: .pixelAnomaly)
                try pixel.encode(anomaly.area, forKey: .totalPercentageArea)
                try pixel.encode(anomaly.colorHex, forKey: .color)
            }
        }
        if let anomalyMask { try c.encode(anomalyMask, forKey: .anomalyMask) }
    }

    private enum WrapperKey: String, CodingKey {
        case detectAnomalyResult = "DetectAnomalyResult"
    }

    private enum Key: String, CodingKey {
        case source = "Source"
        case isAnomalous = "IsAnomalous"
        case confidence = "Confidence"
        case anomalies = "Anomalies"
        case anomalyMask = "AnomalyMask"
    }

    private enum SourceKey: String, CodingKey {
        case type = "Type"
    }

    private enum AnomalyKey: String, CodingKey {
        case name = "Name"
        case pixelAnomaly = "PixelAnomaly"
    }

    private enum PixelAnomalyKey: String, CodingKey {
        case totalPercentageArea = "TotalPercentageArea"
        case color = "Color"
    }
}
