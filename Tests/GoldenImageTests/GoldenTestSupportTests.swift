import AnomarkTesting
import Codecs
import Foundation
import GoldenImage
import Raster
import Testing

/// The golden workflow against a temporary directory (never the repository's goldens).
@Suite("GoldenTestSupport")
struct GoldenTestSupportTests {
    /// A fresh root with `golden/` and `.build/golden-failures/` inside, removed by `cleanUp`.
    static func scratch() -> GoldenFiles {
        GoldenFiles(root: FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID())"))
    }

    static func cleanUp(_ files: GoldenFiles) {
        try? FileManager.default.removeItem(at: files.root)
    }

    @Test("goldens belong to the package of the calling test: the nearest folder with a Package.swift")
    func goldensOfTheCallersPackage() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        #expect(GoldenFiles.package(containing: #filePath).goldenDirectory.path == repo.path + "/golden")
        // A package of an adopter: its own golden/, wherever its test files sit below Package.swift.
        let files = Self.scratch()
        defer { Self.cleanUp(files) }
        let test = files.root.appendingPathComponent("Tests/AppTests/deep")
        try FileManager.default.createDirectory(at: test, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: files.root.appendingPathComponent("Package.swift").path, contents: nil)
        let found = GoldenFiles.package(containing: test.appendingPathComponent("AppTests.swift").path)
        #expect(found.goldenDirectory.path == files.root.path + "/golden")
        #expect(found.failureDirectory.path == files.root.path + "/.build/golden-failures")
    }

    static func decode(_ url: URL) throws -> Pixmap {
        try PNG.decode([UInt8](try Data(contentsOf: url)))
    }

    func exists(_ files: GoldenFiles, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: files.root.appendingPathComponent(relative).path)
    }

    @Test("missing golden fails and writes the actual image")
    func missing() throws {
        let files = Self.scratch()
        defer { Self.cleanUp(files) }
        let image = TestImages.pattern(9, 7)
        let outcome = GoldenCheck.run(image, "suite/case", tolerance: .exact, files: files, record: false)
        guard case .missing(let path, let actual) = outcome else {
            Issue.record("expected .missing, got \(outcome)")
            return
        }
        #expect(path == "golden/suite/case.png")
        #expect(actual == ".build/golden-failures/suite/case.actual.png")
        #expect(try Self.decode(files.root.appendingPathComponent(actual!)) == image)
        #expect(outcome.failureMessage?.contains("no golden image golden/suite/case.png") == true)
    }

    @Test("recording writes the golden and fails; then the same image matches")
    func recordThenMatch() throws {
        let files = Self.scratch()
        defer { Self.cleanUp(files) }
        let image = TestImages.pattern(12, 5)
        let recorded = GoldenCheck.run(image, "suite/rec", tolerance: .exact, files: files, record: true)
        #expect(recorded.failureMessage?.hasPrefix("recorded golden/suite/rec.png, check it in") == true)
        #expect(try Self.decode(files.goldenDirectory.appendingPathComponent("suite/rec.png")) == image)

        let again = GoldenCheck.run(image, "suite/rec", tolerance: .exact, files: files, record: false)
        guard case .matched(let result) = again else {
            Issue.record("expected .matched, got \(again)")
            return
        }
        #expect(result.differingPixels == 0)
        #expect(again.failureMessage == nil)
    }

    @Test("a mismatch writes actual, diff and composite and names them with the summary")
    func mismatch() throws {
        let files = Self.scratch()
        defer { Self.cleanUp(files) }
        let expected = TestImages.solid(10, 8, .white)
        _ = GoldenCheck.run(expected, "s/m", tolerance: .exact, files: files, record: true)
        let actual = TestImages.changed(expected, at: [(4, 4)], to: .black)
        let outcome = GoldenCheck.run(actual, "s/m", tolerance: .exact, files: files, record: false)
        guard case .mismatch(_, let result, let written) = outcome else {
            Issue.record("expected .mismatch, got \(outcome)")
            return
        }
        let prefix = ".build/golden-failures/s/m"
        #expect(written == ["\(prefix).actual.png", "\(prefix).diff.png", "\(prefix).composite.png"])
        #expect(try Self.decode(files.root.appendingPathComponent(written[0])) == actual)
        let diff = try Self.decode(files.root.appendingPathComponent(written[1]))
        #expect(diff[4, 4] == DiffImage.Options().darkerColor)
        let composite = try Self.decode(files.root.appendingPathComponent(written[2]))
        #expect(composite.width == 3 * 10 + 2 * 4 && composite.height == 8)
        let message = try #require(outcome.failureMessage)
        #expect(message.contains(result.summary))
        #expect(message.contains("1 px differ > 0 allowed"))
        for path in written { #expect(message.contains(path)) }

        // Within a tolerance the same image passes, and the stale failure images are removed.
        let tolerant = GoldenCheck.run(
            actual, "s/m", tolerance: .perceptual(threshold: 0.1, antialiasing: true, maxDiffPixels: 1),
            files: files, record: false)
        #expect(tolerant.failureMessage == nil)
        for path in written { #expect(!exists(files, path)) }
    }

    @Test(
        "invalid names are rejected",
        arguments: ["case", "suite/", "/case", "a/../b", "a/b.png", "a/b c", "a//b", "suite/ümlaut"])
    func invalidName(name: String) {
        let files = Self.scratch()
        defer { Self.cleanUp(files) }
        let outcome = GoldenCheck.run(TestImages.pattern(2, 2), name, tolerance: .exact, files: files, record: true)
        guard case .failed(.invalidName(let given, _)) = outcome else {
            Issue.record("expected .invalidName, got \(outcome)")
            return
        }
        #expect(given == name)
        #expect(!exists(files, "golden"))
    }

    @Test("expectMatchesGolden records an issue on mismatch and none on match")
    func expectation() {
        let files = Self.scratch()
        defer { Self.cleanUp(files) }
        let image = TestImages.pattern(6, 6)
        withKnownIssue {
            expectMatchesGolden(image, "e/x", tolerance: .exact, files: files, record: true)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("recorded golden/e/x.png, check it in") }
        }
        expectMatchesGolden(image, "e/x", tolerance: .exact, files: files, record: false)
        withKnownIssue {
            expectMatchesGolden(
                TestImages.solid(6, 6, .black), "e/x", tolerance: .channels(maxDelta: 3), files: files,
                record: false)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("golden/e/x.png does not match") }
        }
    }

    @Test("tolerances describe themselves")
    func toleranceDescription() {
        #expect(GoldenTolerance.exact.description == "exact")
        #expect(
            GoldenTolerance.perceptual(threshold: 0.1, antialiasing: true, maxDiffPixels: 20).description
                == "YIQ 0.1, anti-aliasing, ≤ 20 px")
        #expect(GoldenTolerance.channels(maxDelta: 2).description == "channel Δ ≤ 2, ≤ 0 px")
    }
}

