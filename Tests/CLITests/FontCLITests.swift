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

    @Test func aFontThatIsNotAFontIsExit65AndAMissingOneExit66() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("out.png")
        let notAFont = dir.appendingPathComponent("notes.ttf")
        try Data("not a font\n".utf8).write(to: notAFont)
        let bad = try CLI.run(["annotate", Self.image, Self.result, "--font", notAFont.path, "-o", output.path])
        #expect(bad.status == 65, "\(bad.stderr)")
        #expect(bad.stderrLines.count == 1)
        #expect(bad.stderr.hasPrefix("error: \(notAFont.path): cannot load font"))
        let missing = dir.appendingPathComponent("missing.ttf")
        let gone = try CLI.run(["annotate", Self.image, Self.result, "--font", missing.path, "-o", output.path])
        #expect(gone.status == 66, "\(gone.stderr)")
        #expect(gone.stderr.hasPrefix("error: \(missing.path): "))
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

    /// A copy of the sample result with the defect class renamed.
    static func result(named name: String, in dir: URL, file: String = "result.json") throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.result))
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"cracked\"", with: "\"\(name)\"")
        let url = dir.appendingPathComponent(file)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A fontconfig configuration (for FONTCONFIG_FILE) whose only font folder is `fonts/subsets`.
    static func subsetsConfiguration(in dir: URL) throws -> String {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <fontconfig><dir>\(CLI.repo.appendingPathComponent("fonts/subsets").path)</dir></fontconfig>
            """
        let url = dir.appendingPathComponent("fonts.conf")
        try Data(xml.utf8).write(to: url)
        return url.path
    }

    /// Reproduces issue 13 on the command line: a Japanese class name, no font for it. One warning, naming the
    /// image and every character.
    @Test func missingCharactersAreOneWarningNamingTheImage() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.result(named: "ひび割れ", in: dir)
        let run = try CLI.run(
            ["annotate", Self.image, result, "-o", dir.appendingPathComponent("out.png").path, "--no-system-fonts"])
        #expect(run.status == 0)
        #expect(
            run.stderrLines == [
                "warning: \(Self.image): no font has a glyph for U+3072 'ひ', U+3073 'び', U+308C 'れ', U+5272 '割'; "
                    + "drawn as missing-glyph boxes"
            ])
    }

    /// The bar through the command line: installed fonts (here only the Noto subsets, through fontconfig's own
    /// FONTCONFIG_FILE) fill in what the bundled font lacks, and nothing is reported missing.
    @Test func installedFontsDrawWhatTheBundledFontLacks() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.result(named: "ひび割れ", in: dir)
        let boxes = dir.appendingPathComponent("boxes.png")
        let drawn = dir.appendingPathComponent("drawn.png")
        let environment = ["FONTCONFIG_FILE": try Self.subsetsConfiguration(in: dir)]
        let a = try CLI.run(
            ["annotate", Self.image, result, "-o", boxes.path, "--no-system-fonts"], environment: environment)
        let b = try CLI.run(["annotate", Self.image, result, "-o", drawn.path], environment: environment)
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stderrLines.count == 1)
        #expect(b.stderr.isEmpty, "\(b.stderr)")
        #expect(try Self.pixels(boxes) != Self.pixels(drawn))
    }

    @Test func reportNamesEveryImageWithMissingCharacters() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let images = dir.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        for (stem, name) in [("a", "ひび"), ("b", "cracked"), ("c", "割れ")] {
            try FileManager.default.copyItem(
                atPath: Self.image, toPath: images.appendingPathComponent("\(stem).jpg").path)
            _ = try Self.result(named: name, in: images, file: "\(stem).json")
        }
        let run = try CLI.run(
            ["report", images.path, "-o", dir.appendingPathComponent("out").path, "--quiet", "--no-system-fonts"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderrLines == [
                "warning: no font has a glyph for U+3072 'ひ', U+3073 'び', U+308C 'れ', U+5272 '割' (in a.jpg, c.jpg); "
                    + "drawn as missing-glyph boxes"
            ])
    }

    @Test func helpDocumentsNoSystemFonts() throws {
        let run = try CLI.run(["report", "--help"])
        #expect(run.stdout.contains("--no-system-fonts"))
    }
}
