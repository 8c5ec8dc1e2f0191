import Raster

/// Turns a parsed JSON tree into a `DetectAnomaliesResult`, checking each field and naming its JSON path
/// when it is wrong. Fields are checked in the order the service writes them, so the first error reported is
/// the first one in the file.
enum ResultReader {
    static let wrapperKey = "DetectAnomalyResult"

    /// The JSON document in `bytes`, strictly: UTF-8, RFC 8259, at most 100,000 values.
    static func document(_ bytes: [UInt8]) throws(ResultError) -> JSONValue {
        do throws(JSONReadError) {
            return try JSONParser.parse(bytes)
        } catch {
            switch error {
            case .invalidUTF8(let offset): throw .invalidUTF8(offset: offset)
            case .unsupportedEncoding(let name): throw .unsupportedEncoding(encoding: name)
            case .syntax(let reason): throw .invalidJSON(reason: reason)
            case .tooManyValues(let limit): throw .tooManyValues(limit: limit)
            }
        }
    }

    static func read(_ root: JSONValue) throws(ResultError) -> DetectAnomaliesResult {
        try readWithMask(root, maskLimit: nil).result
    }

    /// The result and its `AnomalyMask` decoded — the one decode of the field, which also checks it. With
    /// `maskLimit`, a field of more characters is refused before decoding.
    static func readWithMask(_ root: JSONValue, maskLimit: Int?) throws(ResultError) -> (
        result: DetectAnomaliesResult, mask: [UInt8]?
    ) {
        guard case .object(let top) = root else { throw .notAnObject(found: root.kind) }
        if let wrapped = top[wrapperKey] {
            guard case .object(let inner) = wrapped else {
                throw .invalid(path: wrapperKey, expected: "an object", got: wrapped.rendered())
            }
            return try fields(inner, at: wrapperKey, maskLimit: maskLimit)
        }
        return try fields(top, at: "", maskLimit: maskLimit)
    }

    private static func fields(_ obj: [String: JSONValue], at base: String, maskLimit: Int?) throws(ResultError)
        -> (result: DetectAnomaliesResult, mask: [UInt8]?)
    {
        var sourceType: String?
        if let source = present(obj["Source"]) {
            let path = join(base, "Source")
            guard case .object(let s) = source else {
                throw .invalid(path: path, expected: "an object", got: source.rendered())
            }
            sourceType = try optionalString(s["Type"], at: join(path, "Type"))
            if let sourceType { try checkLength(sourceType, at: join(path, "Type")) }
        }
        let isAnomalous = try bool(obj["IsAnomalous"], at: join(base, "IsAnomalous"))
        let confidence = try fraction(obj["Confidence"], at: join(base, "Confidence"))
        var anomalies: [Anomaly] = []
        if let list = present(obj["Anomalies"]) {
            let path = join(base, "Anomalies")
            guard case .array(let items) = list else {
                throw .invalid(path: path, expected: "an array", got: list.rendered())
            }
            anomalies.reserveCapacity(items.count)
            for (k, item) in items.enumerated() {
                anomalies.append(try anomaly(item, at: "\(path)[\(k)]"))
            }
        }
        let mask = try optionalString(obj["AnomalyMask"], at: join(base, "AnomalyMask"))
        var maskBytes: [UInt8]?
        if let mask {
            let length = mask.utf8.count
            if let maskLimit, length > maskLimit {
                throw .tooLong(path: join(base, "AnomalyMask"), characters: length, limit: maskLimit)
            }
            do throws(Base64.Failure) {
                maskBytes = try Base64.decode(mask)
            } catch {
                let bad = Array(mask.utf8)
                let what =
                    error.index < bad.count
                    ? "an invalid character at index \(error.index)" : "a truncated last group"
                throw .invalid(
                    path: join(base, "AnomalyMask"), expected: "base64 text",
                    got: JSONValue.quoted(mask, limit: 24) + " (\(what))")
            }
        }
        let result = DetectAnomaliesResult(
            isAnomalous: isAnomalous, confidence: confidence, anomalies: anomalies, anomalyMask: mask,
            sourceType: sourceType)
        return (result, maskBytes)
    }

