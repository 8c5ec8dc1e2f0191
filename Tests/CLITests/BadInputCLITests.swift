import Codecs
import Foundation
import Raster
import Testing

/// A bad input and what the CLI must say about it.
struct BadCase: CustomStringConvertible, Sendable {
    var name: String
    /// Which argument gets the bad file: the image, the result or the mask.
    var role: Role
    var bytes: [UInt8]
    var exitCode: Int32
    /// A fragment the single error line must contain.
    var fragment: String
    var description: String { name }

    enum Role: Sendable {
        case image, result, mask
    }
}

private func samplePNG() -> [UInt8] {
    var image = Pixmap(width: 80, height: 80, fill: Color(r: 90, g: 120, b: 200))
    image.fill(Rect(x: 10, y: 10, width: 30, height: 30), with: .white)
    return try! PNG.encode(image)
}

private func sampleJPEG() -> [UInt8] {
    try! JPEG.encode(Pixmap(width: 96, height: 80, fill: Color(r: 200, g: 120, b: 90)), quality: 90)
}

private func resultJSON(mask: String? = nil, color: String = "#23A436", confidence: String = "0.9") -> [UInt8] {
    let maskField = mask.map { ", \"AnomalyMask\": \"\($0)\"" } ?? ""
    return Array(
        """
        {"DetectAnomalyResult": {"IsAnomalous": true, "Confidence": \(confidence), "Anomalies": [
          {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
          {"Name": "cracked", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "\(color)"}}]\(maskField)}}
        """.utf8)
}

private let badCases: [BadCase] = {
    let png = samplePNG()
    let jpeg = sampleJPEG()
    var badCRC = png
    badCRC[30] ^= 0xFF
    var hugePNG = Array(png.prefix(33))
    hugePNG.replaceSubrange(16..<24, with: [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0])  // 100000 × 100000
    // Fix the IHDR CRC so that only the size is wrong.
    hugePNG.replaceSubrange(29..<33, with: crc32BE(Array(hugePNG[12..<29])))
    hugePNG += png[33...]
    var hugeJPEG = jpeg
    if let sof = (0..<hugeJPEG.count - 1).first(where: { hugeJPEG[$0] == 0xFF && hugeJPEG[$0 + 1] == 0xC0 }) {
        hugeJPEG.replaceSubrange((sof + 5)..<(sof + 9), with: [0xFD, 0xE8, 0xFD, 0xE8])
    }
    let maskJPEG = Data(sampleJPEG()).base64EncodedString()
    let smallMask = Data(try! PNG.encode(Pixmap(width: 10, height: 10, fill: .white))).base64EncodedString()
    return [
        BadCase(name: "empty image", role: .image, bytes: [], exitCode: 65, fragment: "empty file"),
        BadCase(
            name: "truncated PNG", role: .image, bytes: Array(png.prefix(png.count / 2)), exitCode: 65, fragment: "PNG"),
        BadCase(
            name: "truncated JPEG", role: .image, bytes: Array(jpeg.prefix(jpeg.count * 2 / 3)), exitCode: 65,
            fragment: "truncated JPEG"),
        BadCase(name: "bad CRC", role: .image, bytes: badCRC, exitCode: 65, fragment: "CRC"),
        BadCase(
            name: "random bytes", role: .image, bytes: (0..<300).map { UInt8(($0 * 7919 + 13) % 251) | 0x80 },
            exitCode: 65, fragment: "unsupported image format"),
        BadCase(
            name: "GIF", role: .image, bytes: Array("GIF89a\u{1}\u{0}\u{1}\u{0}\u{0}\u{0}\u{0}".utf8), exitCode: 65,
            fragment: "GIF"),
        BadCase(name: "text file", role: .image, bytes: Array("just some text\n".utf8), exitCode: 65, fragment: "text"),
        BadCase(
            name: "PNG claiming 100000×100000", role: .image, bytes: hugePNG, exitCode: 65, fragment: "100000×100000"),
        BadCase(
            name: "JPEG claiming 65000×65000", role: .image, bytes: hugeJPEG, exitCode: 65, fragment: "65000×65000"),
        BadCase(
            name: "invalid JSON", role: .result, bytes: Array("{\"DetectAnomalyResult\": {".utf8), exitCode: 65,
            fragment: "invalid JSON"),
        BadCase(
            name: "confidence as a string", role: .result, bytes: resultJSON(confidence: "\"0.9\""), exitCode: 65,
            fragment: "DetectAnomalyResult.Confidence: expected a number in 0...1, got \"0.9\""),
        BadCase(
            name: "bad hex colour", role: .result, bytes: resultJSON(color: "#12345G"), exitCode: 65,
            fragment: "Anomalies[1].PixelAnomaly.Color"),
        BadCase(name: "invalid UTF-8", role: .result, bytes: [0x7B, 0xFF, 0xFE, 0x7D], exitCode: 65, fragment: "UTF"),
        BadCase(
            name: "bad base64 mask", role: .result, bytes: resultJSON(mask: "iVBOR$$$"), exitCode: 65,
            fragment: "base64"),
        BadCase(
            name: "JPEG mask", role: .result, bytes: resultJSON(mask: maskJPEG), exitCode: 65, fragment: "must be a PNG"
        ),
        BadCase(
            name: "mask size mismatch", role: .result, bytes: resultJSON(mask: smallMask), exitCode: 65,
            fragment: "10×10"),
        BadCase(
            name: "two classes with one colour", role: .result,
            bytes: Array(
                String(decoding: resultJSON(), as: UTF8.self).replacingOccurrences(
                    of: "]}}",
                    with: ", {\"Name\": \"dent\", \"PixelAnomaly\": {\"TotalPercentageArea\": 0.1, "
                        + "\"Color\": \"#23a436\"}}]}}"
                ).utf8), exitCode: 65, fragment: "'cracked' and 'dent' have the same colour #23A436"),
        BadCase(name: "--mask not an image", role: .mask, bytes: Array("nope".utf8), exitCode: 65, fragment: "mask"),
    ]
}()