/// A real golden: the diff image of a fixed synthetic comparison, integer-rendered, so exact.
@Suite("Diff image golden")
struct DiffImageGoldenTests {
    @Test("diff image of edge shift, real change and ignore region")
    func diffGolden() {
        let expected = TestImages.edge(48, 32, nx: 0.9, ny: 0.3, d: 20)
        var actual = TestImages.edge(48, 32, nx: 0.9, ny: 0.3, d: 20.3)
        actual.fill(Rect(x: 30, y: 6, width: 4, height: 3), with: .black)
        actual.fill(Rect(x: 4, y: 24, width: 3, height: 3), with: .white)
        actual.fill(Rect(x: 38, y: 22, width: 6, height: 6), with: .red)
        let options = CompareOptions(
            threshold: 0.1, detectAntialiasing: true, ignoreRegions: [Rect(x: 36, y: 20, width: 10, height: 10)])
        let result = ImageComparison.compare(expected: expected, actual: actual, options: options)
        #expect(result.differingPixels == 12 + 9)
        let composite = DiffImage.composite(expected: expected, actual: actual, result: result)
        expectMatchesGolden(composite, "golden-image/diff-composite", tolerance: .exact)
    }
}

/// `golden/anomark-diff.json` applies to `expectMatchesGolden` as it does to `anomark diff`.
@Suite("GoldenTestSupport overrides")
struct GoldenOverrideTests {
    @Test("an override loosens one golden, a bad config fails the check naming the file")
    func overrides() throws {
        let files = GoldenTestSupportTests.scratch()
        defer { GoldenTestSupportTests.cleanUp(files) }
        let golden = TestImages.pattern(9, 7)
        var changed = golden
        changed[3, 3] = .black
        _ = GoldenCheck.run(golden, "suite/noisy", tolerance: .exact, files: files, record: true)
        _ = GoldenCheck.run(golden, "suite/strict", tolerance: .exact, files: files, record: true)
        let configURL = files.goldenDirectory.appendingPathComponent("anomark-diff.json")
        try Data(#"{"version": 1, "overrides": [{"path": "suite/noisy.png", "maxDiffPixels": 1}]}"#.utf8)
            .write(to: configURL)
        guard case .matched = GoldenCheck.run(changed, "suite/noisy", tolerance: .exact, files: files, record: false)
        else {
            Issue.record("the override should let one pixel pass")
            return
        }
        guard case .mismatch = GoldenCheck.run(changed, "suite/strict", tolerance: .exact, files: files, record: false)
        else {
            Issue.record("the other golden stays exact")
            return
        }
        try Data(#"{"version": 1, "overrides": [{"path": 3}]}"#.utf8).write(to: configURL)
        let outcome = GoldenCheck.run(changed, "suite/noisy", tolerance: .exact, files: files, record: false)
        #expect(
            outcome.failureMessage
                == "bad golden config golden/anomark-diff.json: $.overrides[0].path: expected a string")
    }
}
