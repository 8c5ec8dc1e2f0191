import Raster

/// Reads one DDA capture record (see `DDAFormat`) into a `CaptureRecord`, naming the JSON path of whatever is
/// wrong — inside base64 JSON too: `deviceFleetAuxiliaryOutputs[2].data (base64 JSON).Confidence`.
///
/// What is read, and from where (first found wins):
/// - image: `deviceFleetAuxiliaryInputs[].data-ref`, else `deviceGroundTruthData[0].source-ref`;
/// - verdict: the `json` output (`Inference result` "Anomaly" or "Normal", `Confidence` in 0…1, optional
///   `Anomaly_score` and `Anomaly_threshold` numbers), else `anomaly-label-detected` (0 or 1) with
///   `anomaly-label-detected-metadata.confidence`. An `Inference status` other than "success" makes the record
///   a failure carrying `Error msg`, and its verdict is not read;
/// - classes: the `json_with_base64_encoding` output's `anomalies`, else
///   `anomaly-mask-ref-detected-metadata.internal-color-map` (entries `class-name` or `name`, `hex-color`,
///   optional `total-percentage-area`, a fraction), in index order; the one named `background` (any case) is the
///   background colour (white when none is);
/// - mask: the output with `observedContentType` `mask.png` (or `mask.jpg`: the DDA's test captures name a PNG
///   so), else `anomaly-mask-ref-detected`; overlays (`overlay.jpg`, `out.jpg`) are companions.
/// Unknown fields are ignored. Base64 fields may carry missing or surplus padding and are refused beyond
/// `maxDataCharacters`; names and references beyond `DetectAnomaliesResult.maxTextFieldBytes` and 4,096 bytes.
enum DDACaptureReader {
    /// The longest base64 `data` read: the verdict and class lists are a few hundred bytes.
    static let maxDataCharacters = 1 << 20
    /// The longest reference (PATH_MAX).
    static let maxReferenceBytes = 4096

    static func record(_ root: JSONValue, format: String) throws(ResultError) -> CaptureRecord {
        guard case .object(let top) = root else { throw .notAnObject(found: root.kind) }
        let truth = try groundTruth(top)
        var image: String?
        if let inputs = try array(top["deviceFleetAuxiliaryInputs"], at: "deviceFleetAuxiliaryInputs") {
            for (k, entry) in inputs.enumerated() {
                let path = "deviceFleetAuxiliaryInputs[\(k)]"
                let fields = try object(entry, at: path)
                if let ref = try reference(fields["data-ref"], at: path + ".data-ref") {
                    image = ref
                    break
                }
            }
        }
        if image == nil, let truth { image = try reference(truth["source-ref"], at: truthPath + ".source-ref") }
        guard let image else {
            throw .missing(path: "deviceFleetAuxiliaryInputs[0].data-ref", expected: "the image's reference")
        }

        var mask: String?
        var companions: [String] = []
        var verdict: Detection.Verdict?
        var verdictRead = false
        var failure: String?
        var classes: [(index: Int, name: String, color: Color, hex: String, area: Double?)]?
        let outputs = try array(top["deviceFleetAuxiliaryOutputs"], at: "deviceFleetAuxiliaryOutputs") ?? []
        for (k, entry) in outputs.enumerated() {
            let path = "deviceFleetAuxiliaryOutputs[\(k)]"
            let fields = try object(entry, at: path)
            let type = try ResultReader.string(fields["observedContentType"], at: path + ".observedContentType")
            switch type {
            case "json":
                guard !verdictRead else { continue }
                let inner = try base64JSON(fields["data"], at: path + ".data")
                (verdict, failure) = try inferenceResult(inner, at: path + ".data (base64 JSON)")
                verdictRead = true
            case "json_with_base64_encoding":
                guard classes == nil else { continue }
                let at = path + ".data (base64 JSON)"
                let inner = try object(try base64JSON(fields["data"], at: path + ".data"), at: at)
                guard let anomalies = ResultReader.present(inner["anomalies"]) else {
                    throw .missing(path: at + ".anomalies", expected: "an object")
                }
                classes = try classList(anomalies, at: at + ".anomalies")
            case "mask.png", "mask.jpg":
                if mask == nil { mask = try reference(fields["data-ref"], at: path + ".data-ref") }
            case "overlay.jpg", "out.jpg":
                if let ref = try reference(fields["data-ref"], at: path + ".data-ref") { companions.append(ref) }
            default:
                continue
            }
        }
        if let truth {
            if !verdictRead, let label = ResultReader.present(truth["anomaly-label-detected"]) {
                let at = truthPath + ".anomaly-label-detected"
                guard case .number(let value, _) = label, value == 0 || value == 1 else {
                    throw .invalid(path: at, expected: "0 or 1", got: label.rendered())
                }
                var confidence: Double?
                if case .object(let metadata)? = ResultReader.present(truth["anomaly-label-detected-metadata"]) {
                    confidence = try fraction(
                        metadata["confidence"], at: truthPath + ".anomaly-label-detected-metadata.confidence",
                        optional: true)
                }
                verdict = Detection.Verdict(isAnomalous: value == 1, confidence: confidence)
                verdictRead = true
            }
            if mask == nil {
                mask = try reference(truth["anomaly-mask-ref-detected"], at: truthPath + ".anomaly-mask-ref-detected")
            }
            if classes == nil,
                case .object(let metadata)? = ResultReader.present(truth["anomaly-mask-ref-detected-metadata"]),
                let map = ResultReader.present(metadata["internal-color-map"])
            {
                classes = try classList(
                    map, at: truthPath + ".anomaly-mask-ref-detected-metadata.internal-color-map")
            }
        }
        if !verdictRead {
            throw .missing(
                path: "deviceFleetAuxiliaryOutputs[observedContentType=json].data",
                expected: "the inference result (or deviceGroundTruthData[0].anomaly-label-detected)")
        }
        let all = classes ?? []
        let background = all.first { $0.name.lowercased() == "background" }
        let detection = Detection(
            source: Detection.Source(format: format), verdict: failure == nil ? verdict : nil,
            classes: all.filter { $0.name.lowercased() != "background" }.map {
                Detection.AnomalyClass(name: $0.name, color: $0.color, colorHex: $0.hex, reportedArea: $0.area)
            },
            backgroundColor: background?.color ?? .white)
        var id: String?
        if case .object(let metadata)? = ResultReader.present(top["eventMetadata"]) {
            id = try ResultReader.optionalString(metadata["eventId"], at: "eventMetadata.eventId")
        }
        return CaptureRecord(
            image: image, mask: mask, companions: companions, detection: detection, failure: failure, id: id)
    }

