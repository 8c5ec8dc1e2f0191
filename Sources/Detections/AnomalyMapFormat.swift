import Codecs

/// Anomaly score maps of open-source detectors (format name `anomaly-map`): anomalib, OpenVINO.
///
/// What it reads (sniffed by content, whatever the file's name):
/// - a grey PNG (8-bit: score = value / 255; 16-bit: value / 65535; colour PNGs are refused);
/// - a NumPy `.npy` of float32 or float64 scores (see `NPYReader`);
/// - a JSON sidecar, anomalib's fields `{"pred_score", "pred_label", "threshold"}` or anomalib's REST shape
///   `{"anomaly_map": <base64 PNG>, "label", "score"}` (all optional, at least one of a score, a label or a map).
///
/// For `dir/a.jpg` the map is looked for as `dir/a.anomaly_map.png`, `dir/a.anomaly_map.npy`, then
/// `dir/a_map.png`; a sidecar is found where Lookout results are (`dir/a.jpg.json`, `dir/a.json`) and claimed by
/// its fields. The threshold is the sidecar's, else `defaultThreshold` (0.5, anomalib's normalised maps); scores
/// are in the sidecar's units. The verdict is the sidecar's (`pred_label`, else `pred_score ≥ threshold`); a map
/// alone is judged by its largest score against the threshold.
public struct AnomalyMapFormat: ResultFormat {
    /// `anomaly-map`.
    public let name = "anomaly-map"
    /// The threshold when no sidecar gives one: anomalib normalises maps so that 0.5 is its threshold.
    package static let defaultThreshold = 0.5
    /// The longest base64 `anomaly_map` accepted in a sidecar (32 MiB of text).
    static let maxMapCharacters = 32 << 20

    /// The format.
    public init() {}

    /// The result files this format looks for beside an image (`ResultFormat.resultPaths(forImage:)`).
    public func resultPaths(forImage rel: String) -> [String] { Self.mapPaths(forImage: rel) }

