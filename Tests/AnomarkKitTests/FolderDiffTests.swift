import AnomarkKit
import Codecs
import Foundation
import GoldenImage
import PageAssets
import Raster
import TestSupport
import Testing

/// `anomark diff EXPECTED_DIR ACTUAL_DIR` through the library: pairing, statuses, overrides, outputs.
@Suite("Folder diff")
struct FolderDiffTests {
    static func image(_ seed: UInt8, width: Int = 8, height: Int = 6) -> Pixmap {
        var p = Pixmap(width: width, height: height, fill: Color(r: seed, g: 100, b: 200))
        p[1, 1] = .black
        return p
    }

    static func write(_ image: Pixmap, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(try PNG.encode(image)).write(to: url)
    }

    /// e/ and a/ with one item of every status, plus a link out of the tree and a FIFO (both skipped).
    static func fixture() throws -> URL {
        let root = try TestFiles.tempDir()
        let e = root.appendingPathComponent("e")
        let a = root.appendingPathComponent("a")
        for dir in [e, a] {
            try write(image(1), dir.appendingPathComponent("same.png"))
            try write(image(2), dir.appendingPathComponent("deep/er/same <2>.png"))
        }
        try write(image(3), e.appendingPathComponent("changed.png"))
        var changed = image(3)
        changed[4, 4] = .white
        try write(changed, a.appendingPathComponent("changed.png"))
        try write(image(4), e.appendingPathComponent("resized.png"))
        try write(image(4, width: 9), a.appendingPathComponent("resized.png"))
        try write(image(5), a.appendingPathComponent("new.png"))
        try write(image(6), e.appendingPathComponent("gone.png"))
        try Data("not an image".utf8).write(to: e.appendingPathComponent("broken.png"))
        try write(image(7), a.appendingPathComponent("broken.png"))
        try Data("ignored".utf8).write(to: e.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: a.appendingPathComponent("escape.png").path,
            withDestinationPath: e.appendingPathComponent("same.png").path)
        mkfifo(a.appendingPathComponent("fifo.png").path, 0o644)
        return root
    }

