import Foundation
import TestSupport

/// Runs the built `anomark` binary (it sits beside the test bundle) and captures what a user would see.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Standard output as bytes (an image written with `-o -`).
    var stdoutBytes = Data()
    var stderrLines: [Substring] { stderr.split(separator: "\n") }
}

enum CLI {
    static let repo = TestFiles.repo

    /// `<build dir>/anomark`, found next to the running test bundle.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // The test binary lives inside `AnomarkPackageTests.xctest/` on some platforms.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("anomark").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("anomark")
    }

    static func sample(_ name: String) -> String { repo.appendingPathComponent("samples/cookies/\(name)").path }

    /// Runs `executable` (the built binary by default) with `arguments`; `environment` entries are added to (or,
    /// when nil, removed from) this process's environment.
    @discardableResult
    static func run(
        _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String?] = [:],
        executable: URL? = nil
    ) throws -> CLIRun {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
    }

    /// A fresh empty folder for one test, removed with the test process's folder at exit (`TestFiles.tempDir`).
    static func tempDir() throws -> URL { try TestFiles.tempDir(prefix: "anomark-cli") }
}
