/// Why a `DetectAnomalies` result could not be read. Each description is one line a user can act on.
///
/// Validation errors carry the JSON path as written in the file (`DetectAnomalyResult.Anomalies[1].Name`,
/// or `Anomalies[1].Name` for a bare result object), what was expected and the value found, rendered as
/// JSON (strings quoted, numbers as written, long strings cut with "…").
public enum ResultError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bytes are not UTF-8; `offset` is the first byte of the offending sequence (0-based).
    case invalidUTF8(offset: Int)
    /// The text starts with a UTF-16/UTF-32 byte-order mark (e.g. a PowerShell redirect); `encoding` names it.
    case unsupportedEncoding(encoding: String)
    /// Not JSON; `reason` says what is wrong and where ("unexpected '}' at line 3, column 7").
    case invalidJSON(reason: String)
    /// Valid JSON whose top level is not an object; `found` is e.g. "an array", "a number (3)", "null".
    case notAnObject(found: String)
    /// A field has the wrong type or an out-of-range value.
    case invalid(path: String, expected: String, got: String)
    /// A required field is absent (or null).
    case missing(path: String, expected: String)
    /// A base64 field is longer than the format allows (`AnomalyMask`: the service's 5 MB).
    case tooLong(path: String, characters: Int, limit: Int)
    /// The document holds more JSON values than a result ever has (`limit`, 100,000).
    case tooManyValues(limit: Int)
    /// An anomaly score map (PNG or `.npy`) that cannot be used; `reason` says why, e.g.
    /// `.npy: descr '<i8': expected '<f4' or '<f8' (float32 or float64, little-endian)`.
    case invalidScoreMap(reason: String)

    /// One line: the path and problem, e.g. `Confidence: expected a number in 0...1, got 1.5`.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset):
            return "not UTF-8 text: invalid byte sequence at byte offset \(offset)"
        case .unsupportedEncoding(let encoding):
            return "the result is \(encoding) text, not UTF-8 (save it as UTF-8)"
        case .invalidJSON(let reason):
            return "invalid JSON: \(reason)"
        case .notAnObject(let found):
            return "expected a JSON object at the top level, found \(found)"
        case .invalid(let path, let expected, let got):
            return "\(path): expected \(expected), got \(got)"
        case .missing(let path, let expected):
            return "\(path): missing (expected \(expected))"
        case .tooLong(let path, let n, let limit):
            return "\(path): \(n) characters of base64, more than the limit of \(limit)"
        case .tooManyValues(let limit):
            return "more than \(limit) JSON values: not a DetectAnomalies result (a result has a few hundred)"
        case .invalidScoreMap(let reason):
            return "anomaly map: \(reason)"
        }
    }
}
