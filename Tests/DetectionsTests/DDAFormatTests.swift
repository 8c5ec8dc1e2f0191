import Detections
import Foundation
import Raster
import TestSupport
import Testing

/// The `dda` format on the committed captures (samples/dda-captures, built in the DDA's shape) and on variants of
/// them: what a record becomes, padding, failures, sniffing, and errors that name the JSON path.
@Suite("DDA capture records")
struct DDAFormatTests {
    static let samples = TestFiles.repo.appendingPathComponent("samples")

    static func capture(_ name: String, folder: String = "dda-captures") throws -> [UInt8] {
        [UInt8](try Data(contentsOf: samples.appendingPathComponent("\(folder)/\(name).jsonl")))
    }

    /// A record with its verdict JSON replaced by `verdict` (base64 with surplus padding, as real captures).
    static func record(verdict: String) -> String {
        let data = Data(verdict.utf8).base64EncodedString() + "=="
        return """
            {"deviceFleetAuxiliaryInputs": [{"data-ref": "file:///aws_dda/x/a.jpg", "observedContentType": "jpg"}],
            "deviceFleetAuxiliaryOutputs": [{"data-ref": "file:///aws_dda/x/a.mask.png", "observedContentType": "mask.png"},
            {"data": "\(data)", "encoding": "BASE64", "observedContentType": "json"}], "eventMetadata": {"eventId": "a"}}
            """.replacingOccurrences(of: "\n", with: " ")
    }

    @Test func anAnomalousCaptureWithSurplusPadding() throws {
        let bytes = try Self.capture("cookie-capture-1")
        #expect(ResultFormats.auto.format(for: bytes).name == "dda")
        let value = try JSONValue.parse(Array(bytes.dropLast()))
        let record = try #require(try ResultFormats.auto.record(line: value))
        let device = "/aws_dda/inference-results/cookie-workflow/cookie-capture-1"
        #expect(record.image == "file://\(device).jpg")
        #expect(record.mask == "file://\(device).mask.png")
        #expect(record.companions == ["file://\(device).overlay.jpg"])
        #expect(record.failure == nil && record.id == "cookie-capture-1")
        #expect(record.detection.source.format == "dda")
        #expect(
            record.detection.verdict
                == Detection.Verdict(isAnomalous: true, confidence: 0.9375, score: 0.938, threshold: 1.0))
        #expect(
            record.detection.classes == [
                Detection.AnomalyClass(
                    name: "cracked", color: Color(r: 0x23, g: 0xA4, b: 0x36), colorHex: "#23a436",
                    reportedArea: 0.017433)
            ])
        #expect(record.detection.backgroundColor == .white && record.detection.mask == nil)
        // The capture file read as one result is the same detection.
        #expect(try DDAFormat().read(bytes) == record.detection)
    }

    @Test func unpaddedBase64AndNormalCaptures() throws {
        let bmp = try DDAFormat().read(Self.capture("cookie-capture-2"))
        #expect(bmp.verdict?.confidence == 0.8811 && bmp.classes.map(\.name) == ["cracked"])
        let normal = try DDAFormat().read(Self.capture("cookie-capture-3"))
        #expect(normal.verdict?.isAnomalous == false && normal.classes.isEmpty)
    }

    @Test func aFailedCaptureCarriesItsErrorMessage() throws {
        let bytes = try Self.capture("cookie-capture-4", folder: "dda-capture-failed")
        let record = try #require(try ResultFormats.auto.record(line: JSONValue.parse(bytes)))
        #expect(record.failure == "Triton: model cookie-model version 1 is not ready")
        #expect(record.detection.verdict == nil)
    }

    @Test(arguments: [
        (
            #"{"Inference status": "success", "Inference result": "Anomaly", "Confidence": 1.5}"#,
            "deviceFleetAuxiliaryOutputs[1].data (base64 JSON).Confidence: expected a number in 0...1, got 1.5"
        ),
        (
            #"{"Inference status": "success", "Inference result": "anomalous", "Confidence": 0.5}"#,
            #"deviceFleetAuxiliaryOutputs[1].data (base64 JSON).Inference result: expected "Anomaly" or "Normal", got "anomalous""#
        ),
        (
            #"{"Inference status": "success", "Confidence": 0.5}"#,
            "deviceFleetAuxiliaryOutputs[1].data (base64 JSON).Inference result: missing (expected a string)"
        ),
        (
            #"{"Inference status": "success", "#,
            "deviceFleetAuxiliaryOutputs[1].data: expected base64 of a JSON document, got invalid JSON:"
        ),
    ])
    func errorsNameTheJSONPath(verdict: String, message: String) throws {
        let value = try JSONValue.parse(Array(Self.record(verdict: verdict).utf8))
        #expect {
            _ = try ResultFormats.auto.record(line: value)
        } throws: { ($0 as? ResultError)?.description.hasPrefix(message) == true }
    }

    @Test func notBase64IsNamedWithItsOffset() throws {
        let line = Self.record(verdict: "{}").replacingOccurrences(of: "e30=", with: "$30=")
        #expect {
            _ = try DDAFormat().record(JSONValue.parse(Array(line.utf8)))
        } throws: {
            ($0 as? ResultError)?.description
                == #"deviceFleetAuxiliaryOutputs[1].data: expected base64 text, got "$30===" (invalid at character 0)"#
        }
    }

    @Test func aFileOfSeveralRecordsIsNotOneResult() throws {
        let two = Array((Self.record(verdict: "{}") + "\n" + Self.record(verdict: "{}")).utf8)
        #expect(throws: ResultError.notAnObject(found: "2 capture records (one image's result is one record)")) {
            try DDAFormat().read(two)
        }
    }

    @Test func lookoutResultsAreNotRecords() throws {
        let lookout = #"{"DetectAnomalyResult": {"IsAnomalous": false, "Confidence": 0.9}}"#
        #expect(try ResultFormats.auto.record(line: JSONValue.parse(Array(lookout.utf8))) == nil)
        #expect(!ResultFormats.auto.claimsRecords(Array(lookout.utf8)))
        #expect(ResultFormats(named: "lookout")!.claimsRecords(try Self.capture("cookie-capture-1")) == false)
    }
}
