import Codecs
import Foundation
import Raster
import Testing

@Suite("anomark diff (the built binary)")
struct DiffCLITests {
    /// Writes `image` as PNG into `dir` and returns its path.
    func write(_ image: Pixmap, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(PNG.encode(image)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func pair(in dir: URL) throws -> (String, String) {
        let expected = Pixmap(width: 40, height: 30, fill: Color(r: 100, g: 120, b: 140))
        var actual = expected
        actual[7, 9] = Color(r: 0, g: 0, b: 0)
        return (try write(expected, "expected.png", in: dir), try write(actual, "actual.png", in: dir))
    }

    @Test func identicalImagesExit0() throws {
        let dir = try CLI.tempDir()
        let (e, _) = try pair(in: dir)
        let run = try CLI.run(["diff", e, e])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("PASS"))
    }

    @Test func aOnePixelChangeExits1AndWritesTheDiffImage() throws {
        let dir = try CLI.tempDir()
        let (e, a) = try pair(in: dir)
        let diffPath = dir.appendingPathComponent("diff.png").path
        let run = try CLI.run(["diff", e, a, "--diff", diffPath])
        #expect(run.status == 1)
        #expect(run.stdout.contains("1 px differ > 0 allowed"), "\(run.stdout)")
        let diff = try PNG.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: diffPath))))
        #expect(diff.width == 40 && diff.height == 30)
        #expect(diff[7, 9].r > 200 && diff[7, 9].g < 80, "the changed pixel is red (it got darker)")
    }

    @Test func budgetsAndIgnoreRegionsCanPass() throws {
        let dir = try CLI.tempDir()
        let (e, a) = try pair(in: dir)
        #expect(try CLI.run(["diff", e, a, "--max-diff-pixels", "1"]).status == 0)
        #expect(try CLI.run(["diff", e, a, "--ignore", "5,5,5,5"]).status == 0)
        #expect(try CLI.run(["diff", e, a, "--ignore", "20,20,5,5"]).status == 1)
    }

    @Test func jsonCarriesTheEffectiveOptions() throws {
        let dir = try CLI.tempDir()
        let (e, a) = try pair(in: dir)
        let run = try CLI.run(["diff", e, a, "--json", "--threshold", "0.1", "--antialiasing"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["differingPixels"] as? Int == 1)
        let options = try #require(object["options"] as? [String: Any])
        #expect(options["threshold"] as? Double == 0.1)
        #expect(options["detectAntialiasing"] as? Bool == true)
    }

    @Test func compositeIsThreeImagesWide() throws {
        let dir = try CLI.tempDir()
        let (e, a) = try pair(in: dir)
        let out = dir.appendingPathComponent("c.png").path
        #expect(try CLI.run(["diff", e, a, "--diff", out, "--composite"]).status == 1)
        let composite = try PNG.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(composite.width > 3 * 40 && composite.height >= 30)
    }

    @Test func sizesDifferingExit2() throws {
        let dir = try CLI.tempDir()
        let (e, _) = try pair(in: dir)
        let other = try write(Pixmap(width: 41, height: 30, fill: .white), "other.png", in: dir)
        let run = try CLI.run(["diff", e, other])
        #expect(run.status == 2)
        #expect(run.stdout.contains("40×30") && run.stdout.contains("41×30"))
    }

    @Test func badInputExits64To66WithOneLine() throws {
        let dir = try CLI.tempDir()
        let (e, _) = try pair(in: dir)
        let text = dir.appendingPathComponent("t.png").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        let missing = dir.appendingPathComponent("missing.png").path
        for (arguments, status) in [
            (["diff", e, missing], Int32(66)), (["diff", e, text], 65), (["diff", e, e, "--threshold", "3"], 64),
            (["diff", e, e, "--ignore", "1,2,3"], 64), (["diff", e], 64),
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("error: "), "\(run.stderr)")
        }
    }
}

/// `anomark diff EXPECTED_DIR ACTUAL_DIR` end to end: lines, exit codes, usage errors.
@Suite("diff folders CLI")
struct DiffFoldersCLITests {
    @Test("lines per non-passed item, a count line, exit 1; usage errors are 64")
    func folders() throws {
        let root = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let e = root.appendingPathComponent("e")
        let a = root.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: e, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        let golden = CLI.repo.appendingPathComponent("golden/annotate/panel-64x64.png")
        try FileManager.default.copyItem(at: golden, to: e.appendingPathComponent("p.png"))
        try FileManager.default.copyItem(at: golden, to: a.appendingPathComponent("p.png"))
        try FileManager.default.copyItem(at: golden, to: a.appendingPathComponent("new\nline.png"))
        let junit = root.appendingPathComponent("j.xml")
        let run = try CLI.run(["diff", e.path, a.path, "--quiet", "--junit", junit.path])
        #expect(run.status == 1)
        #expect(run.stdout == "new      new\\u{a}line.png\n2 images: 1 passed, 0 changed, 1 new, 0 deleted, 0 failed\n")
        #expect(try String(contentsOf: junit, encoding: .utf8).contains("tests=\"2\" failures=\"1\" errors=\"0\""))
        let usage = try CLI.run(["diff", e.path, a.path, "--diff", "x.png"])
        #expect(usage.status == 64)
        let pairWithOutput = try CLI.run([
            "diff", golden.path, golden.path, "-o", root.appendingPathComponent("r").path,
        ])
        #expect(pairWithOutput.status == 64)
        #expect(pairWithOutput.stderr.hasPrefix("error: -o needs two folders (EXPECTED_DIR ACTUAL_DIR)"))
    }
}
