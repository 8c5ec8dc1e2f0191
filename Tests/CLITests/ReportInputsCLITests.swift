import Foundation
import Testing

/// `report --base DIR` and the folder walk's warnings, through the binary.
@Suite("report inputs in the wild")
struct ReportInputsCLITests {
    @Test("--base resolves the getting-started manifest's references; a missing --base is one line, exit 66")
    func base() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dataset = dir.appendingPathComponent("dataset-files")
        for folder in ["manifests", "training-images"] {
            try FileManager.default.createDirectory(
                at: dataset.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(
            atPath: CLI.sample("normal-1.jpg"),
            toPath: dataset.appendingPathComponent("training-images/normal-1.jpg").path)
        let manifest = dataset.appendingPathComponent("manifests/template.manifest").path
        try Data(#"{"source-ref": "training-images/normal-1.jpg", "anomaly-label": 0}"#.utf8)
            .write(to: URL(fileURLWithPath: manifest))
        let out = dir.appendingPathComponent("r").path
        let without = try CLI.run(["report", manifest, "-o", out, "--no-system-fonts"])
        #expect(without.status == 1 && without.stderr.contains("manifests/training-images/normal-1.jpg"))
        let run = try CLI.run(["report", manifest, "--base", dataset.path, "-o", out, "--no-system-fonts"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("0 anomalous, 1 normal"))
        let missing = dir.appendingPathComponent("nowhere").path
        let bad = try CLI.run(["report", manifest, "--base", missing, "-o", dir.appendingPathComponent("s").path])
        #expect(bad.status == 66)
        #expect(bad.stderr == "error: \(missing): --base: no such folder\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s").path))
    }

    @Test("a cycle of links is walked once and named in a warning")
    func cycle() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let images = dir.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.sample("normal-1.jpg"), toPath: images.path + "/normal-1.jpg")
        #expect(symlink(".", images.path + "/again") == 0)
        let run = try CLI.run(["report", images.path, "-o", dir.path + "/r", "--no-system-fonts"])
        #expect(run.stderr.contains("warning: \(images.path)/again: a link back to \(images.path) (a cycle)"))
        #expect(run.stderr.contains("report: 1 image (0 anomalous, 0 normal, 0 failed, 1 without result) in "))
    }
}
