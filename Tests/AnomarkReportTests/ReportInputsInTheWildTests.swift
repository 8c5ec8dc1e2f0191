import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// Inputs as they exist in the wild: manifests whose references are relative to another folder (`--base`),
/// results both beside the images and under `--results`, folders reached through symbolic links.
@Suite struct ReportInputsInTheWildTests {
    private func touch(_ url: URL, _ text: String = "x") throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func baseResolvesAManifestsRelativeReferencesAfterThePathMap() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        // The getting-started dataset's layout: references relative to the dataset folder, not to manifests/.
        let manifest = """
            {"source-ref": "training-images/a.jpg", "anomaly-label": 1, "anomaly-mask-ref": "mask-images/a.png", \
            "anomaly-mask-ref-metadata": {"internal-color-map": {"0": {"class-name": "cracked", "hex-color": "#23A436"}}}}
            {"source-ref": "s3://bucket/b.jpg", "anomaly-label": 0}
            """
        let file = root.appendingPathComponent("dataset/manifests/template.manifest")
        try touch(file, manifest)
        let dataset = root.appendingPathComponent("dataset").path
        let without = try ReportInputs().items(for: [file.path])
        #expect(without.last?.imagePath == dataset + "/manifests/training-images/a.jpg")
        let map = try PathMap(parsing: ["s3://bucket=mapped"])
        let items = try ReportInputs(pathMap: map, baseDirectory: dataset).items(for: [file.path])
        #expect(items.map(\.key) == ["b.jpg", "training-images/a.jpg"])
        #expect(items[1].imagePath == dataset + "/training-images/a.jpg")
        #expect(items[1].truth?.maskPath == dataset + "/mask-images/a.png")
        // --path-map first: its relative NEW resolves against --base too.
        #expect(items[0].imagePath == dataset + "/mapped/b.jpg")
    }

    @Test func baseAppliesToJSONLinesLists() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let list = root.appendingPathComponent("lists/batch.jsonl")
        try touch(list, #"{"image": "images/x.jpg", "result": "results/x.json"}"#)
        let items = try ReportInputs(baseDirectory: root.path).items(for: [list.path])
        #expect(items.first?.imagePath == root.path + "/images/x.jpg")
        #expect(items.first?.result == .file(root.path + "/results/x.json"))
    }

    @Test func aResultBesideTheImageWinsOverOneUnderResults() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["images/a.jpg", "images/a.json", "results/a.json", "images/b.jpg", "results/b.json"] {
            try touch(root.appendingPathComponent(name))
        }
        let results = root.appendingPathComponent("results").path
        let items = try ReportInputs(resultsDirectory: results).items(for: [root.appendingPathComponent("images").path])
        #expect(items.map(\.key) == ["a.jpg", "b.jpg"])
        #expect(items[0].result == .file(root.path + "/images/a.json"))
        #expect(items[1].result == .file(results + "/b.json"))
        // An image given by itself looks in both places as well.
        let single = try ReportInputs(resultsDirectory: results).items(for: [root.path + "/images/a.jpg"])
        #expect(single.first?.result == .file(root.path + "/images/a.json"))
        let other = try ReportInputs(resultsDirectory: results).items(for: [root.path + "/images/b.jpg"])
        #expect(other.first?.result == .file(results + "/b.json"))
    }

    @Test func aManifestsResultBesideTheImageWinsOverOneUnderResults() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(
            root.appendingPathComponent("train.manifest"),
            """
            {"source-ref": "images/a.jpg", "anomaly-label": 1}
            {"source-ref": "images/b.jpg", "anomaly-label": 0}
            """)
        for name in ["images/a.jpg", "images/a.json", "results/images/a.json", "images/b.jpg", "results/b.json"] {
            try touch(root.appendingPathComponent(name))
        }
        let results = root.appendingPathComponent("results").path
        let items = try ReportInputs(resultsDirectory: results).items(for: [root.path + "/train.manifest"])
        #expect(items[0].result == .file(root.path + "/images/a.json"))
        #expect(items[1].result == .file(results + "/b.json"))
        #expect(items.allSatisfy { $0.resultExpected })
    }

    @Test func linkedFoldersAreWalkedOnceAndCyclesAreNotFollowed() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(root.appendingPathComponent("images/real/x.jpg"))
        try touch(root.appendingPathComponent("elsewhere/y.jpg"))
        try touch(root.appendingPathComponent("elsewhere/deeper/z.png"))
        let images = root.appendingPathComponent("images").path
        // A link to a folder outside (followed), a second link to the same folder and one to a folder inside
        // (not walked twice), a link back up (a cycle), a dangling link.
        #expect(symlink("../elsewhere", images + "/a-link") == 0)
        #expect(symlink("../elsewhere", images + "/b-link") == 0)
        #expect(symlink("real", images + "/0-alias") == 0)
        #expect(symlink("../..", root.path + "/elsewhere/deeper/up") == 0)
        #expect(symlink("missing", images + "/gone") == 0)
        var warnings: [String] = []
        let items = try ReportInputs().items(for: [images], warnings: &warnings)
        #expect(items.map(\.key) == ["a-link/deeper/z.png", "a-link/y.jpg", "real/x.jpg"])
        #expect(
            warnings == [
                "\(images)/gone: a link to nothing; left out",
                "\(images)/0-alias: a link to \(images)/real, walked already; not walked again",
                "\(images)/b-link: a link to \(images)/a-link, walked already; not walked again",
                "\(images)/a-link/deeper/up: a link back to \(root.path) (a cycle); not followed",
            ])
    }
}
