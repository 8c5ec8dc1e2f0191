import GoldenImage

/// Why a golden check could not even compare: a bad name or a file problem.
public enum GoldenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The golden name is not `suite/case` made of letters, digits, `.`, `_` and `-`.
    case invalidName(String, reason: String)
    /// The golden file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The golden file is not a PNG the codec can decode.
    case undecodable(path: String, reason: String)
    /// An image could not be encoded as PNG.
    case unencodable(path: String, reason: String)
    /// A file or directory could not be written.
    case unwritable(path: String, reason: String)
    /// The golden folder's `anomark-diff.json` was refused.
    case badConfig(DiffConfigError)

    /// One line naming the golden and what went wrong.
    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "invalid golden name \"\(name)\": \(reason)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .undecodable(let path, let reason): "cannot decode \(path): \(reason)"
        case .unencodable(let path, let reason): "cannot encode \(path) as PNG: \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        case .badConfig(let error): "bad golden config \(error)"
        }
    }
}