/// CRC-32 of `bytes`, big-endian, for patching PNG chunks.
func crc32BE(_ bytes: [UInt8]) -> [UInt8] {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
    c ^= 0xFFFF_FFFF
    return [UInt8(c >> 24), UInt8(c >> 16 & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c & 0xFF)]
}

@Suite("anomark annotate: bad input")
struct BadInputCLITests {
    @Test("bad input: one error line, its exit code, and the existing output untouched", arguments: badCases)
    func badInput(_ c: BadCase) throws {
        let dir = try CLI.tempDir()
        let imagePath = dir.appendingPathComponent("photo.img").path
        let resultPath = dir.appendingPathComponent("result.json").path
        let maskPath = dir.appendingPathComponent("mask.png").path
        let out = dir.appendingPathComponent("out.png").path
        try Data(c.role == .image ? c.bytes : samplePNG()).write(to: URL(fileURLWithPath: imagePath))
        try Data(c.role == .result ? c.bytes : resultJSON()).write(to: URL(fileURLWithPath: resultPath))
        var arguments = ["annotate", imagePath, resultPath, "-o", out]
        if c.role == .mask {
            try Data(c.bytes).write(to: URL(fileURLWithPath: maskPath))
            arguments += ["--mask", maskPath]
        }
        let sentinel = Data("previous output".utf8)
        try sentinel.write(to: URL(fileURLWithPath: out))

        let run = try CLI.run(arguments)
        #expect(run.status == c.exitCode, "\(run.stderr)")
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        let blamed = c.role == .image ? imagePath : c.role == .result ? resultPath : maskPath
        #expect(run.stderr.hasPrefix("error: \(blamed): "), "\(run.stderr)")
        #expect(run.stderr.contains(c.fragment), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == sentinel, "existing output must stay as it was")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func missingInputsExit66() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("o.png").path
        let missing = dir.appendingPathComponent("nope.jpg").path
        let a = try CLI.run(["annotate", missing, CLI.sample("results/normal-1.json"), "-o", out])
        #expect(a.status == 66)
        #expect(a.stderr == "error: \(missing): no such file\n")
        let b = try CLI.run(["annotate", CLI.sample("normal-1.jpg"), missing, "-o", out])
        #expect(b.status == 66)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unwritableOutputExit73() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("no/such/folder/o.png").path
        let run = try CLI.run(["annotate", CLI.sample("normal-1.jpg"), CLI.sample("results/normal-1.json"), "-o", out])
        #expect(run.status == 73)
        #expect(run.stderr.hasPrefix("error: \(out): "))
    }

    @Test func maskSizeMismatchPassesWithFitMask() throws {
        let dir = try CLI.tempDir()
        let imagePath = dir.appendingPathComponent("photo.png").path
        let resultPath = dir.appendingPathComponent("r.json").path
        var mask = Pixmap(width: 10, height: 10, fill: .white)
        mask.fill(Rect(x: 2, y: 2, width: 4, height: 4), with: Color(r: 0x23, g: 0xA4, b: 0x36))
        let maskB64 = Data(try PNG.encode(mask)).base64EncodedString()
        try Data(samplePNG()).write(to: URL(fileURLWithPath: imagePath))
        try Data(resultJSON(mask: maskB64)).write(to: URL(fileURLWithPath: resultPath))
        let out = dir.appendingPathComponent("o.png").path
        let failing = try CLI.run(["annotate", imagePath, resultPath, "-o", out])
        #expect(failing.status == 65)
        #expect(failing.stderr.contains("10×10") && failing.stderr.contains("80×80"))
        let fitted = try CLI.run(["annotate", imagePath, resultPath, "-o", out, "--fit-mask"])
        #expect(fitted.status == 0, "\(fitted.stderr)")
    }

    @Test func unlistedMaskColoursWarnOnceAndSucceed() throws {
        let dir = try CLI.tempDir()
        let imagePath = dir.appendingPathComponent("photo.png").path
        let resultPath = dir.appendingPathComponent("r.json").path
        var mask = Pixmap(width: 80, height: 80, fill: .white)
        mask.fill(Rect(x: 0, y: 0, width: 5, height: 4), with: Color(r: 1, g: 2, b: 3))
        try Data(samplePNG()).write(to: URL(fileURLWithPath: imagePath))
        try Data(resultJSON(mask: Data(try PNG.encode(mask)).base64EncodedString())).write(
            to: URL(fileURLWithPath: resultPath))
        let run = try CLI.run(["annotate", imagePath, resultPath, "-o", dir.appendingPathComponent("o.png").path])
        #expect(run.status == 0)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("20 mask pixels") && run.stderr.contains("#010203"))
    }
}
