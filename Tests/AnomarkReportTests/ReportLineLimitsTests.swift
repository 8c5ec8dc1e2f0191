import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// Limits of the JSON Lines / manifest reader (issue 10): a hostile line becomes a failed item with a one-line reason
/// before it costs time or memory; the lines around it are read as usual.
@Suite("JSON Lines reader limits")
struct ReportLineLimitsTests {
    /// The problems `anomark report` lists for a JSON Lines file with `lines`, one per bad line, in order.
    func problems(_ lines: [String]) throws -> [String] {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("batch.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let items = try ReportInputs().items(for: [file.path])
        #expect(items.count == lines.count)
        return items.compactMap(\.problem).map { String($0.dropFirst(file.path.count + 2)) }
    }

    @Test func longNamesAndPathsAreRefused() throws {
        let long = String(repeating: "x", count: 2 << 20)  // under the line limit
        let map =
            "{\"0\": {\"class-name\": \"BACKGROUND\", \"hex-color\": \"#ffffff\"}, "
            + "\"1\": {\"class-name\": \"\(long)\", \"hex-color\": \"#23a436\"}}"
        let anomaly =
            "{\"Name\": \"\(long)\", \"PixelAnomaly\": {\"TotalPercentageArea\": 0.1, \"Color\": \"#23A436\"}}"
        let reasons = try problems([
            "{\"image\": \"ok.jpg\"}",
            "{\"source-ref\": \"a.jpg\", \"anomaly-label\": 1, \"anomaly-mask-ref\": \"a.png\", "
                + "\"anomaly-mask-ref-metadata\": {\"internal-color-map\": \(map)}}",
            "{\"image\": \"\(String(repeating: "d/", count: 2100))a.jpg\"}",
            "{\"source-ref\": \"s3://b/\(String(repeating: "k", count: 5000)).jpg\"}",
            "{\"image\": \"b.jpg\", \"result\": {\"IsAnomalous\": true, \"Confidence\": 0.5, \"Anomalies\": [\(anomaly)]}}",
        ])
        #expect(
            reasons == [
                "line 2: internal-color-map.1.class-name: expected a string of at most 1000 bytes, got 2097152 bytes",
                "line 3: image: expected a path of at most 4096 bytes, got 4205 bytes",
                "line 4: source-ref: expected a path of at most 4096 bytes, got 5011 bytes",
                "line 5: result: Anomalies[0].Name: expected a string of at most 1000 bytes, got 2097152 bytes",
            ])
    }

    @Test func longLinesAndLinesOfManyValuesAreRefused() throws {
        let manyValues =
            "{\"image\": \"a.jpg\", \"x\": [" + Array(repeating: "0", count: 100_001).joined(separator: ",") + "]}"
        // Separators inside a string are not values.
        let inStrings = "{\"image\": \"a.jpg\", \"x\": \"" + String(repeating: ",[{", count: 50_000) + "\"}"
        let reasons = try problems([
            "{\"image\": \"\(String(repeating: "y", count: 9 << 20))\"}", manyValues, inStrings,
        ])
        #expect(
            reasons == [
                "line 1: the line is 9437197 bytes, more than the limit of 8388608",
                "line 2: more than 100000 JSON values on one line",
            ])
    }

    /// Lines, their inline results and result files share one strict JSON reader: what a result file may not
    /// hold, a line may not either, and errors name the field.
    @Test func linesAreReadByTheStrictReader() throws {
        let reasons = try problems([
            #"{"image": "a.jpg", "image": "b.jpg"}"#,
            #"{"image": "a.jpg", "result": {"IsAnomalous": 1, "Confidence": 0.5}}"#,
            #"{"image": "a.jpg", "result": {"DetectAnomalyResult": {"IsAnomalous": true, "Confidence": "0.9"}}}"#,
            #"{"image": 7}"#,
            #"{"source-ref": "a.jpg", "anomaly-label": 0.5}"#,
            ##"{"source-ref": "a.jpg", "anomaly-mask-ref-metadata": {"internal-color-map": {"1": {"hex-color": "#fff"}}}}"##,
            #"{"source-ref": null}"#,
            #"{"image": "a.jpg", "result": null}"#,
        ])
        #expect(
            reasons == [
                "line 1: not valid JSON",
                "line 2: result: IsAnomalous: expected a boolean, got 1",
                "line 3: result: DetectAnomalyResult.Confidence: expected a number in 0...1, got \"0.9\"",
                "line 4: image: expected a string",
                "line 5: anomaly-label: expected an integer",
                "line 6: anomaly-mask-ref-metadata.internal-color-map.1.class-name: missing (expected a string)",
                "line 7: source-ref: missing (expected a string)",
            ])
    }
}
