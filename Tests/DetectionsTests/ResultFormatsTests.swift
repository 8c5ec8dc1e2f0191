import Detections
import Raster
import Testing

/// The format registry and the Lookout for Vision reader behind it: names, sniffing, the files claimed beside
/// an image, and what a result becomes as a `Detection`.
@Suite("Result formats")
struct ResultFormatsTests {
    static let wrapped = """
        {"DetectAnomalyResult": {"Source": {"Type": "direct"}, "IsAnomalous": true, "Confidence": 0.75,
        "Anomalies": [
          {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FEFEFE"}},
          {"Name": "cracked", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#23a436"}}],
        "AnomalyMask": "iVBORw0KGgo="}}
        """

    @Test func theNamesAreTheContract() {
        #expect(ResultFormats.names == ["auto", "lookout", "dda", "anomaly-map"])
        #expect(ResultFormats(named: "auto")?.formats.map(\.name) == ["lookout", "dda", "anomaly-map"])
        #expect(ResultFormats(named: "dda")?.name == "dda")
        #expect(ResultFormats(named: "lookout")?.name == "lookout")
        #expect(ResultFormats(named: "Lookout") == nil)
        #expect(ResultFormats(named: "") == nil)
    }

    @Test func aLookoutResultBecomesADetection() throws {
        let detection = try ResultFormats.auto.read(Array(Self.wrapped.utf8))
        #expect(detection.source == Detection.Source(format: "lookout", type: "direct"))
        #expect(detection.verdict == Detection.Verdict(isAnomalous: true, confidence: 0.75))
        #expect(
            detection.classes == [
                Detection.AnomalyClass(
                    name: "cracked", color: Color(r: 0x23, g: 0xA4, b: 0x36), colorHex: "#23a436", reportedArea: 0.1)
            ])
        #expect(detection.backgroundColor == Color(r: 0xFE, g: 0xFE, b: 0xFE))
        #expect(detection.mask == .encoded([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // The model converts the same way, and a bare object reads like the wrapped one.
        #expect(try Detection(DetectAnomaliesResult.parse(Array(Self.wrapped.utf8))) == detection)
        let bare = #"{"IsAnomalous": false, "Confidence": 0.5}"#
        let normal = try LookoutFormat().read(Array(bare.utf8))
        #expect(normal.verdict?.isAnomalous == false && normal.classes.isEmpty && normal.mask == nil)
        #expect(normal.backgroundColor == .white)
    }

    @Test func sniffingLooksAtTheStartOnly() {
        let lookout = LookoutFormat()
        #expect(lookout.claims(Array(Self.wrapped.utf8)))
        #expect(lookout.claims(Array(#"{"IsAnomalous": true}"#.utf8)))
        #expect(!lookout.claims([0x89, 0x50, 0x4E, 0x47]))
        #expect(!lookout.claims(Array("[1, 2]".utf8)))
        let late = Array(repeating: UInt8(ascii: " "), count: 64 << 10) + Array(#"{"IsAnomalous": true}"#.utf8)
        #expect(!lookout.claims(late))
    }

    @Test func whatNoFormatClaimsIsReadAsLookoutForItsError() {
        #expect(throws: ResultError.notAnObject(found: "an array")) {
            try ResultFormats.auto.read(Array("[1, 2]".utf8))
        }
        #expect(throws: ResultError.invalidJSON(reason: "unexpected end of input in an object at line 1, column 2")) {
            try ResultFormats.auto.read(Array("{".utf8))
        }
    }

    @Test func anOverlongMaskIsRefusedBeforeDecoding() {
        let limit = DetectAnomaliesResult.maxAnomalyMaskCharacters
        let json =
            #"{"IsAnomalous": true, "Confidence": 1, "AnomalyMask": ""# + String(repeating: "A", count: limit + 4)
            + #""}"#
        #expect(throws: ResultError.tooLong(path: "AnomalyMask", characters: limit + 4, limit: limit)) {
            try LookoutFormat().read(Array(json.utf8))
        }
        #expect(
            ResultError.tooLong(path: "AnomalyMask", characters: 9, limit: 8).description
                == "AnomalyMask: 9 characters of base64, more than the limit of 8")
    }

    @Test func inlineResultsReadLikeFiles() throws {
        let value = try JSONValue.parse(Array(Self.wrapped.utf8))
        #expect(LookoutFormat().claims(inline: value))
        #expect(!LookoutFormat().claims(inline: .array([])))
        #expect(try ResultFormats.auto.read(inline: value) == ResultFormats.auto.read(Array(Self.wrapped.utf8)))
    }

    @Test(arguments: [
        ("d/a.jpg", ["d/a.jpg.out", "d/a.jpg.json", "d/a.json"], "d/a.jsonl"),
        ("a.PNG", ["a.PNG.out", "a.PNG.json", "a.json"], "a.jsonl"),
        (".hidden", [".hidden.out", ".hidden.json"], ".hidden.jsonl"),
        ("d.x/noext", ["d.x/noext.out", "d.x/noext.json"], "d.x/noext.jsonl"),
    ])
    func resultFilesBesideAnImage(image: String, paths: [String], capture: String) {
        #expect(LookoutFormat().resultPaths(forImage: image) == paths)
        #expect(DDAFormat().resultPaths(forImage: image) == [capture])
        #expect(
            ResultFormats.auto.resultPaths(forImage: image)
                == paths + [capture] + AnomalyMapFormat().resultPaths(forImage: image))
    }

    @Test func scoreMapsHoldExactlyTheirPixels() throws {
        #expect(ScoreMap(width: 2, height: 2, values: .grey8([0, 255, 51]), threshold: 0.5) == nil)
        #expect(ScoreMap(width: -1, height: -1, values: .float([0]), threshold: 0.5) == nil)
        let grey8 = try #require(ScoreMap(width: 3, height: 1, values: .grey8([0, 255, 51]), threshold: 0.5))
        #expect([0, 1, 2].map(grey8.score(at:)) == [0, 1, 0.2])
        let grey16 = try #require(ScoreMap(width: 1, height: 1, values: .grey16([65535]), threshold: 0.5))
        #expect(grey16.score(at: 0) == 1)
        let float = try #require(ScoreMap(width: 1, height: 1, values: .float([2.5]), threshold: 3))
        #expect(float.score(at: 0) == 2.5)
    }
}