    private static func anomaly(_ v: JSONValue, at path: String) throws(ResultError) -> Anomaly {
        guard case .object(let entry) = v else { throw .invalid(path: path, expected: "an object", got: v.rendered()) }
        let name = try string(entry["Name"], at: join(path, "Name"))
        try checkLength(name, at: join(path, "Name"))
        let pixelPath = join(path, "PixelAnomaly")
        guard let pixel = present(entry["PixelAnomaly"]) else { throw .missing(path: pixelPath, expected: "an object") }
        guard case .object(let p) = pixel else {
            throw .invalid(path: pixelPath, expected: "an object", got: pixel.rendered())
        }
        let area = try fraction(p["TotalPercentageArea"], at: join(pixelPath, "TotalPercentageArea"))
        let colorPath = join(pixelPath, "Color")
        let hexExpected = "\"#\" and 6 hex digits"
        let hex = try string(p["Color"], at: colorPath, expected: hexExpected)
        // Exactly 7 characters: `Color(hex:)` would also take `#RRGGBBAA`, which the service never writes.
        guard hex.utf8.count == 7, let color = Color(hex: hex) else {
            throw .invalid(path: colorPath, expected: hexExpected, got: JSONValue.quoted(hex, limit: 40))
        }
        return Anomaly(name: name, area: area, color: color, colorHex: hex)
    }

    // MARK: Field checks

    /// nil for an absent or null value: optional fields may be written as `null` by SDK serialisers.
    static func present(_ v: JSONValue?) -> JSONValue? {
        if let v, v != .null { return v }
        return nil
    }

    private static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

    private static func bool(_ v: JSONValue?, at path: String) throws(ResultError) -> Bool {
        let expected = "a boolean"
        guard let v = present(v) else { throw .missing(path: path, expected: expected) }
        guard case .bool(let b) = v else { throw .invalid(path: path, expected: expected, got: v.rendered()) }
        return b
    }

    /// A JSON number in 0…1 (a quoted number is a string, not a number).
    private static func fraction(_ v: JSONValue?, at path: String) throws(ResultError) -> Double {
        let expected = "a number in 0...1"
        guard let v = present(v) else { throw .missing(path: path, expected: expected) }
        guard case .number(let d, _) = v, d >= 0, d <= 1 else {
            throw .invalid(path: path, expected: expected, got: v.rendered())
        }
        return d
    }

    static func string(_ v: JSONValue?, at path: String, expected: String = "a string") throws(ResultError)
        -> String
    {
        guard let v = present(v) else { throw .missing(path: path, expected: expected) }
        guard case .string(let s) = v else { throw .invalid(path: path, expected: expected, got: v.rendered()) }
        return s
    }

    /// Refuses text longer than `DetectAnomaliesResult.maxTextFieldBytes` (UTF-8 bytes).
    private static func checkLength(_ s: String, at path: String) throws(ResultError) {
        let limit = DetectAnomaliesResult.maxTextFieldBytes
        let bytes = s.utf8.count
        if bytes > limit {
            throw .invalid(path: path, expected: "a string of at most \(limit) bytes", got: "\(bytes) bytes")
        }
    }

    static func optionalString(_ v: JSONValue?, at path: String) throws(ResultError) -> String? {
        guard let v = present(v) else { return nil }
        guard case .string(let s) = v else { throw .invalid(path: path, expected: "a string", got: v.rendered()) }
        return s
    }
}

// MARK: - Decoding a JSON tree from any Decoder (the `Codable` path)

/// A coding key for arbitrary member names.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension JSONValue: Decodable {
    /// Rebuilds the JSON tree from a decoder, so `Decodable` goes through the same checks as `parse`.
    /// Booleans are tried before numbers: `JSONDecoder` refuses to read `1` as a `Bool` and `true` as a
    /// `Double`, which keeps the two apart. Number text is re-rendered from the `Double` (`1` becomes `1.0`).
    public init(from decoder: any Decoder) throws {
        if let obj = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in obj.allKeys {
                members[key.stringValue] = try obj.decode(JSONValue.self, forKey: key)
            }
            self = .object(members)
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? single.decode(String.self) {
            self = .string(s)
        } else {
            let d = try single.decode(Double.self)
            self = .number(d, text: "\(d)")
        }
    }
}
