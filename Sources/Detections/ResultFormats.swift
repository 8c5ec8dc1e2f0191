/// The registry of result formats: what `--input-format` accepts, for `annotate` and `report` alike.
///
/// Names are a contract (documented in the README): `auto` (the default) sniffs each file and takes the first
/// format that claims it — `lookout` when none does, so its error says what is wrong — and looks for results
/// beside an image at every format's paths; a format name reads every file as that format. Today's formats:
/// `lookout` (`LookoutFormat`), `dda` (`DDAFormat`), `anomaly-map` (`AnomalyMapFormat`). New formats are added
/// to `all`, never renamed.
public struct ResultFormats: Sendable {
    /// Every registered format, in sniffing order.
    public static let all: [any ResultFormat] = [LookoutFormat(), DDAFormat(), AnomalyMapFormat()]

    /// The names `--input-format` takes: `auto`, then each format's.
    public static var names: [String] { ["auto"] + all.map(\.name) }

    /// The formats in play: all of them for `auto`, else the one named.
    public let formats: [any ResultFormat]
    /// `auto` or the format's name.
    public let name: String

    /// Every format, sniffed per file.
    public static let auto = ResultFormats(name: "auto", formats: all)

    private init(name: String, formats: [any ResultFormat]) {
        self.name = name
        self.formats = formats
    }

    /// The choice `name` stands for (`auto` or a format's name, exactly); nil for an unknown name.
    public init?(named name: String) {
        if name == "auto" {
            self = .auto
            return
        }
        guard let format = Self.all.first(where: { $0.name == name }) else { return nil }
        self.init(name: name, formats: [format])
    }

    /// The format to read `bytes` with: the only one, or the first that claims them (the first format when
    /// none does).
    public func format(for bytes: [UInt8]) -> any ResultFormat {
        formats.first { $0.claims(bytes) } ?? formats[0]
    }

    /// Reads a result file's bytes with `format(for:)`.
    public func read(_ bytes: [UInt8]) throws(ResultError) -> Detection {
        try format(for: bytes).read(bytes)
    }

    /// Reads a result given inline in a JSON document, with the first format that claims it (the first when
    /// none does).
    public func read(inline value: JSONValue) throws(ResultError) -> Detection {
        let format = formats.first { $0.claims(inline: value) } ?? formats[0]
        return try format.read(inline: value)
    }

    /// Whether `bytes` are a file of records that name their own images (`CaptureRecord`), by a format in play.
    public func claimsRecords(_ bytes: [UInt8]) -> Bool {
        formats.contains { $0.readsRecords && $0.claims(bytes) }
    }

    /// The record a JSON Lines line holds, read by the first format in play that claims it; nil when no format
    /// with records claims it (it is then a list or manifest line).
    public func record(line value: JSONValue) throws(ResultError) -> CaptureRecord? {
        guard let format = formats.first(where: { $0.readsRecords && $0.claims(inline: value) }) else { return nil }
        return try format.record(value)
    }

    /// Where results for the image at `relativePath` may be, relative to the same root: each format's paths in
    /// registry order, without repeats.
    public func resultPaths(forImage relativePath: String) -> [String] {
        var paths: [String] = []
        for format in formats {
            for path in format.resultPaths(forImage: relativePath) where !paths.contains(path) { paths.append(path) }
        }
        return paths
    }
}