    /// Where the map of the image at `rel` may be, most likely first.
    package static func mapPaths(forImage rel: String) -> [String] {
        let name = rel.split(separator: "/").last.map(String.init) ?? rel
        var stem = rel
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = String(rel.dropLast(name.distance(from: dot, to: name.endIndex)))
        }
        return ["\(stem).anomaly_map.png", "\(stem).anomaly_map.npy", "\(stem)_map.png"]
    }

    /// How far `claims` looks into JSON for the sidecar's fields.
    static let sniffBytes = 64 << 10

    /// Whether `bytes` look like this format (`ResultFormat.claims(_:)`).
    public func claims(_ bytes: [UInt8]) -> Bool {
        if NPYReader.hasMagic(bytes) || bytes.starts(with: Self.pngMagic) { return true }
        let head = bytes.prefix(Self.sniffBytes)
        return ["\"pred_score\"", "\"pred_label\"", "\"anomaly_map\""].contains { Self.contains(head, $0) }
    }

    /// Reads a result file (`ResultFormat.read(_:)`).
    public func read(_ bytes: [UInt8]) throws(ResultError) -> Detection {
        if NPYReader.hasMagic(bytes) || bytes.starts(with: Self.pngMagic) {
            return Self.detection(map: try Self.scoreMap(bytes, threshold: Self.defaultThreshold))
        }
        return try read(inline: try ResultReader.document(bytes))
    }

    /// Whether an inline JSON value is in this format (`ResultFormat.claims(inline:)`).
    public func claims(inline value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        return ["pred_score", "pred_label", "anomaly_map"].contains { members[$0] != nil }
    }

    /// Reads an inline JSON value (`ResultFormat.read(inline:)`).
    public func read(inline value: JSONValue) throws(ResultError) -> Detection {
        guard case .object(let obj) = value else { throw .notAnObject(found: value.kind) }
        let score = try number(obj, "pred_score", "score")
        let threshold = try number(obj, "threshold", nil) ?? Self.defaultThreshold
        let label = try label(obj)
        var map: ScoreMap?
        if let text = present(obj["anomaly_map"]) {
            guard case .string(let base64) = text else {
                throw .invalid(path: "anomaly_map", expected: "base64 text of a PNG", got: text.rendered())
            }
            let length = base64.utf8.count
            if length > Self.maxMapCharacters {
                throw .tooLong(path: "anomaly_map", characters: length, limit: Self.maxMapCharacters)
            }
            let bytes: [UInt8]
            do throws(Base64.Failure) {
                bytes = try Base64.decode(base64)
            } catch {
                throw .invalid(
                    path: "anomaly_map", expected: "base64 text", got: "an invalid character at index \(error.index)")
            }
            map = try Self.scoreMap(bytes, threshold: threshold)
        }
        guard score != nil || label != nil || map != nil else {
            throw .missing(path: "pred_score", expected: "a number (or pred_label, or anomaly_map)")
        }
        var detection =
            map.map { Self.detection(map: $0) } ?? Detection(source: .init(format: name), verdict: nil, classes: [])
        if score != nil || label != nil {
            detection.verdict = Detection.Verdict(
                isAnomalous: label ?? (score! >= threshold), confidence: nil, score: score, threshold: threshold)
        }
        return detection
    }

    /// A map alone: the verdict is its largest score against the threshold.
    public static func detection(map: ScoreMap) -> Detection {
        let top = map.maximum ?? 0
        return Detection(
            source: .init(format: "anomaly-map"),
            verdict: .init(isAnomalous: top >= map.threshold, confidence: nil, score: top, threshold: map.threshold),
            classes: [], mask: .scores(map))
    }

    /// The scores of a grey PNG or a `.npy` file.
    public static func scoreMap(_ bytes: [UInt8], threshold: Double) throws(ResultError) -> ScoreMap {
        if NPYReader.hasMagic(bytes) { return try NPYReader.read(bytes, threshold: threshold) }
        guard bytes.starts(with: pngMagic) else {
            throw .invalidScoreMap(reason: "expected a grey PNG or a .npy file")
        }
        let grey: PNG.GreyImage
        do {
            grey = try PNG.decodeGrey(bytes, limits: DecodeLimits(maxPixels: ScoreMap.maxScores))
        } catch {
            throw .invalidScoreMap(reason: error.description)
        }
        switch grey.samples {
        case .eight(let v):
            return ScoreMap(width: grey.width, height: grey.height, values: .grey8(v), threshold: threshold)!
        case .sixteen(let v):
            return ScoreMap(width: grey.width, height: grey.height, values: .grey16(v), threshold: threshold)!
        }
    }

    static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private func present(_ v: JSONValue?) -> JSONValue? {
        if let v, v != .null { return v }
        return nil
    }

    /// A finite number under `key` (or its REST twin `alias`); both present is an error.
    private func number(_ obj: [String: JSONValue], _ key: String, _ alias: String?) throws(ResultError) -> Double? {
        let a = present(obj[key])
        let b = alias.flatMap { present(obj[$0]) }
        if a != nil && b != nil {
            throw .invalid(path: alias!, expected: "one of \(key) and \(alias!)", got: "both")
        }
        guard let v = a ?? b else { return nil }
        guard case .number(let d, _) = v, d.isFinite else {
            throw .invalid(path: a != nil ? key : alias!, expected: "a number", got: v.rendered())
        }
        return d
    }

    /// `pred_label` or `label`: a boolean, 0 or 1, or "anomalous"/"normal" (any case).
    private func label(_ obj: [String: JSONValue]) throws(ResultError) -> Bool? {
        let a = present(obj["pred_label"])
        let b = present(obj["label"])
        if a != nil && b != nil { throw .invalid(path: "label", expected: "one of pred_label and label", got: "both") }
        guard let v = a ?? b else { return nil }
        let path = a != nil ? "pred_label" : "label"
        switch v {
        case .bool(let flag): return flag
        case .number(let d, _) where d == 0 || d == 1: return d == 1
        case .string(let s) where ["anomalous", "normal"].contains(s.lowercased()): return s.lowercased() == "anomalous"
        default:
            throw .invalid(path: path, expected: "a boolean, 0, 1, \"Anomalous\" or \"Normal\"", got: v.rendered())
        }
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard haystack.count >= n.count else { return false }
        var i = haystack.startIndex
        while i <= haystack.endIndex - n.count {
            if haystack[i] == n[0] && haystack[i..<i + n.count].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }
}

extension Detection {
    /// This detection judged at `threshold` (`--map-threshold`): the score map's threshold and the verdict's; a
    /// verdict with a score is recomputed (score ≥ threshold), overriding a sidecar's label.
    public func withMapThreshold(_ threshold: Double) -> Detection {
        var copy = self
        if case .scores(var map)? = mask {
            map.threshold = threshold
            copy.mask = .scores(map)
        }
        if var verdict = copy.verdict {
            verdict.threshold = threshold
            if let score = verdict.score { verdict.isAnomalous = score >= threshold }
            copy.verdict = verdict
        }
        return copy
    }
}
