import Codecs
import Foundation
import Raster
import Testing

/// Where the bundled font comes from, seen from the command line (issue 12: fonts found wherever the binary is).
@Suite("CLI fonts")
struct FontCLITests {
    static let image = CLI.sample("anomaly-1.jpg")
    static let result = CLI.sample("results/anomaly-1.json")

    static func pixels(_ url: URL) throws -> Pixmap { try PNG.decode(Array(try Data(contentsOf: url))) }

    @Test func aBinaryCopiedAloneDrawsTheSameText() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Nothing beside the copy: no fonts/ folder, no share/anomark/fonts, no checkout to find.
        let copy = dir.appendingPathComponent("anomark")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let original = dir.appendingPathComponent("original.png")
        let copied = dir.appendingPathComponent("copied.png")
        let a = try CLI.run(
            ["annotate", Self.image, Self.result, "-o", original.path], environment: ["ANOMARK_FONT_DIR": nil])
        let b = try CLI.run(
            ["annotate", Self.image, Self.result, "-o", copied.path], environment: ["ANOMARK_FONT_DIR": nil],
            executable: copy)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(b.stderr.isEmpty)
        #expect(try Self.pixels(original) == Self.pixels(copied))
    }

    @Test func anomarkFontDirWithoutTheFontIsExit66() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("out.png")
        let run = try CLI.run(
            ["annotate", Self.image, Self.result, "-o", output.path], environment: ["ANOMARK_FONT_DIR": dir.path])
        #expect(run.status == 66)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix("error: \(dir.path): font DejaVuSans.ttf not found in \(dir.path)"))
        #expect(run.stderr.contains("ANOMARK_FONT_DIR"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func anomarkFontDirReplacesTheEmbeddedFont() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A different font under the bundled font's name: the panel text must change.
        try FileManager.default.copyItem(
            at: CLI.repo.appendingPathComponent("fonts/subsets/NotoSans-Subset.ttf"),
            to: dir.appendingPathComponent("DejaVuSans.ttf"))
        let embedded = dir.appendingPathComponent("embedded.png")
        let replaced = dir.appendingPathComponent("replaced.png")
        let a = try CLI.run(["annotate", Self.image, Self.result, "-o", embedded.path])
        let b = try CLI.run(
            ["annotate", Self.image, Self.result, "-o", replaced.path], environment: ["ANOMARK_FONT_DIR": dir.path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(try Self.pixels(embedded) != Self.pixels(replaced))
    }

    @Test func helpDocumentsTheFontOrder() throws {
        let run = try CLI.run(["annotate", "--help"])
        let help = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("ANOMARK_FONT_DIR"))
        #expect(help.contains("<prefix>/share/anomark/fonts/"))
    }
}
