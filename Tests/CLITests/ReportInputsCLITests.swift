import Foundation
import Testing

/// `report --base DIR`, the folder walk's warnings and `--merge` of another summary version, through the binary.
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

    @Test("--merge refuses a summary of the previous version in one line, exit 65, and writes nothing")
    func mergeOldVersion() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shard = dir.appendingPathComponent("shard-0")
        try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
        let old = #"{"format":"anomark-report/1","title":"t","totalItems":0,"items":[]}"#
        try Data(old.utf8).write(to: shard.appendingPathComponent("summary.json"))
        let out = dir.appendingPathComponent("merged").path
        let run = try CLI.run(["report", "--merge", shard.path, "-o", out])
        #expect(run.status == 65)
        #expect(
            run.stderr == "error: \(shard.path)/summary.json: summary format version 1 is an older anomark's "
                + "(this one reads 2): run that report again with this anomark, then merge\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--annotated-format and --jpeg-quality: an unknown format or a quality outside 1…100 is a usage error")
    func annotatedFormat() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r").path
        let bad = try CLI.run(["report", CLI.sample("normal-1.jpg"), "-o", out, "--annotated-format", "gif"])
        #expect(bad.status == 64 && bad.stderr.contains("--annotated-format takes png, jpg or none, got 'gif'"))
        let quality = try CLI.run(["report", CLI.sample("normal-1.jpg"), "-o", out, "--jpeg-quality", "0"])
        #expect(quality.status == 64 && quality.stderr.contains("--jpeg-quality must be in 1...100"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let run = try CLI.run([
            "report", CLI.repo.appendingPathComponent("samples/cookies").path, "--results",
            CLI.sample("results"), "-o", out, "--annotated-format", "jpg", "--jpeg-quality", "70", "--no-system-fonts",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/annotated/anomaly-1.jpg"))
    }
}
