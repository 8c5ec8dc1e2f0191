// The `anomark` executable: parses arguments, calls AnomarkKit, maps errors to exit codes. No logic lives here.
import AnomarkKit
import ArgumentParser
import Foundation

@main
struct Anomark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomark",
        abstract: "Turn Lookout for Vision DetectAnomalies results into pictures people can read.",
        discussion: """
            Exit codes: 0 success, 64 usage, 65 bad data (image, JSON, mask), 66 input missing or unreadable, \
            73 output cannot be created, 74 other I/O error.
            """,
        version: anomarkVersion,
        subcommands: [Annotate.self, Diff.self, Report.self]
    )

    /// Runs the command line; every failure ends in one `error: …` line on stderr and its exit code.
    static func main() {
        // Image buffers are reused from one image to the next rather than mapped (and page-faulted) afresh.
        AllocatorPolicy.keepFreedMemory()
        // Temporary files go when the run is interrupted; `ulimit -f` and closed pipes become error lines.
        OutputFile.installSignalHandlers()
        do {
            // The common `annotate` command line (`FastPath`) runs without ArgumentParser's start-up cost, the same
            // request `Annotate` would build; its failures end in the catch blocks below like the parsed path's.
            if let request = FastPath.match(Array(CommandLine.arguments.dropFirst())) {
                try request.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch let error as AnomarkError {
            fail(
                error.description + (error.kind == .usage && error.file == nil ? " (\(helpHint()))" : ""),
                code: error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))  // --help, --version
                Foundation.exit(0)
            }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            let message =
                Self.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
            let lower = message.prefix(1).lowercased() + message.dropFirst()
            fail(
                "error: \(lower.hasPrefix("error: ") ? String(lower.dropFirst(7)) : lower) (\(helpHint()))",
                code: code.rawValue)
        }
    }

    /// `see 'anomark <subcommand> --help'` for the subcommand on the command line (the first word that is not an
    /// option), else `see 'anomark --help'`: where a usage error sends the user to read more.
    static func helpHint() -> String {
        let names = configuration.subcommands.map { $0._commandName }
        if let word = CommandLine.arguments.dropFirst().first(where: { !$0.hasPrefix("-") }), names.contains(word) {
            return "see 'anomark \(word) --help'"
        }
        return "see 'anomark --help'"
    }

    static func fail(_ line: String, code: Int32) -> Never {
        StandardError.write(line + "\n")
        Foundation.exit(code)
    }
}

/// Writes a line to standard error (never traps, even when stderr is closed or a broken pipe).
func printError(_ line: String) {
    StandardError.write(line + "\n")
}