    static let truthPath = "deviceGroundTruthData[0]"

    private static func groundTruth(_ top: [String: JSONValue]) throws(ResultError) -> [String: JSONValue]? {
        guard let list = try array(top["deviceGroundTruthData"], at: "deviceGroundTruthData"), let first = list.first
        else { return nil }
        return try object(first, at: truthPath)
    }

    /// The verdict, or the failure message when `Inference status` is not "success".
    private static func inferenceResult(_ value: JSONValue, at path: String) throws(ResultError) -> (
        Detection.Verdict?, String?
    ) {
        let fields = try object(value, at: path)
        let status =
            try ResultReader.optionalString(fields["Inference status"], at: path + ".Inference status") ?? "success"
        if status != "success" {
            let message = try ResultReader.optionalString(fields["Error msg"], at: path + ".Error msg") ?? ""
            let text = message.isEmpty ? "inference status \(JSONValue.quoted(status, limit: 80))" : message
            return (nil, String(text.prefix(DetectAnomaliesResult.maxTextFieldBytes)))
        }
        let resultPath = path + ".Inference result"
        let result = try ResultReader.string(fields["Inference result"], at: resultPath)
        guard result == "Anomaly" || result == "Normal" else {
            throw .invalid(
                path: resultPath, expected: "\"Anomaly\" or \"Normal\"", got: JSONValue.quoted(result, limit: 40))
        }
        let confidence = try fraction(fields["Confidence"], at: path + ".Confidence", optional: false)
        return (
            Detection.Verdict(
                isAnomalous: result == "Anomaly", confidence: confidence,
                score: try number(fields["Anomaly_score"], at: path + ".Anomaly_score"),
                threshold: try number(fields["Anomaly_threshold"], at: path + ".Anomaly_threshold")),
            nil
        )
    }