    @Test("every status, size change as changed, links out of the tree and special files skipped")
    func statuses() throws {
        let root = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let job = FolderDiffJob(
            expectedDirectory: root.appendingPathComponent("e").path,
            actualDirectory: root.appendingPathComponent("a").path,
            jobs: 2, progress: .quiet)
        let outcome = try job.run()
        let statuses = Dictionary(uniqueKeysWithValues: outcome.items.map { ($0.path, $0.status) })
        #expect(
            statuses == [
                "broken.png": .failed, "changed.png": .changed, "deep/er/same <2>.png": .passed, "gone.png": .deleted,
                "new.png": .new, "resized.png": .changed, "same.png": .passed,
            ])
        #expect(outcome.exitStatus == 1)
        #expect(outcome.countLine == "7 images: 2 passed, 2 changed, 1 new, 1 deleted, 1 failed")
        #expect(outcome.lines.count == 5)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.json.utf8)) as! [String: Any]
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(
            (json["counts"] as? [String: Int]) == [
                "passed": 2, "changed": 2, "new": 1, "deleted": 1, "failed": 1, "total": 7,
            ])
        let items = json["items"] as! [[String: Any]]
        let same = items.first { $0["path"] as? String == "same.png" }!
        #expect(same["psnr"] is NSNull)
        let change = items.first { $0["path"] as? String == "changed.png" }!
        #expect(change["differingPixels"] as? Int == 1)
        #expect((change["changedBounds"] as? [String: Int]) == ["x": 4, "y": 4, "width": 1, "height": 1])
        #expect(outcome.junit.components(separatedBy: "<testcase ").count - 1 == 7)
        #expect(outcome.junit.contains("tests=\"7\" failures=\"4\" errors=\"1\""))
        #expect(outcome.junit.contains("name=\"deep/er/same &lt;2&gt;.png\""))
    }

    @Test("failed items only: exit 2; all passed: exit 0")
    func exitStatuses() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e")
        let a = root.appendingPathComponent("a")
        try Self.write(Self.image(1), e.appendingPathComponent("x.png"))
        try Self.write(Self.image(1), a.appendingPathComponent("x.png"))
        let job = FolderDiffJob(expectedDirectory: e.path, actualDirectory: a.path, progress: .quiet)
        #expect(try job.run().exitStatus == 0)
        try Data([0x89, 0x50]).write(to: a.appendingPathComponent("y.png"))
        try Data([0x89, 0x50]).write(to: e.appendingPathComponent("y.png"))
        #expect(try job.run().exitStatus == 2)
    }

    @Test("anomark-diff.json loosens one path; --config replaces it; a bad one is refused naming file and path")
    func overrides() throws {
        let root = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e")
        try Data(#"{"version": 1, "overrides": [{"path": "chan*.png", "maxDiffPixels": 1}]}"#.utf8)
            .write(to: e.appendingPathComponent("anomark-diff.json"))
        var job = FolderDiffJob(
            expectedDirectory: e.path, actualDirectory: root.appendingPathComponent("a").path, progress: .quiet)
        let item = try job.run().items.first { $0.path == "changed.png" }!
        #expect(item.status == .passed)
        #expect(item.options.maxDiffPixels == 1)
        let bad = root.appendingPathComponent("bad.json")
        try Data(#"{"version": 1, "overrides": [{"path": "a", "threshold": true}]}"#.utf8).write(to: bad)
        job.configPath = bad.path
        #expect(throws: AnomarkError(.badData, file: bad.path, "$.overrides[0].threshold: expected a number")) {
            try job.run()
        }
    }

    @Test("the review folder holds its own images and diff images, and may not be inside an input")
    func review() throws {
        let root = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e").path
        let a = root.appendingPathComponent("a").path
        let review = root.appendingPathComponent("out/review")
        let job = FolderDiffJob(
            expectedDirectory: e, actualDirectory: a, reviewDirectory: review.path, progress: .quiet)
        let outcome = try job.run()
        let fm = FileManager.default
        for path in [
            "index.html", "expected/same.png", "actual/same.png", "actual/new.png", "expected/gone.png",
            "diff/changed.png.png", "diff/resized.png.png", "expected/deep/er/same <2>.png",
        ] {
            #expect(fm.fileExists(atPath: review.appendingPathComponent(path).path), "\(path)")
        }
        #expect(outcome.items.first { $0.path == "changed.png" }?.diffImage == "diff/changed.png.png")
        let inside = FolderDiffJob(
            expectedDirectory: e, actualDirectory: a, reviewDirectory: e + "/sub/review", progress: .quiet)
        #expect(throws: AnomarkError.self) { try inside.run() }
        #expect(!fm.fileExists(atPath: e + "/sub"))
    }
}

/// The review page: hostile file names stay data.
@Suite("Diff review page")
struct DiffReviewPageTests {
    @Test(
        "names with </script>, quotes and U+2028 (in folders, too) cannot leave the data block; links are percent-encoded"
    )
    func hostileNames() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e")
        let a = root.appendingPathComponent("a")
        let name = "x</script><script>alert(1)</script>'\"\u{2028}#?.png"
        try FolderDiffTests.write(FolderDiffTests.image(1), e.appendingPathComponent(name))
        var other = FolderDiffTests.image(1)
        other[0, 0] = .white
        try FolderDiffTests.write(other, a.appendingPathComponent(name))
        let review = root.appendingPathComponent("review")
        let outcome = try FolderDiffJob(
            expectedDirectory: e.path, actualDirectory: a.path, reviewDirectory: review.path, progress: .quiet
        ).run()
        #expect(outcome.items.map(\.status) == [.changed])
        let html = try String(contentsOf: review.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        #expect(!html.contains("alert(1)</"))
        #expect(!html.contains("\u{2028}"))
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        let items = (json as? [String: Any])?["items"] as? [[String: Any]]
        #expect(items?.first?["p"] as? String == name)
        #expect(
            (items?.first?["e"] as? String)?.hasPrefix(
                "expected/x%3C/script%3E%3Cscript%3Ealert%281%29%3C/script%3E%27%22%E2%80%A8%23%3F.png") == true)
    }
}

