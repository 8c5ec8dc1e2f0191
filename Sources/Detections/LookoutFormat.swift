/// Amazon Lookout for Vision `DetectAnomalies` results (format name `lookout`): the AWS CLI/SDK shape
/// `{"DetectAnomalyResult": {…}}`, the bare inner object, and the SageMaker successor's `<image>.out`.
///
/// Read strictly by `DetectAnomaliesResult`'s reader; the `AnomalyMask` base64 is decoded once, while reading,
/// and refused beyond the service's 5 MB (`DetectAnomaliesResult.maxAnomalyMaskCharacters`). Results for
/// `dir/a.jpg` are looked for as `dir/a.jpg.out`, `dir/a.jpg.json`, then `dir/a.json`.
public struct LookoutFormat: ResultFormat {
    /// `lookout`.
    public let name = "lookout"

    /// The format.
    public init() {}

    /// The result files this format looks for beside an image (`ResultFormat.resultPaths(forImage:)`).
    public func resultPaths(forImage rel: String) -> [String] {
        var paths = ["\(rel).out", "\(rel).json"]
        let name = rel.split(separator: "/").last.map(String.init) ?? rel
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            paths.append(String(rel.dropLast(name.distance(from: dot, to: name.endIndex))) + ".json")
        }
        return paths
    }

    /// How far `claims` looks: the verdict fields come first in every writer's output, the mask last.
    static let sniffBytes = 64 << 10

    /// Whether `bytes` look like this format (`ResultFormat.claims(_:)`).
    public func claims(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(Self.sniffBytes)
        return Self.contains(head, "\"IsAnomalous\"") || Self.contains(head, "\"DetectAnomalyResult\"")
    }

    /// Reads a result file (`ResultFormat.read(_:)`).
    public func read(_ bytes: [UInt8]) throws(ResultError) -> Detection {
        try read(inline: try ResultReader.document(bytes))
    }

    /// Whether an inline JSON value is in this format (`ResultFormat.claims(inline:)`).
    public func claims(inline value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        return members[ResultReader.wrapperKey] != nil || members["IsAnomalous"] != nil
    }

    /// Reads an inline JSON value (`ResultFormat.read(inline:)`).
    public func read(inline value: JSONValue) throws(ResultError) -> Detection {
        let (result, mask) = try ResultReader.readWithMask(
            value, maskLimit: DetectAnomaliesResult.maxAnomalyMaskCharacters)
        return Detection(result, maskBytes: mask, format: name)
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard haystack.count >= n else { return false }
        return needle.withUTF8Buffer { needle in
            let first = needle[0]
            var i = haystack.startIndex
            let last = haystack.endIndex - n
            while i <= last {
                if haystack[i] == first && haystack[i..<i + n].elementsEqual(needle) { return true }
                i += 1
            }
            return false
        }
    }
}

extension Detection {
    /// A Lookout for Vision result as a detection; `maskBytes` is its `AnomalyMask`, already decoded.
    init(_ result: DetectAnomaliesResult, maskBytes: [UInt8]?, format: String) {
        self.init(
            source: Source(format: format, type: result.sourceType),
            verdict: Verdict(isAnomalous: result.isAnomalous, confidence: result.confidence),
            classes: result.defectTypes.map {
                AnomalyClass(name: $0.name, color: $0.color, colorHex: $0.colorHex, reportedArea: $0.area)
            },
            backgroundColor: result.background?.color ?? .white, mask: maskBytes.map { .encoded($0) })
    }

    /// A Lookout for Vision result as a detection, its `AnomalyMask` decoded (the checks of `LookoutFormat`).
    public init(_ result: DetectAnomaliesResult) throws(ResultError) {
        var mask: [UInt8]?
        if let text = result.anomalyMask {
            let length = text.utf8.count
            let limit = DetectAnomaliesResult.maxAnomalyMaskCharacters
            let path = ResultReader.wrapperKey + ".AnomalyMask"
            if length > limit { throw .tooLong(path: path, characters: length, limit: limit) }
            do throws(Base64.Failure) {
                mask = try Base64.decode(text)
            } catch {
                throw .invalid(path: path, expected: "base64 text", got: "an invalid character at index \(error.index)")
            }
        }
        self.init(result, maskBytes: mask, format: LookoutFormat().name)
    }
}
