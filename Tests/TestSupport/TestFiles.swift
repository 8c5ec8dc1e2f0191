// TestSupport — what the test targets share, written once: where the repository and its bundled samples are, fresh
// temporary folders, and copies of samples. Tests read only files inside the repository (a user's clone has
// nothing beside it), so every path here is under `repo`. Foundation only, so any test target can use it.
import Foundation

/// The repository's files as tests see them.
public enum TestFiles {
    /// The repository root (the folder holding `Package.swift`).
    public static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `samples/cookies`: the bundled photos, results and masks (CC BY-SA 4.0, see its README).
    public static let samples = repo.appendingPathComponent("samples/cookies")

    /// The path of a file under `samples/cookies`, e.g. `"results/anomaly-1.json"`.
    public static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

    /// The bytes of a file under `samples/cookies`.
    public static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    /// `samples/mvtec`: the MVTec AD-style tree of the cookies and its predictions (tools/fixtures/mvtec_tree.py).
    public static let mvtec = repo.appendingPathComponent("samples/mvtec")

    /// `samples/getting-started`: the getting-started dataset's layout, at a quarter, with predictions
    /// (tools/fixtures/getting_started.py).
    public static let gettingStarted = repo.appendingPathComponent("samples/getting-started")

    /// The bytes of a file under `samples/mvtec`, e.g. `"cookie/test/crack/000.png"`.
    public static func mvtecBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: mvtec.appendingPathComponent(name)))
    }

    /// A fresh empty folder for one test, inside this test process's own folder under the system's temporary
    /// folder. That folder is removed when the process exits — tests need not clean up after themselves, and a
    /// run leaves nothing behind in `/tmp` — unless `ANOMARK_KEEP_TEST_FILES` is set, to look at a failure's files.
    public static func tempDir(prefix: String = "anomark-test") throws -> URL {
        // A whole UUID: `createDirectory` does not fail on an existing folder, so a collision would be silent.
        // The process folder's name is short (no UUID) to keep a Unix socket's path (the output-policy tests
        // make one) within its 108 bytes.
        let url = processFolder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `$TMPDIR/anomark-tests-<pid>`, created on first use; removed at exit (see `tempDir`).
    static let processFolder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "anomark-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if ProcessInfo.processInfo.environment["ANOMARK_KEEP_TEST_FILES"] == nil {
            // A C function pointer cannot capture, so the handler reads the static again (already initialised).
            atexit { try? FileManager.default.removeItem(at: TestFiles.processFolder) }
        }
        return url
    }()

    /// Copies a file under `samples/cookies` to `destination`, creating its folders.
    public static func copy(_ sampleName: String, to destination: URL) throws {
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sample(sampleName), toPath: destination.path)
    }
}
