import Foundation

/// A failure of an Anomark command: which file, what went wrong, and the exit code it maps to.
///
/// Exit codes follow BSD sysexits: 64 usage, 65 bad data, 66 input missing or unreadable, 73 output cannot be
/// created, 74 other I/O error.
/// As a `LocalizedError` its `errorDescription` is the line the CLI prints, without the CLI's `error: ` prefix, so
/// `error.localizedDescription` reads `<file>: <problem>` instead of Foundation's "The operation could not be
/// completed".
public struct AnomarkError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// What kind of failure, as its sysexits exit code.
    public enum Kind: Int32, Sendable {
        /// Bad command line (64, EX_USAGE).
        case usage = 64
        /// Bad image, JSON or mask (65, EX_DATAERR).
        case badData = 65
        /// An input file is missing or unreadable (66, EX_NOINPUT).
        case inputMissing = 66
        /// The output cannot be created (73, EX_CANTCREAT).
        case cannotCreate = 73
        /// Any other I/O error (74, EX_IOERR).
        case io = 74
    }

    /// The kind of failure, which sets the exit code.
    public var kind: Kind
    /// The file the problem is about (as the user named it), or nil for a usage error.
    public var file: String?
    /// One short line saying what is wrong.
    public var problem: String

    /// A failure about `file` (nil for usage errors); `problem` is one short line.
    public init(_ kind: Kind, file: String?, _ problem: String) {
        self.kind = kind
        self.file = file
        self.problem = problem
    }

    /// The process exit code.
    public var exitCode: Int32 { kind.rawValue }

    /// `error: <file>: <problem>` — always a single line (newlines in library messages are folded).
    public var description: String { "error: " + message }

    /// `<file>: <problem>` (or just the problem for a usage error), on one line.
    public var message: String {
        let text = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
        if let file { return "\(file): \(text)" }
        return text
    }

    /// The same line as ``message``, for `localizedDescription`.
    public var errorDescription: String? { message }
}
