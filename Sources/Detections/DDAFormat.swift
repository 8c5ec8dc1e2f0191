/// The capture records of the Defect Detection Application (format name `dda`), AWS's open-source successor to
/// Lookout for Vision at the edge: JSON Lines in the SageMaker Edge capture shape, one record per capture.
///
/// A record names its image (`deviceFleetAuxiliaryInputs[].data-ref`, else `deviceGroundTruthData[0].source-ref`),
/// its mask (`deviceFleetAuxiliaryOutputs[]` with `observedContentType` `mask.png`, else
/// `anomaly-mask-ref-detected`) and overlay, and carries base64 JSON: the verdict (`observedContentType` `json`:
/// `Inference result`, `Confidence`, `Anomaly_score`, `Anomaly_threshold`, `Inference status`, `Error msg`)
/// and the classes (`json_with_base64_encoding`: `{"anomalies": {"0": {"class-name", "hex-color",
/// "total-percentage-area"}, …}}`, else the ground-truth block's `internal-color-map`). See `DDACaptureReader`
/// for every field. The base64 is read whatever its padding (the DDA writes surplus `=`); the rest is as strict
/// as `lookout`.
///
/// The DDA writes `<capture id>.jsonl` beside `<capture id>.jpg`, so results for `dir/a.jpg` are looked for as
/// `dir/a.jsonl`; a capture file read as one result must hold one record.
public struct DDAFormat: ResultFormat {
    /// `dda`.
    public let name = "dda"

    /// The format.
    public init() {}

    /// The result files this format looks for beside an image (`ResultFormat.resultPaths(forImage:)`).
    public func resultPaths(forImage rel: String) -> [String] {
        let name = rel.split(separator: "/").last.map(String.init) ?? rel
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return ["\(rel).jsonl"] }
        return [String(rel.dropLast(name.distance(from: dot, to: name.endIndex))) + ".jsonl"]
    }

    /// The member names only a capture record has, one of which comes early in every record.
    static let markers = [
        "\"deviceFleetAuxiliaryOutputs\"", "\"deviceFleetAuxiliaryInputs\"", "\"deviceGroundTruthData\"",
    ]

    /// Whether `bytes` look like this format (`ResultFormat.claims(_:)`).
    public func claims(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(LookoutFormat.sniffBytes)
        return Self.markers.contains { marker in
            let needle = Array(marker.utf8)
            return head.count >= needle.count
                && head.indices.dropLast(needle.count - 1).contains {
                    head[$0..<$0 + needle.count].elementsEqual(needle)
                }
        }
    }

    /// The one record of a capture file (blank lines aside); a file of several records is refused, since it is
    /// not the result of one image.
    public func read(_ bytes: [UInt8]) throws(ResultError) -> Detection {
        let records = JSONLines.lines(bytes).map(\.bytes)
        guard records.count == 1 else {
            throw .notAnObject(found: "\(records.count) capture records (one image's result is one record)")
        }
        return try record(try ResultReader.document(Array(records[0]))).detection
    }

    /// Whether an inline JSON value is in this format (`ResultFormat.claims(inline:)`).
    public func claims(inline value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        return members["deviceFleetAuxiliaryOutputs"] != nil || members["deviceFleetAuxiliaryInputs"] != nil
            || members["deviceGroundTruthData"] != nil
    }

    /// Reads an inline JSON value (`ResultFormat.read(inline:)`).
    public func read(inline value: JSONValue) throws(ResultError) -> Detection { try record(value).detection }

    /// Capture files hold one record per image (JSON Lines).
    public var readsRecords: Bool { true }

    /// Reads one capture record: its image, mask and overlay references, the detection, and any failure.
    public func record(_ value: JSONValue) throws(ResultError) -> CaptureRecord {
        try DDACaptureReader.record(value, format: name)
    }
}
