import Codecs
import Foundation
import Raster
import Testing

/// Issue 13's smaller fixes, each as a user meets it: output names we cannot write, usage errors that say
/// where to read more, `--font-size` checked against the image, empty names, lenient JPEG decoding.
@Suite("anomark: small fixes of issue 13")
struct SmallFixesCLITests {
    static let photo = CLI.sample("normal-1.jpg")
    static let result = CLI.sample("results/normal-1.json")

    @Test("an output extension we do not write is exit 64, nothing written", arguments: ["out.gif", "out.PNG.webp"])
    func unknownExtension(_ name: String) throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent(name).path
        let run = try CLI.run(["annotate", Self.photo, Self.result, "-o", out])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderrLines.count == 1 && run.stderr.contains("PNG (.png) or JPEG (.jpg, .jpeg)"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix(" (see 'anomark annotate --help')\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aNameWithoutExtensionIsPNGUnlessOutputFormatSaysOtherwise() throws {
        let dir = try CLI.tempDir()
        let plain = dir.appendingPathComponent("annotated").path
        #expect(try CLI.run(["annotate", Self.photo, Self.result, "-o", plain]).status == 0)
        #expect(try ImageFormat.sniff(Array(Data(contentsOf: URL(fileURLWithPath: plain)))) == .png)
        let jpeg = dir.appendingPathComponent("annotated-jpeg").path
        let run = try CLI.run(["annotate", Self.photo, Self.result, "-o", jpeg, "--output-format", "jpg"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try ImageFormat.sniff(Array(Data(contentsOf: URL(fileURLWithPath: jpeg)))) == .jpeg)
        let clash = try CLI.run([
            "annotate", Self.photo, Self.result, "-o", dir.appendingPathComponent("a.png").path, "--output-format",
            "jpg",
        ])
        #expect(clash.status == 64 && clash.stderr.contains("--output-format is jpg"), "\(clash.stderr)")
    }

    @Test(
        "usage errors end with the subcommand's help on the same line",
        arguments: [
            (["annotate", "x.jpg", "r.json", "--opacity", "3"], "annotate"), (["diff", "a.png"], "diff"),
            (["report"], "report"), (["--frob"], nil),
        ])
    func usageHint(_ arguments: [String], _ subcommand: String?) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 64)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        let hint = subcommand.map { "see 'anomark \($0) --help'" } ?? "see 'anomark --help'"
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.hasSuffix("(\(hint))\n"), "\(run.stderr)")
    }

    @Test func aFontSizeTooLargeForTheImageIsExit64WithTheRange() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("o.png").path
        let run = try CLI.run(["annotate", Self.photo, Self.result, "-o", out, "--font-size", "97"])
        #expect(run.status == 64)
        #expect(run.stderrLines.count == 1 && run.stderr.contains("must be in 8...96"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let absurd = try CLI.run(["annotate", Self.photo, Self.result, "-o", out, "--font-size", "500"])
        #expect(absurd.status == 64 && absurd.stderr.contains("8...200"), "\(absurd.stderr)")
        #expect(try CLI.run(["annotate", Self.photo, Self.result, "-o", out, "--font-size", "96"]).status == 0)
    }

    @Test func reportRefusesAFontSizeOutsideTheLimitsForTheWholeRun() throws {
        let dir = try CLI.tempDir()
        let run = try CLI.run([
            "report", CLI.sample(""), "--output", dir.appendingPathComponent("r").path, "--font-size", "500",
        ])
        #expect(run.status == 64 && run.stderr.contains("8...200"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r").path))
    }

    @Test func anEmptyClassNameIsDrawnUnnamedWithAWarning() throws {
        let dir = try CLI.tempDir()
        let result = dir.appendingPathComponent("r.json")
        try Data(
            """
            {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
              {"Name": "", "PixelAnomaly": {"TotalPercentageArea": 0.05, "Color": "#FF0000"}}]}
            """.utf8
        ).write(to: result)
        let run = try CLI.run([
            "annotate", Self.photo, result.path, "-o", dir.appendingPathComponent("o.png").path, "--summary", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderrLines.count == 1 && run.stderr.contains("empty Name, drawn in the legend as (unnamed)"))
        #expect(run.stdout.contains("(unnamed)"), "the legend line as drawn")
    }

    @Test func lenientJPEGWarnsWhenItFilledATruncatedFile() throws {
        let dir = try CLI.tempDir()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.photo))
        let truncated = dir.appendingPathComponent("cut.jpg")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let out = dir.appendingPathComponent("o.png").path
        let strict = try CLI.run(["annotate", truncated.path, Self.result, "-o", out])
        #expect(strict.status == 65)
        let lenient = try CLI.run(["annotate", truncated.path, Self.result, "-o", out, "--lenient-jpeg"])
        #expect(lenient.status == 0)
        #expect(lenient.stderrLines.count == 1, "\(lenient.stderr)")
        #expect(lenient.stderr.hasPrefix("warning: \(truncated.path): truncated or corrupt JPEG"), "\(lenient.stderr)")
        let whole = try CLI.run(["annotate", Self.photo, Self.result, "-o", out, "--lenient-jpeg"])
        #expect(whole.status == 0 && whole.stderr.isEmpty, "a whole file gets no warning")
    }

    @Test func classColorNamingNoAnomalyOfTheResultWarns() throws {
        let dir = try CLI.tempDir()
        let run = try CLI.run([
            "annotate", CLI.sample("anomaly-1.jpg"), CLI.sample("results/anomaly-1.json"), "-o",
            dir.appendingPathComponent("o.png").path, "--class-color", "cracked=#FF00FF", "--class-color",
            "scratch=#00FFFF",
        ])
        #expect(run.status == 0)
        #expect(run.stderrLines.count == 1 && run.stderr.contains("--class-color scratch:"), "\(run.stderr)")
        let bad = try CLI.run(["annotate", Self.photo, Self.result, "--class-color", "cracked"])
        #expect(bad.status == 64 && bad.stderr.contains("NAME=#RRGGBB"), "\(bad.stderr)")
    }
}
