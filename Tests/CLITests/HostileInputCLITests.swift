import Codecs
import Foundation
import Raster
import Testing

/// Hostile input found by fuzzing (issue 10): each case ends with one `error:` line and its exit code, never a
/// trap, an abort or gigabytes of memory.
@Suite("anomark: hostile input from fuzzing")
struct HostileInputCLITests {
    /// Writes `image` as PNG into `dir` and returns its path.
    static func write(_ image: Pixmap, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(PNG.encode(image)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The issue's two reproductions trapped in `Rect.maxX` (SIGILL, exit 132, no error line).
    @Test(
        "--ignore beyond any image is a usage error",
        arguments: ["9223372036854775807,1,1,1", "1,1,9223372036854775807,9223372036854775807"])
    func ignoreOverflow(region: String) throws {
        let dir = try CLI.tempDir()
        let image = try Self.write(Pixmap(width: 16, height: 12, fill: .white), "a.png", in: dir)
        let run = try CLI.run(["diff", image, image, "--ignore", region])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(
            run.stderr
                == "error: --ignore: ignore region \"\(region)\" is out of range: x, y, width and height must be within ±2147483647 "
                + "(see 'anomark diff --help')\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func largestAllowedRegionsClipToTheImage() throws {
        let dir = try CLI.tempDir()
        let image = try Self.write(Pixmap(width: 16, height: 12, fill: .white), "a.png", in: dir)
        let run = try CLI.run([
            "diff", image, image, "--ignore", "2147483647,2147483647,2147483647,2147483647", "--ignore",
            "0,0,2147483647,2147483647", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["ignoredPixels"] as? Int == 16 * 12)
    }

    /// A PNG whose header declares `width`×`height` (RGBA), with a token image data chunk.
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] {
            [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        }
        var ihdr = Array("IHDR".utf8) + be32(width) + be32(height) + [8, 6, 0, 0, 0]
        ihdr = be32(13) + ihdr + crc32BE(ihdr)
        let idat = Array("IDAT".utf8) + [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01]
        let iend = Array("IEND".utf8)
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + ihdr + be32(UInt32(idat.count - 4)) + idat
            + crc32BE(idat) + be32(0) + iend + crc32BE(iend)
    }

    /// `--max-pixels 9223372036854775807` trapped on a 2147483647² header (exit 132) and aborted allocating 562 TB
    /// for 2147483647×65536 (exit 134). The option is capped; images above the cap are refused before allocating.
    @Test func maxPixelsIsCapped() throws {
        let dir = try CLI.tempDir()
        let huge = dir.appendingPathComponent("huge.png").path
        let wide = dir.appendingPathComponent("wide.png").path
        try Data(Self.header(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF)).write(to: URL(fileURLWithPath: huge))
        try Data(Self.header(width: 0x7FFF_FFFF, height: 0x1_0000)).write(to: URL(fileURLWithPath: wide))
        let result = CLI.sample("results/normal-1.json")
        let out = dir.appendingPathComponent("out.png").path
        let tooHigh = try CLI.run(["annotate", huge, result, "-o", out, "--max-pixels", "9223372036854775807"])
        #expect(tooHigh.status == 64)
        #expect(tooHigh.stderr.hasPrefix("error: --max-pixels must be in 1...4294967296, got 9223372036854775807"))
        for path in [huge, wide] {
            let run = try CLI.run(["annotate", path, result, "-o", out, "--max-pixels", "4294967296"])
            #expect(run.status == 65, "\(run.stderr)")
            #expect(run.stderrLines.count == 1)
            #expect(run.stderr.hasPrefix("error: \(path): image is 2147483647×"))
            #expect(run.stderr.contains("more than the limit of 4294967296 pixels"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Issue 10: 133 bytes — the signature, IHDR, then a tEXt chunk declaring 0x7FFFFFFF bytes — drove memory to
    /// 2.1 GB as the image, the `--mask` or the result's `AnomalyMask`. Now a truncation error, in kilobytes.
    @Test("a PNG declaring a 2 GiB chunk", arguments: ["image", "mask", "result mask"])
    func declaredChunkLength(role: String) throws {
        let dir = try CLI.tempDir()
        let small = try PNG.encode(Pixmap(width: 8, height: 8, fill: .white))
        var bomb = Array(small.prefix(33)) + [0x7F, 0xFF, 0xFF, 0xFF] + Array("tEXtk\u{0}".utf8)
        bomb += [UInt8](repeating: 0x41, count: 133 - bomb.count)
        let bombPath = dir.appendingPathComponent("bomb.png").path
        try Data(bomb).write(to: URL(fileURLWithPath: bombPath))
        let imagePath = role == "image" ? bombPath : try Self.write(Pixmap(width: 8, height: 8), "photo.png", in: dir)
        let mask = role == "result mask" ? ", \"AnomalyMask\": \"\(Data(bomb).base64EncodedString())\"" : ""
        let result = """
            {"DetectAnomalyResult": {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
              {"Name": "cracked", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#23A436"}}]\(mask)}}
            """
        let resultPath = dir.appendingPathComponent("r.json").path
        try Data(result.utf8).write(to: URL(fileURLWithPath: resultPath))
        let out = dir.appendingPathComponent("out.png").path
        var arguments = ["annotate", imagePath, resultPath, "-o", out]
        if role == "mask" { arguments += ["--mask", bombPath] }
        let run = try CLI.run(arguments)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix("error: \(role == "result mask" ? resultPath : bombPath): "), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("truncated PNG: file is truncated\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Issue 10: a 20 MB anomaly `Name` took 12.6 s and 390 MB (linear; the 64 MiB result cap allowed ~40 s).
    @Test func aTwentyMegabyteNameIsRefused() throws {
        let dir = try CLI.tempDir()
        let image = try Self.write(Pixmap(width: 8, height: 8), "photo.png", in: dir)
        let name = String(repeating: "x", count: 20 << 20)
        let result = """
            {"DetectAnomalyResult": {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
              {"Name": "\(name)", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#23A436"}}]}}
            """
        let resultPath = dir.appendingPathComponent("r.json").path
        try Data(result.utf8).write(to: URL(fileURLWithPath: resultPath))
        let out = dir.appendingPathComponent("out.png").path
        let run = try CLI.run(["annotate", image, resultPath, "-o", out])
        #expect(run.status == 65)
        #expect(
            run.stderr
                == "error: \(resultPath): DetectAnomalyResult.Anomalies[1].Name: expected a string of at most 1000 bytes, "
                + "got 20971520 bytes\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Found while checking diff image sizes: a 20000×1 and a 1×20000 PNG (20,000 pixels each) made `diff --diff`
    /// draw a 20000×20000 image, 1.6 GB and minutes. Now refused before drawing, exit 73; without `--diff` the
    /// verdict stays "sizes differ" (exit 2).
    @Test func diffImagesLargerThanTheirInputsAreRefused() throws {
        let dir = try CLI.tempDir()
        let wide = try Self.write(Pixmap(width: 20_000, height: 1, fill: .white), "wide.png", in: dir)
        let tall = try Self.write(Pixmap(width: 1, height: 20_000, fill: .white), "tall.png", in: dir)
        let out = dir.appendingPathComponent("d.png").path
        let run = try CLI.run(["diff", wide, tall, "--diff", out])
        #expect(run.status == 73)
        #expect(
            run.stderr
                == "error: \(out): a diff image of 20000×1 and 1×20000 images would have more than 16937216 pixels\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try CLI.run(["diff", wide, tall]).status == 2)
    }
}