extension DiffReviewPageTests {
    @Test("the page inlines PageAssets' lightbox once and drives it; each item's images are files of the folder")
    func sharedLightbox() throws {
        let root = try FolderDiffTests.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let review = root.appendingPathComponent("review")
        _ = try FolderDiffJob(
            expectedDirectory: root.appendingPathComponent("e").path,
            actualDirectory: root.appendingPathComponent("a").path, reviewDirectory: review.path, progress: .quiet
        ).run()
        let html = try String(contentsOf: review.appendingPathComponent("index.html"), encoding: .utf8)
        for asset in [PageAssets.lightboxScript, PageAssets.lightboxStyle] {
            #expect(html.components(separatedBy: asset).count == 2)
        }
        // One definition (the asset's, no copy), and the page's own script calls it.
        #expect(html.components(separatedBy: "function Lightbox(").count == 2)
        let calls = html.components(separatedBy: "Lightbox(").count - 1
        #expect(calls > PageAssets.lightboxScript.components(separatedBy: "Lightbox(").count - 1)
        #expect(html.contains("<td>f or Enter</td>"))
        #expect(html.contains("id=\"full\""))

        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        let items = try #require((json as? [String: Any])?["items"] as? [[String: Any]])
        func urls(_ path: String) throws -> [String: String] {
            let item = try #require(items.first { $0["p"] as? String == path })
            return item.compactMapValues { $0 as? String }.filter { ["e", "a", "d"].contains($0.key) }
        }
        let changed = try urls("changed.png")
        #expect(Set(changed.keys) == ["e", "a", "d"])
        #expect(Set(try urls("new.png").keys) == ["a"])
        #expect(Set(try urls("gone.png").keys) == ["e"])
        #expect(try urls("broken.png").isEmpty)
        for url in changed.values {
            let path = try #require(url.removingPercentEncoding)
            #expect(FileManager.default.fileExists(atPath: review.appendingPathComponent(path).path), "\(url)")
        }
    }
}

/// `--approve`: goldens replaced only inside EXPECTED_DIR, only what was selected.
@Suite("Folder approve")
struct FolderApproveTests {
    @Test("globs select; changed and new copied, deleted removed only with prune; passed and failed untouched")
    func approve() throws {
        let root = try FolderDiffTests.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e")
        let a = root.appendingPathComponent("a")
        let brokenBefore = try Data(contentsOf: e.appendingPathComponent("broken.png"))
        var job = FolderDiffJob(
            expectedDirectory: e.path, actualDirectory: a.path, progress: .quiet,
            approval: try FolderApproval(globs: ["chan*.png", "gone.png"], prune: false))
        let first = try job.run()
        #expect(first.approvals.map(\.line) == ["approved changed changed.png"])
        #expect(
            try Data(contentsOf: e.appendingPathComponent("changed.png"))
                == Data(contentsOf: a.appendingPathComponent("changed.png")))
        #expect(first.exitStatus == 1)
        job.approval = try FolderApproval(globs: [], prune: true)
        let second = try job.run()
        #expect(
            second.approvals.map(\.line) == [
                "removed deleted gone.png", "approved new new.png", "approved changed resized.png",
            ])
        #expect(!FileManager.default.fileExists(atPath: e.appendingPathComponent("gone.png").path))
        #expect(try Data(contentsOf: e.appendingPathComponent("broken.png")) == brokenBefore)
        #expect(second.exitStatus == 2)
        job.approval = nil
        #expect(try job.run().items.filter { $0.status != .passed }.map(\.path) == ["broken.png"])
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: e.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a new golden is never written through a symbolic link out of EXPECTED_DIR")
    func noEscape() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e")
        let a = root.appendingPathComponent("a")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FolderDiffTests.write(FolderDiffTests.image(1), a.appendingPathComponent("sub/new.png"))
        try FileManager.default.createDirectory(at: e, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: e.appendingPathComponent("sub"), withDestinationURL: outside)
        let outcome = try FolderDiffJob(
            expectedDirectory: e.path, actualDirectory: a.path, progress: .quiet,
            approval: try FolderApproval(globs: [], prune: false)
        ).run()
        #expect(outcome.approvals.first?.problem?.contains("is not a folder") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(outcome.exitStatus == 1)
    }
}