    /// `{"0": {…}, "1": {…}}` in index order.
    private static func classList(_ value: JSONValue, at path: String) throws(ResultError) -> [(
        index: Int, name: String, color: Color, hex: String, area: Double?
    )] {
        guard case .object(let entries) = value else {
            throw .invalid(path: path, expected: "an object", got: value.rendered())
        }
        var out: [(index: Int, name: String, color: Color, hex: String, area: Double?)] = []
        for (key, entry) in entries {
            let at = "\(path).\(JSONValue.quoted(key, limit: 40))"
            guard let index = Int(key), index >= 0 else {
                throw .invalid(path: at, expected: "a class index (0, 1, …)", got: JSONValue.quoted(key, limit: 40))
            }
            let fields = try object(entry, at: at)
            let nameKey = fields["class-name"] != nil ? "class-name" : "name"
            let name = try ResultReader.string(fields[nameKey], at: "\(at).\(nameKey)")
            try checkLength(name, at: "\(at).\(nameKey)", limit: DetectAnomaliesResult.maxTextFieldBytes)
            let hexPath = "\(at).hex-color"
            let hex = try ResultReader.string(fields["hex-color"], at: hexPath)
            guard hex.utf8.count == 7, let color = Color(hex: hex) else {
                throw .invalid(path: hexPath, expected: "\"#\" and 6 hex digits", got: JSONValue.quoted(hex, limit: 40))
            }
            let area = try fraction(fields["total-percentage-area"], at: "\(at).total-percentage-area", optional: true)
            out.append((index, name, color.withAlpha(255), hex, area))
        }
        return out.sorted { $0.index < $1.index }
    }

    // MARK: Field checks (`present`, `string`, `optionalString`: `ResultReader`'s, the same messages)

    private static func object(_ v: JSONValue, at path: String) throws(ResultError) -> [String: JSONValue] {
        guard case .object(let fields) = v else { throw .invalid(path: path, expected: "an object", got: v.rendered()) }
        return fields
    }

    private static func array(_ v: JSONValue?, at path: String) throws(ResultError) -> [JSONValue]? {
        guard let v = ResultReader.present(v) else { return nil }
        guard case .array(let items) = v else { throw .invalid(path: path, expected: "an array", got: v.rendered()) }
        return items
    }

    /// A path or `file://` URL, at most `maxReferenceBytes`; nil when absent or empty.
    private static func reference(_ v: JSONValue?, at path: String) throws(ResultError) -> String? {
        guard let text = try ResultReader.optionalString(v, at: path), !text.isEmpty else { return nil }
        try checkLength(text, at: path, limit: maxReferenceBytes)
        return text
    }

    private static func number(_ v: JSONValue?, at path: String) throws(ResultError) -> Double? {
        guard let v = ResultReader.present(v) else { return nil }
        guard case .number(let d, _) = v else { throw .invalid(path: path, expected: "a number", got: v.rendered()) }
        return d
    }

    private static func fraction(_ v: JSONValue?, at path: String, optional: Bool) throws(ResultError) -> Double? {
        let expected = "a number in 0...1"
        guard let v = ResultReader.present(v) else {
            if optional { return nil }
            throw .missing(path: path, expected: expected)
        }
        guard case .number(let d, _) = v, d >= 0, d <= 1 else {
            throw .invalid(path: path, expected: expected, got: v.rendered())
        }
        return d
    }

    private static func checkLength(_ s: String, at path: String, limit: Int) throws(ResultError) {
        let bytes = s.utf8.count
        if bytes > limit {
            throw .invalid(path: path, expected: "a string of at most \(limit) bytes", got: "\(bytes) bytes")
        }
    }

    /// The JSON document a base64 `data` field holds, decoded whatever its padding.
    private static func base64JSON(_ v: JSONValue?, at path: String) throws(ResultError) -> JSONValue {
        let text = try ResultReader.string(v, at: path)
        let length = text.utf8.count
        if length > maxDataCharacters { throw .tooLong(path: path, characters: length, limit: maxDataCharacters) }
        let bytes: [UInt8]
        do throws(Base64.Failure) {
            bytes = try Base64.decodeIgnoringPadding(text)
        } catch {
            throw .invalid(
                path: path, expected: "base64 text",
                got: JSONValue.quoted(text, limit: 24) + " (invalid at character \(error.index))")
        }
        do throws(ResultError) {
            return try ResultReader.document(bytes)
        } catch {
            throw .invalid(path: path, expected: "base64 of a JSON document", got: error.description)
        }
    }
}
