/// Why a diff config (`anomark-diff.json`) was refused: the file and the JSON path of the offending value.
public struct DiffConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config file as named by the caller.
    public var file: String
    /// Where in the document, e.g. `$.overrides[2].threshold` (`$` for the whole document).
    public var path: String
    /// What is wrong, one line.
    public var problem: String

    /// A refusal of the value at `path` of `file`.
    public init(file: String, path: String, problem: String) {
        self.file = file
        self.path = path
        self.problem = problem
    }

    /// `file: $.path: problem`.
    public var description: String { "\(file): \(path): \(problem)" }

    /// `$.overrides[2].threshold` for a coding path.
    static func jsonPath(_ codingPath: [any CodingKey]) -> String {
        var out = "$"
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += "." + key.stringValue }
        }
        return out
    }
}

/// The problem a config decoder found, thrown from inside `Decodable` code and turned into a `DiffConfigError`
/// once the file name is known.
struct DiffConfigProblem: Error {
    var path: String
    var problem: String
}
