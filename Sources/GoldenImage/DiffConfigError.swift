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

    /// `file: $.path: problem`, on one line: control characters of a key or value quoted back are written
    /// `\u{…}` (found by fuzz-diff-config: an unknown key with a newline).
    public var description: String {
        var out = ""
        for scalar in "\(file): \(path): \(problem)".unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

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
