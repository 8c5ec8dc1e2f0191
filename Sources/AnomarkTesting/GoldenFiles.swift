import Codecs
import Foundation
import GoldenImage
import Raster

/// Where goldens are read and failure images written, and the PNG file I/O for both.
///
/// `package(containing: #filePath)` is `<package>/golden` and `<package>/.build/golden-failures` of the package
/// holding a test file, so tests work from any directory.
public struct GoldenFiles: Sendable {
    /// Paths in messages are shown relative to this directory.
    public var root: URL
    /// Holds `<suite>/<case>.png`.
    public var goldenDirectory: URL
    /// Receives `<suite>/<case>.{actual,diff,composite}.png` on failure.
    public var failureDirectory: URL

    /// Goldens in `<root>/golden`, failures in `<root>/.build/golden-failures`.
    public init(root: URL) {
        self.root = root
        goldenDirectory = root.appendingPathComponent("golden", isDirectory: true)
        failureDirectory = root.appendingPathComponent(".build/golden-failures", isDirectory: true)
    }

    /// The golden and failure directories of the package that holds `filePath`: the nearest folder above it
    /// with a `Package.swift` (the file's own folder when there is none).
    public static func package(containing filePath: String) -> GoldenFiles {
        let start = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        var folder = start
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return GoldenFiles(root: folder)
            }
            folder.deleteLastPathComponent()
        }
        return GoldenFiles(root: start)
    }

    /// True when env `ANOMARK_RECORD_GOLDENS` is `1` (or `true` / `yes`): goldens are rewritten.
    public static var recordingRequested: Bool {
        let value = ProcessInfo.processInfo.environment["ANOMARK_RECORD_GOLDENS"]?.lowercased()
        return value == "1" || value == "true" || value == "yes"
    }

    /// `golden/<name>.png`.
    func goldenURL(_ name: GoldenName) -> URL {
        goldenDirectory.appendingPathComponent(name.path + ".png")
    }

    /// `.build/golden-failures/<name>.<kind>.png`.
    func failureURL(_ name: GoldenName, _ kind: String) -> URL {
        failureDirectory.appendingPathComponent("\(name.path).\(kind).png")
    }

    /// `url` relative to `root` when inside it, for messages.
    func display(_ url: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }

    /// The decoded golden, or nil when the file does not exist.
    func readGolden(_ url: URL) throws(GoldenError) -> Pixmap? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes = try read(url)
        do {
            return try PNG.decode(bytes)
        } catch {
            throw .undecodable(path: display(url), reason: error.description)
        }
    }

    /// The bytes of `url`.
    private func read(_ url: URL) throws(GoldenError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw .unreadable(path: display(url), reason: "\(error.localizedDescription)")
        }
    }

    /// The golden folder's `anomark-diff.json` (`DiffConfig`), or no overrides when there is none.
    func config() throws(GoldenError) -> DiffConfig {
        let url = goldenDirectory.appendingPathComponent(DiffConfig.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return DiffConfig() }
        let bytes = try read(url)
        do {
            return try DiffConfig.parse(bytes, file: display(url)) {
                try JSONDecoder().decode(DiffConfig.self, from: Data($0))
            }
        } catch {
            throw .badConfig(error)
        }
    }

    /// Writes `image` as PNG to `url` (atomically, creating directories).
    func write(_ image: Pixmap, to url: URL) throws(GoldenError) {
        let bytes: [UInt8]
        do {
            bytes = try PNG.encode(image)
        } catch {
            throw .unencodable(path: display(url), reason: error.description)
        }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw .unwritable(path: display(url), reason: "\(error.localizedDescription)")
        }
    }

    /// Deletes failure images of `name` left by an earlier run (missing files are fine).
    func removeFailures(_ name: GoldenName) {
        for kind in GoldenCheck.failureKinds {
            try? FileManager.default.removeItem(at: failureURL(name, kind))
        }
    }
}
