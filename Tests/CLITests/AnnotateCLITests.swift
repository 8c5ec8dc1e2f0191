import Codecs
import Foundation
import Raster
import Testing

@Suite("anomark annotate (the built binary)")
struct AnnotateCLITests {
    let image = CLI.sample("anomaly-1.jpg")
    let result = CLI.sample("results/anomaly-1.json")

    @Test func annotatesTheBundledSample() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("out.png").path
        let run = try CLI.run(["annotate", image, result, "-o", out])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let png = try PNG.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(png.width == 576 && png.height == 768)
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.png"])
    }

    /// `--input-format` names a registered format; the same picture comes out whether it is named or sniffed.
    @Test func inputFormatNamesARegisteredFormat() throws {
        let dir = try CLI.tempDir()
        let named = dir.appendingPathComponent("named.png").path
        let sniffed = dir.appendingPathComponent("sniffed.png").path
        #expect(try CLI.run(["annotate", image, result, "--input-format", "lookout", "-o", named]).status == 0)
        #expect(try CLI.run(["annotate", image, result, "-o", sniffed]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: named)) == Data(contentsOf: URL(fileURLWithPath: sniffed)))
        let bad = try CLI.run(["annotate", image, result, "--input-format", "Lookout", "-o", named])
        #expect(bad.status == 64)
        #expect(
            bad.stderr.contains("--input-format takes auto, lookout, dda, anomaly-map, got 'Lookout'"), "\(bad.stderr)")
    }

    @Test func defaultOutputIsTheImageStemInTheCurrentDirectory() throws {
        let dir = try CLI.tempDir()
        let run = try CLI.run(["annotate", image, result], in: dir)
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("anomaly-1.annotated.png").path))
    }

    @Test func readsTheResultFromStandardInput() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("stdin.png").path
        let json = try Data(contentsOf: URL(fileURLWithPath: CLI.sample("results/normal-1.json")))
        let run = try CLI.run(["annotate", CLI.sample("normal-1.jpg"), "-", "-o", out], stdin: json)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func aJpgOutputWritesJPEG() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("out.jpg").path
        #expect(try CLI.run(["annotate", image, result, "-o", out]).status == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(try ImageFormat.sniff(bytes) == .jpeg)
    }

    @Test func summaryJSONReportsReportedAndMeasuredAreas() throws {
        let dir = try CLI.tempDir()
        let run = try CLI.run([
            "annotate", image, result, "-o", dir.appendingPathComponent("o.png").path, "--summary", "json",
        ])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let anomalies = try #require(object?["anomalies"] as? [[String: Any]])
        #expect(anomalies.count == 1)
        #expect(anomalies.first?["name"] as? String == "cracked")
        let reported = try #require(anomalies.first?["reportedArea"] as? Double)
        let measured = try #require(anomalies.first?["measuredArea"] as? Double)
        #expect(abs(reported - 0.018546) < 1e-9)
        #expect(abs(measured - reported) < 0.01)
    }

    @Test func helpShowsAnExample() throws {
        let run = try CLI.run(["annotate", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("anomark annotate samples/cookies/anomaly-1.jpg"))
    }

    @Test(
        "usage errors exit 64 with one line",
        arguments: [
            ["annotate"], ["annotate", "a.jpg"], ["annotate", "a.jpg", "r.json", "--opacity", "2"],
            ["annotate", "a.jpg", "r.json", "--text-color", "#12345"], ["annotate", "a.jpg", "r.json", "--bogus"],
            ["frobnicate"],
        ])
    func usageErrors(_ arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 64)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("error: "))
    }
}
