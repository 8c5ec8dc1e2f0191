/// A wire format a detector writes its results in, and how to read it into a `Detection`.
///
/// A format is known by its `name`, the value of `--input-format` (a contract: see `ResultFormats`). For one
/// image it claims some files beside it (`resultPaths(forImage:)`), recognises its own bytes (`claims(_:)`, used
/// when the format is `auto`) and reads them. Formats that are JSON can also be given inline, as the `result` of
/// a JSON Lines line, already parsed.
public protocol ResultFormat: Sendable {
    /// The name on the command line (`lookout`, …): lower case, stable.
    var name: String { get }

    /// Where a result for the image at `relativePath` may be, relative to the same root, most likely first.
    func resultPaths(forImage relativePath: String) -> [String]

    /// Whether `bytes` look like this format. Cheap: it reads the start of the bytes at most, never all of a
    /// large file, and does not validate (reading does).
    func claims(_ bytes: [UInt8]) -> Bool

    /// Reads a whole result file. Errors name the JSON path (or the byte offset) and what was wrong.
    func read(_ bytes: [UInt8]) throws(ResultError) -> Detection

    /// Whether an inline JSON value looks like this format.
    func claims(inline value: JSONValue) -> Bool

    /// Reads a result given inline in a JSON document.
    func read(inline value: JSONValue) throws(ResultError) -> Detection

    /// True for formats whose files are JSON Lines of records that name their own image (`CaptureRecord`): such
    /// a file is a list of items, not the result of one image.
    var readsRecords: Bool { get }

    /// Reads one record (a JSON Lines line this format claims inline).
    func record(_ value: JSONValue) throws(ResultError) -> CaptureRecord
}

extension ResultFormat {
    /// Formats that are not JSON claim no inline value.
    public func claims(inline value: JSONValue) -> Bool { false }

    /// Formats that are not JSON cannot be given inline.
    public func read(inline value: JSONValue) throws(ResultError) -> Detection {
        throw .notAnObject(found: "an inline value (the \(name) format is read from files only)")
    }

    /// Most formats hold one image's result per file.
    public var readsRecords: Bool { false }

    /// Formats without records have none to read.
    public func record(_ value: JSONValue) throws(ResultError) -> CaptureRecord {
        throw .notAnObject(found: "a record (the \(name) format has none)")
    }
}
