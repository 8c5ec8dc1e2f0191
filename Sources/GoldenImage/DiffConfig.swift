import Raster

/// Per-path comparison overrides of a golden folder: the `anomark-diff.json` at its root (or a file passed with
/// `--config`). Lets a team loosen one noisy image without loosening all.
///
/// ```json
/// {
///   "version": 1,
///   "overrides": [
///     { "path": "report/**", "threshold": 0.1, "antialiasing": true },
///     { "path": "report/cookies/*.png", "maxDiffPixels": 40, "ignore": ["0,0,200,24"] }
///   ]
/// }
/// ```
///
/// Each override names a `PathGlob` relative to the expected folder and sets any of `threshold`, `antialiasing`,
/// `maxChannelDelta`, `maxDiffPixels`, `maxDiffRatio` and `ignore` (regions `x,y,w,h`); keys it leaves out keep the
/// base options (the command line's). When several overrides match a path, the last one wins — entries are not
/// merged. Parsing is strict: unknown keys, wrong types, out-of-range values and bad globs are refused with the JSON
/// path of the value (`DiffConfigError`).
public struct DiffConfig: Sendable, Equatable {
    /// The file name looked for at the root of an expected folder.
    public static let fileName = "anomark-diff.json"
    /// The only `version` understood.
    public static let version = 1
    /// The most overrides a config may hold.
    public static let maxOverrides = 10_000
    /// The largest config file read, in bytes.
    package static let maxBytes = 1 << 20

    /// One entry of `overrides`.
    public struct Override: Sendable, Equatable {
        /// Which paths it applies to.
        public var glob: PathGlob
        /// `threshold`, when set (null sets "no threshold").
        public var threshold: Double??
        /// `antialiasing`, when set.
        public var detectAntialiasing: Bool?
        /// `maxChannelDelta`, when set.
        public var maxChannelDelta: Int?
        /// `maxDiffPixels`, when set (null sets "no pixel budget").
        public var maxDiffPixels: Int??
        /// `maxDiffRatio`, when set (null sets "no ratio budget").
        public var maxDiffRatio: Double??
        /// `ignore`, when set: replaces the base regions.
        public var ignoreRegions: [Rect]?

        /// `base` with the keys this entry sets replaced.
        public func apply(to base: CompareOptions) -> CompareOptions {
            var o = base
            if let threshold { o.threshold = threshold }
            if let detectAntialiasing { o.detectAntialiasing = detectAntialiasing }
            if let maxChannelDelta { o.maxChannelDelta = maxChannelDelta }
            if let maxDiffPixels { o.maxDiffPixels = maxDiffPixels }
            if let maxDiffRatio { o.maxDiffRatio = maxDiffRatio }
            if let ignoreRegions { o.ignoreRegions = ignoreRegions }
            return o
        }
    }

    /// The overrides in file order.
    public var overrides: [Override]

    /// A config with these overrides (none: every path gets the base options).
    public init(overrides: [Override] = []) {
        self.overrides = overrides
    }

    /// The options for `path` (relative to the expected folder): `base` changed by the last matching override.
    public func options(for path: String, base: CompareOptions) -> CompareOptions {
        guard let entry = overrides.last(where: { $0.glob.matches(path) }) else { return base }
        return entry.apply(to: base)
    }

    /// Parses a config file's bytes with `decode` (the caller's JSON decoder, e.g.
    /// `{ try JSONDecoder().decode(DiffConfig.self, from: Data($0)) }`: this module has no JSON parser of its own)
    /// and names `file` in any error.
    public static func parse(
        _ bytes: [UInt8], file: String, decode: ([UInt8]) throws -> DiffConfig
    ) throws(DiffConfigError) -> DiffConfig {
        guard bytes.count <= maxBytes else {
            throw DiffConfigError(file: file, path: "$", problem: "is larger than \(maxBytes) bytes")
        }
        do {
            return try decode(bytes)
        } catch let problem as DiffConfigProblem {
            throw DiffConfigError(file: file, path: problem.path, problem: problem.problem)
        } catch let error as DecodingError {
            throw Self.describe(error, file: file)
        } catch {
            throw DiffConfigError(file: file, path: "$", problem: "not valid JSON")
        }
    }

