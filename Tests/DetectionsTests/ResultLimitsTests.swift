import Detections
import Testing

/// Limits of the result reader (issue 10): hostile results are refused with a one-line error naming the field,
/// before they can cost seconds of text layout or a JSON tree many times the file's size.
@Suite("Result reader limits")
struct ResultLimitsTests {
    static func result(name: String = "cracked", sourceType: String = "direct", extra: String = "") -> [UInt8] {
        Array(
            """
            {"DetectAnomalyResult": {"Source": {"Type": "\(sourceType)"}, "IsAnomalous": true, "Confidence": 0.9,\(extra)
             "Anomalies": [{"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
              {"Name": "\(name)", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#23A436"}}]}}
            """.utf8)
    }

    /// Issue 10: a 20 MB anomaly `Name` took 12.6 s and 390 MB in `annotate` (the legend laid it out).
    @Test func aTwentyMegabyteNameIsRefused() {
        let name = String(repeating: "x", count: 20 << 20)
        #expect(
            throws: ResultError.invalid(
                path: "DetectAnomalyResult.Anomalies[1].Name", expected: "a string of at most 1000 bytes",
                got: "20971520 bytes")
        ) { try DetectAnomaliesResult.parse(Self.result(name: name)) }
        let message = ResultError.invalid(
            path: "DetectAnomalyResult.Anomalies[1].Name", expected: "a string of at most 1000 bytes",
            got: "20971520 bytes"
        ).description
        #expect(
            message
                == "DetectAnomalyResult.Anomalies[1].Name: expected a string of at most 1000 bytes, got 20971520 bytes")
    }

    @Test func namesAndSourceTypesUpToTheLimitPass() throws {
        // 1000 bytes exactly, in two-byte characters: the limit counts UTF-8 bytes, not characters.
        let name = String(repeating: "é", count: 500)
        let r = try DetectAnomaliesResult.parse(
            Self.result(name: name, sourceType: String(repeating: "d", count: 1000)))
        #expect(r.anomalies[1].name == name && r.sourceType?.utf8.count == 1000)
        #expect(throws: ResultError.self) { try DetectAnomaliesResult.parse(Self.result(name: name + "x")) }
        #expect(
            throws: ResultError.invalid(
                path: "DetectAnomalyResult.Source.Type", expected: "a string of at most 1000 bytes", got: "1001 bytes")
        ) { try DetectAnomaliesResult.parse(Self.result(sourceType: String(repeating: "d", count: 1001))) }
    }

    /// Found while measuring the above: 60 MB of `[0,0,…]` in an unknown field (within the CLI's 64 MiB result cap)
    /// became a JSON tree of 1.1 GB. Values are counted while parsing and the document refused past 100,000.
    @Test func documentsWithMoreValuesThanAnyResultAreRefused() throws {
        let many = " \"x\": [" + Array(repeating: "0", count: 100_000).joined(separator: ",") + "],"
        #expect(throws: ResultError.tooManyValues(limit: 100_000)) {
            try DetectAnomaliesResult.parse(Self.result(extra: many))
        }
        #expect(ResultError.tooManyValues(limit: 100_000).description.hasPrefix("more than 100000 JSON values"))
        let fewer = " \"x\": [" + Array(repeating: "0", count: 99_000).joined(separator: ",") + "],"
        #expect(try DetectAnomaliesResult.parse(Self.result(extra: fewer)).anomalies.count == 2)
    }
}