    /// A decoding error as a config error: the JSON path and a short reason (not the decoder's long prose).
    static func describe(_ error: DecodingError, file: String) -> DiffConfigError {
        switch error {
        case .typeMismatch(let type, let context):
            return DiffConfigError(
                file: file, path: DiffConfigError.jsonPath(context.codingPath), problem: "expected \(jsonType(type))")
        case .valueNotFound(let type, let context):
            return DiffConfigError(
                file: file, path: DiffConfigError.jsonPath(context.codingPath),
                problem: "expected \(jsonType(type)), found null")
        case .keyNotFound(let key, let context):
            return DiffConfigError(
                file: file, path: DiffConfigError.jsonPath(context.codingPath + [key]), problem: "is required")
        case .dataCorrupted(let context):
            let path = DiffConfigError.jsonPath(context.codingPath)
            return DiffConfigError(
                file: file, path: path, problem: context.codingPath.isEmpty ? "not valid JSON" : "invalid value")
        @unknown default:
            return DiffConfigError(file: file, path: "$", problem: "not valid JSON")
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        if type == Bool.self { return "true or false" }
        if type == Int.self { return "an integer" }
        if type == Double.self { return "a number" }
        if type == String.self { return "a string" }
        return "another type"
    }
}

extension DiffConfig: Decodable {
    /// Any key, so unknown ones can be named.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Strict decoding: see the type's documentation.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        try Self.refuseUnknownKeys(c, allowed: ["version", "overrides"])
        let version = try c.decode(Int.self, forKey: Key("version"))
        guard version == Self.version else {
            throw DiffConfigProblem(path: "$.version", problem: "version \(version) is not supported (only 1)")
        }
        var list = try c.nestedUnkeyedContainer(forKey: Key("overrides"))
        var overrides: [Override] = []
        while !list.isAtEnd {
            guard overrides.count < Self.maxOverrides else {
                throw DiffConfigProblem(path: "$.overrides", problem: "more than \(Self.maxOverrides) entries")
            }
            let path = "$.overrides[\(overrides.count)]"
            let entry = try list.nestedContainer(keyedBy: Key.self)
            overrides.append(try Self.override(entry, path: path))
        }
        self.init(overrides: overrides)
    }

    private static let overrideKeys = [
        "path", "threshold", "antialiasing", "maxChannelDelta", "maxDiffPixels", "maxDiffRatio", "ignore",
    ]

    private static func override(_ c: KeyedDecodingContainer<Key>, path: String) throws -> Override {
        try refuseUnknownKeys(c, allowed: overrideKeys)
        let pattern = try c.decode(String.self, forKey: Key("path"))
        guard let glob = PathGlob(pattern) else {
            throw DiffConfigProblem(
                path: path + ".path",
                problem:
                    "\"\(pattern)\" is not a relative glob (empty, absolute, '.' or '..' component, or a trailing '\\')"
            )
        }
        func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T?? {
            guard c.contains(Key(key)) else { return nil }
            if try c.decodeNil(forKey: Key(key)) { return .some(nil) }
            return .some(try c.decode(type, forKey: Key(key)))
        }
        var entry = Override(glob: glob)
        entry.threshold = try optional(Double.self, "threshold")
        if c.contains(Key("antialiasing")) {
            entry.detectAntialiasing = try c.decode(Bool.self, forKey: Key("antialiasing"))
        }
        if c.contains(Key("maxChannelDelta")) {
            entry.maxChannelDelta = try c.decode(Int.self, forKey: Key("maxChannelDelta"))
        }
        entry.maxDiffPixels = try optional(Int.self, "maxDiffPixels")
        entry.maxDiffRatio = try optional(Double.self, "maxDiffRatio")
        if c.contains(Key("ignore")) {
            var regions: [Rect] = []
            for (i, text) in try c.decode([String].self, forKey: Key("ignore")).enumerated() {
                do {
                    regions.append(try CompareOptions.parseRegion(text))
                } catch {
                    throw DiffConfigProblem(path: "\(path).ignore[\(i)]", problem: error.description)
                }
            }
            entry.ignoreRegions = regions
        }
        // Range checks through the options' own validation, reported at the key that is wrong.
        do {
            _ = try entry.apply(to: .exact).validated()
        } catch {
            let key =
                switch error {
                case .thresholdOutOfRange: "threshold"
                case .channelDeltaOutOfRange: "maxChannelDelta"
                case .negativePixelBudget: "maxDiffPixels"
                case .ratioOutOfRange: "maxDiffRatio"
                default: "ignore"
                }
            throw DiffConfigProblem(path: "\(path).\(key)", problem: error.description)
        }
        return entry
    }

    private static func refuseUnknownKeys(_ c: KeyedDecodingContainer<Key>, allowed: [String]) throws {
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
            let path = DiffConfigError.jsonPath(c.codingPath + [Key(unknown)])
            throw DiffConfigProblem(
                path: path, problem: "unknown key (allowed: \(allowed.joined(separator: ", ")))")
        }
    }
}

extension DiffConfig.Override {
    /// An entry for `glob` that changes nothing until keys are set.
    public init(glob: PathGlob) {
        self.glob = glob
    }
}
