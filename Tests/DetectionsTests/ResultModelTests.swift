import Detections
import Foundation
import Raster
import TestSupport
import Testing

/// The bytes of `text` as UTF-8.
private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The parse error for `text`, or nil when it parses.
private func parseError(_ bytes: [UInt8]) -> ResultError? {
    do {
        _ = try DetectAnomaliesResult.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// `inner` members wrapped in the AWS shape.
private func aws(_ inner: String) -> String { #"{"DetectAnomalyResult": {"# + inner + "}}" }

/// A complete, valid inner object with two anomaly entries; `extra` members are appended.
private func fullInner(color: String = "#23A436", extra: String = "") -> String {
    #""Source": {"Type": "direct"}, "IsAnomalous": true, "Confidence": 0.9873, "Anomalies": ["#
        + ##"{"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.98, "Color": "#FFFFFF"}}, "##
        + #"{"Name": "cracked", "PixelAnomaly": {"TotalPercentageArea": 0.02, "Color": ""# + color + #""}}], "#
        + #""AnomalyMask": "iVBORw0KGgo=""# + extra
}

/// An `Anomalies` list whose entry 1 has the given `Color` text (entry 0 is a valid background).
private func anomaliesWithColor(_ colorJSON: String) -> String {
    aws(
        #""IsAnomalous": true, "Confidence": 0.5, "Anomalies": ["#
            + ##"{"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}}, "##
            + #"{"Name": "x", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "# + colorJSON + "}}]")
}

@Suite("Result model: parsing DetectAnomalies results")
struct ResultModelTests {
    @Test("the AWS shape and the bare shape give the same result")
    func bothShapes() throws {
        let wrapped = try DetectAnomaliesResult.parse(utf8(aws(fullInner())))
        let bare = try DetectAnomaliesResult.parse(utf8("{" + fullInner() + "}"))
        #expect(wrapped == bare)
        #expect(wrapped.sourceType == "direct")
        #expect(wrapped.isAnomalous == true)
        #expect(wrapped.confidence == 0.9873)
        #expect(wrapped.anomalies.count == 2)
        #expect(wrapped.anomalies[1].name == "cracked")
        #expect(wrapped.anomalies[1].area == 0.02)
        #expect(wrapped.anomalies[1].color == Color(r: 0x23, g: 0xA4, b: 0x36))
        #expect(wrapped.anomalies[1].colorHex == "#23A436")
        #expect(wrapped.anomalyMask == "iVBORw0KGgo=")
        #expect(wrapped.anomalyMaskBytes == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test("unknown fields are ignored at every level")
    func unknownFieldsIgnored() throws {
        let noisy =
            #"{"ResponseMetadata": {"RequestId": "x"}, "DetectAnomalyResult": {"Source": {"Type": "direct", "#
            + #""Extra": [1, {"a": null}]}, "IsAnomalous": false, "Confidence": 0.25, "ModelVersion": "3", "#
            + #""Anomalies": [{"Name": "background", "Id": 7, "PixelAnomaly": {"TotalPercentageArea": 1, "#
            + ##""Color": "#FFFFFF", "Shape": "blob"}}]}}"##
        let result = try DetectAnomaliesResult.parse(utf8(noisy))
        #expect(
            result
                == DetectAnomaliesResult(
                    isAnomalous: false, confidence: 0.25,
                    anomalies: [Anomaly(name: "background", area: 1, color: .white)], sourceType: "direct"))
    }

    @Test("optional fields may be absent or null; a classification-only result has no anomalies")
    func optionalFields() throws {
        let minimal = try DetectAnomaliesResult.parse(utf8(#"{"IsAnomalous": false, "Confidence": 0.7}"#))
        #expect(minimal == DetectAnomaliesResult(isAnomalous: false, confidence: 0.7))
        #expect(minimal.anomalies.isEmpty && minimal.background == nil && minimal.defectTypes.isEmpty)
        #expect(minimal.anomalyMaskBytes == nil)
        let nulls = try DetectAnomaliesResult.parse(
            utf8(
                aws(#""Source": null, "IsAnomalous": false, "Confidence": 0.7, "Anomalies": null, "AnomalyMask": null"#)
            ))
        #expect(nulls == minimal)
        let noType = try DetectAnomaliesResult.parse(utf8(aws(#""Source": {}, "IsAnomalous": true, "Confidence": 1"#)))
        #expect(noType.sourceType == nil && noType.confidence == 1)
    }

    @Test("Data overload and UTF-8 byte-order mark")
    func dataAndBOM() throws {
        let plain = try DetectAnomaliesResult.parse(utf8(aws(fullInner())))
        #expect(try DetectAnomaliesResult.parse(Data(aws(fullInner()).utf8)) == plain)
        #expect(try DetectAnomaliesResult.parse([0xEF, 0xBB, 0xBF] + utf8(aws(fullInner()))) == plain)
    }

    @Test("strings: escapes, surrogate pairs and non-ASCII names")
    func stringEscapes() throws {
        let json = anomaliesWithColor(##""#00ff00""##).replacingOccurrences(
            of: #""Name": "x""#, with: #""Name": "cr\u00e8me \"br\u00FBl\u00e9e\"\\\/\ud83c\udf6a\n\t""#)
        let result = try DetectAnomaliesResult.parse(utf8(json))
        #expect(result.anomalies[1].name == "crème \"brûlée\"\\/🍪\n\t")
        let raw = try DetectAnomaliesResult.parse(utf8(json.replacingOccurrences(of: #"\ud83c\udf6a"#, with: "🍪")))
        #expect(raw.anomalies[1].name == result.anomalies[1].name)
    }

    // MARK: Booleans and numbers are told apart

    @Test(
        "IsAnomalous must be a JSON boolean",
        arguments: [
            ("true", nil), ("false", nil), ("1", "1"), ("0", "0"), ("1.0", "1.0"), (#""true""#, #""true""#),
            ("[true]", "an array"),
        ] as [(String, String?)])
    func isAnomalousIsBoolean(literal: String, got: String?) {
        let error = parseError(utf8(aws(#""IsAnomalous": "# + literal + #", "Confidence": 0.5"#)))
        #expect(error == got.map { .invalid(path: "DetectAnomalyResult.IsAnomalous", expected: "a boolean", got: $0) })
    }

    @Test(
        "Confidence must be a JSON number in 0...1",
        arguments: [
            ("1", 1.0), ("1.0", 1.0), ("0", 0.0), ("1e0", 1.0), ("0.5E-0", 0.5), ("-0", 0.0), ("0.25", 0.25),
        ] as [(String, Double)])
    func confidenceNumbers(literal: String, value: Double) throws {
        let result = try DetectAnomaliesResult.parse(utf8(aws(#""IsAnomalous": true, "Confidence": "# + literal)))
        #expect(result.confidence == value)
    }

    @Test("Confidence true/false/string are not numbers", arguments: ["true", "false", #""1""#, "{}"])
    func confidenceNotNumber(literal: String) {
        let error = parseError(utf8(aws(#""IsAnomalous": true, "Confidence": "# + literal)))
        #expect(
            error?.description.hasPrefix("DetectAnomalyResult.Confidence: expected a number in 0...1, got ") == true)
    }

    // MARK: Validation messages

    static let validationCases: [(String, String)] = [
        (
            aws(#""IsAnomalous": true, "Confidence": "0.9""#),
            #"DetectAnomalyResult.Confidence: expected a number in 0...1, got "0.9""#
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 1.5"#),
            "DetectAnomalyResult.Confidence: expected a number in 0...1, got 1.5"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": true"#),
            "DetectAnomalyResult.Confidence: expected a number in 0...1, got true"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": -0.1"#),
            "DetectAnomalyResult.Confidence: expected a number in 0...1, got -0.1"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 1e400"#),
            "DetectAnomalyResult.Confidence: expected a number in 0...1, got 1e400"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": null"#),
            "DetectAnomalyResult.Confidence: missing (expected a number in 0...1)"
        ),
        (aws(#""IsAnomalous": true"#), "DetectAnomalyResult.Confidence: missing (expected a number in 0...1)"),
        (aws(#""IsAnomalous": 1, "Confidence": 0.5"#), "DetectAnomalyResult.IsAnomalous: expected a boolean, got 1"),
        (
            aws(#""IsAnomalous": "true", "Confidence": 0.5"#),
            #"DetectAnomalyResult.IsAnomalous: expected a boolean, got "true""#
        ),
        (aws(#""Confidence": 0.5"#), "DetectAnomalyResult.IsAnomalous: missing (expected a boolean)"),
        (aws(""), "DetectAnomalyResult.IsAnomalous: missing (expected a boolean)"),
        (#"{"IsAnomalous": true, "Confidence": 2}"#, "Confidence: expected a number in 0...1, got 2"),
        (#"{"isAnomalous": true, "confidence": 0.5}"#, "IsAnomalous: missing (expected a boolean)"),
        ("{}", "IsAnomalous: missing (expected a boolean)"),
        (#"{"DetectAnomalyResult": []}"#, "DetectAnomalyResult: expected an object, got an empty array"),
        (#"{"DetectAnomalyResult": "x"}"#, #"DetectAnomalyResult: expected an object, got "x""#),
        (
            aws(#""Source": "direct", "IsAnomalous": true, "Confidence": 0.5"#),
            #"DetectAnomalyResult.Source: expected an object, got "direct""#
        ),
        (
            aws(#""Source": {"Type": 1}, "IsAnomalous": true, "Confidence": 0.5"#),
            "DetectAnomalyResult.Source.Type: expected a string, got 1"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "Anomalies": {}"#),
            "DetectAnomalyResult.Anomalies: expected an array, got an empty object"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "Anomalies": ["background"]"#),
            #"DetectAnomalyResult.Anomalies[0]: expected an object, got "background""#
        ),
        (
            anomaliesWithColor(##""#12345G""##),
            ##"DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color: expected "#" and 6 hex digits, got "#12345G""##
        ),
        (
            anomaliesWithColor(##""#FFF""##),
            ##"DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color: expected "#" and 6 hex digits, got "#FFF""##
        ),
        (
            anomaliesWithColor(##""#23A43680""##),
            ##"DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color: expected "#" and 6 hex digits, got "#23A43680""##
        ),
        (
            anomaliesWithColor(#""23A436""#),
            ##"DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color: expected "#" and 6 hex digits, got "23A436""##
        ),
        (
            anomaliesWithColor("16777215"),
            ##"DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color: expected "#" and 6 hex digits, got 16777215"##
        ),
        (
            aws(
                #""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"Name": "x", "PixelAnomaly": "#
                    + #"{"TotalPercentageArea": 0.1}}]"#),
            ##"DetectAnomalyResult.Anomalies[0].PixelAnomaly.Color: missing (expected "#" and 6 hex digits)"##
        ),
        (
            aws(
                #""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"Name": "x", "PixelAnomaly": "#
                    + ##"{"TotalPercentageArea": 12.5, "Color": "#FFFFFF"}}]"##),
            "DetectAnomalyResult.Anomalies[0].PixelAnomaly.TotalPercentageArea: expected a number in 0...1, got 12.5"
        ),
        (
            aws(
                #""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"Name": "x", "PixelAnomaly": "#
                    + ##"{"Color": "#FFFFFF"}}]"##),
            "DetectAnomalyResult.Anomalies[0].PixelAnomaly.TotalPercentageArea: missing (expected a number in 0...1)"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"Name": "x"}]"#),
            "DetectAnomalyResult.Anomalies[0].PixelAnomaly: missing (expected an object)"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"Name": "x", "PixelAnomaly": []}]"#),
            "DetectAnomalyResult.Anomalies[0].PixelAnomaly: expected an object, got an empty array"
        ),
        (
            aws(
                #""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"Name": 3, "PixelAnomaly": "#
                    + ##"{"TotalPercentageArea": 0.1, "Color": "#FFFFFF"}}]"##),
            "DetectAnomalyResult.Anomalies[0].Name: expected a string, got 3"
        ),
        (
            aws(
                #""IsAnomalous": true, "Confidence": 0.5, "Anomalies": [{"PixelAnomaly": "#
                    + ##"{"TotalPercentageArea": 0.1, "Color": "#FFFFFF"}}]"##),
            "DetectAnomalyResult.Anomalies[0].Name: missing (expected a string)"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "AnomalyMask": 42"#),
            "DetectAnomalyResult.AnomalyMask: expected a string, got 42"
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "AnomalyMask": "iVBO$w0K""#),
            #"DetectAnomalyResult.AnomalyMask: expected base64 text, got "iVBO$w0K" (an invalid character at index 4)"#
        ),
        (
            aws(#""IsAnomalous": true, "Confidence": 0.5, "AnomalyMask": "iVBOR""#),
            #"DetectAnomalyResult.AnomalyMask: expected base64 text, got "iVBOR" (a truncated last group)"#
        ),
        (
            #"{"IsAnomalous": true, "Confidence": "# + "\"" + String(repeating: "7", count: 60) + "\"}",
            #"Confidence: expected a number in 0...1, got ""# + String(repeating: "7", count: 40) + #"…""#
        ),
        (
            #"{"IsAnomalous": true, "Confidence": "a\"b\nc\u0001"}"#,
            #"Confidence: expected a number in 0...1, got "a\"b\nc\u0001""#
        ),
    ]

    @Test("each validation error names the path, the expectation and the value", arguments: validationCases)
    func validationMessages(json: String, message: String) {
        let error = parseError(utf8(json))
        #expect(error?.description == message)
        #expect(error?.description.contains("\n") == false)
    }

    @Test("the error cases carry their parts")
    func errorValues() {
        #expect(
            parseError(utf8(anomaliesWithColor(##""#12345G""##)))
                == .invalid(
                    path: "DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color", expected: ##""#" and 6 hex digits"##,
                    got: ##""#12345G""##))
        #expect(
            parseError(utf8(aws(#""Confidence": 0.5"#)))
                == .missing(path: "DetectAnomalyResult.IsAnomalous", expected: "a boolean"))
    }

    // MARK: Not UTF-8, not JSON, not an object

    static let invalidUTF8Cases: [([UInt8], Int)] = [
        ([0x7B, 0xFF, 0x7D], 1),
        (utf8(#"{"a": ""#) + [0xC3] + utf8(#""}"#), 7),  // truncated 2-byte sequence
        (utf8(#"{"a": ""#) + [0xC0, 0x80] + utf8(#""}"#), 7),  // overlong NUL
        (utf8(#"{"a": ""#) + [0xED, 0xA0, 0x80] + utf8(#""}"#), 7),  // UTF-16 surrogate
        (utf8(#"{"a": ""#) + [0xF4, 0x90, 0x80, 0x80] + utf8(#""}"#), 7),  // above U+10FFFF
        (utf8(#"{"a": ""#) + [0x80] + utf8(#""}"#), 7),  // stray continuation byte
        (utf8(#"{"a": "ok é € 😀 and then"#) + [0xE2, 0x82], 30),  // cut at the end, after the ASCII fast path
        (utf8(#"{"Name": "abcdefghijklmnopqrstuvwxyz0123456789"#) + [0xFE] + utf8(#""}"#), 46),
    ]

    @Test("invalid UTF-8 is reported with the byte offset", arguments: invalidUTF8Cases)
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        let error = parseError(bytes)
        #expect(error == .invalidUTF8(offset: offset))
        #expect(error?.description == "not UTF-8 text: invalid byte sequence at byte offset \(offset)")
    }

    @Test("UTF-16 text (a PowerShell redirect) is named")
    func utf16() {
        let bytes: [UInt8] = [0xFF, 0xFE] + utf8("{}").flatMap { [$0, 0] }
        #expect(parseError(bytes) == .unsupportedEncoding(encoding: "UTF-16LE"))
        #expect(parseError(bytes)?.description == "the result is UTF-16LE text, not UTF-8 (save it as UTF-8)")
    }

    static let invalidJSONCases: [(String, String)] = [
        ("", "empty input (no JSON value)"),
        (" \n\t ", "empty input (no JSON value)"),
        ("{", "unexpected end of input in an object at line 1, column 2"),
        (#"{"a": 1,}"#, "unexpected '}' (expected a member name in double quotes) at line 1, column 9"),
        (#"{"a" 1}"#, "unexpected '1' (expected ':' after a member name) at line 1, column 6"),
        (#"{"a": tru}"#, "invalid literal (expected true) at line 1, column 7"),
        (#"{"a": 01}"#, "invalid number (leading zero) at line 1, column 7"),
        (#"{"a": 1.}"#, "invalid number (expected a digit after '.') at line 1, column 7"),
        (#"{"a": -}"#, "invalid number (expected a digit) at line 1, column 7"),
        (#"{"a": 1e}"#, "invalid number (expected a digit in the exponent) at line 1, column 7"),
        (#"{"a": +1}"#, "unexpected '+' (expected a value) at line 1, column 7"),
        (#"{"a": NaN}"#, "unexpected 'N' (expected a value) at line 1, column 7"),
        (#"{"a": "x\qy"}"#, #"invalid escape 'q' after '\' in a string at line 1, column 9"#),
        (#"{"a": "\ud800"}"#, #"unpaired surrogate in \u escape at line 1, column 8"#),
        (#"{"a": "\udc00"}"#, #"unpaired surrogate in \u escape at line 1, column 8"#),
        (#"{"a": "\u12G4"}"#, #"\u escape needs 4 hex digits at line 1, column 8"#),
        ("{\"a\": \"x\ty\"}", "unescaped control character U+0009 in a string at line 1, column 9"),
        (#"{"a": "b"#, "unterminated string at line 1, column 7"),
        (#"{"a": 1} x"#, "unexpected 'x' after the JSON value at line 1, column 10"),
        (#"{"a": 1}{}"#, "unexpected '{' after the JSON value at line 1, column 9"),
        (#"{"a": 1, "a": 2}"#, #"duplicate member "a" at line 1, column 10"#),
        ("{\n  \"a\": ?\n}", "unexpected '?' (expected a value) at line 2, column 8"),
        (#"{"é€": x}"#, "unexpected 'x' (expected a value) at line 1, column 8"),
        (#"{"a": [1 2]}"#, "unexpected '2' (expected ',' or ']' in an array) at line 1, column 10"),
        (#"{"a": 1 "b": 2}"#, #"unexpected '"' (expected ',' or '}' in an object) at line 1, column 9"#),
        (#"{"a": é}"#, "unexpected U+00E9 (expected a value) at line 1, column 7"),
        (String(repeating: "[", count: 300), "nesting deeper than 256 levels at line 1, column 257"),
    ]

    @Test("invalid JSON is reported with the reason and the position", arguments: invalidJSONCases)
    func invalidJSON(text: String, reason: String) {
        let error = parseError(utf8(text))
        #expect(error == .invalidJSON(reason: reason))
        #expect(error?.description == "invalid JSON: " + reason)
    }

    @Test(
        "a top level that is not an object is refused",
        arguments: [
            ("[]", "an array"), ("[{}]", "an array"), ("3", "a number (3)"), ("-0.5e2", "a number (-0.5e2)"),
            (#""x""#, "a string"), ("null", "null"), ("true", "true"), ("false", "false"),
        ])
    func notAnObject(text: String, found: String) {
        let error = parseError(utf8(text))
        #expect(error == .notAnObject(found: found))
        #expect(error?.description == "expected a JSON object at the top level, found " + found)
    }

    // MARK: Background rule

    @Test("background is the entry named background (any case), wherever it stands")
    func backgroundRule() throws {
        func result(_ names: [String]) -> DetectAnomaliesResult {
            DetectAnomaliesResult(
                isAnomalous: true, confidence: 0.5,
                anomalies: names.enumerated().map { k, name in
                    Anomaly(name: name, area: 0.1, color: Color(r: UInt8(k * 40), g: 0, b: 0))
                })
        }
        let usual = result(["background", "cracked", "burnt"])
        #expect(usual.background?.name == "background")
        #expect(usual.defectTypes.map(\.name) == ["cracked", "burnt"])

        let second = result(["cracked", "Background", "burnt"])
        #expect(second.background?.name == "Background")
        #expect(second.background?.color == Color(r: 40, g: 0, b: 0))
        #expect(second.defectTypes.map(\.name) == ["cracked", "burnt"])

        let none = result(["cracked", "burnt"])
        #expect(none.background == nil)
        #expect(none.defectTypes.map(\.name) == ["cracked", "burnt"])

        let upper = result(["BACKGROUND", "cracked"])
        #expect(upper.background?.isBackground == true)
        #expect(upper.defectTypes.map(\.name) == ["cracked"])
        #expect(upper.defectTypes.map(\.color) == [Color(r: 40, g: 0, b: 0)])
    }

    @Test("colours are matched whatever their case; the text is kept as given")
    func colorCase() throws {
        let lower = try DetectAnomaliesResult.parse(utf8(aws(fullInner(color: "#23a436"))))
        let upper = try DetectAnomaliesResult.parse(utf8(aws(fullInner(color: "#23A436"))))
        #expect(lower.anomalies[1].color == upper.anomalies[1].color)
        #expect(lower.anomalies[1].colorHex == "#23a436")
        #expect(upper.anomalies[1].colorHex == "#23A436")
    }

    // MARK: Codable

    @Test("JSONDecoder reads both shapes like parse does")
    func decodableShapes() throws {
        let expected = try DetectAnomaliesResult.parse(utf8(aws(fullInner())))
        let decoder = JSONDecoder()
        #expect(try decoder.decode(DetectAnomaliesResult.self, from: Data(aws(fullInner()).utf8)) == expected)
        #expect(try decoder.decode(DetectAnomaliesResult.self, from: Data(("{" + fullInner() + "}").utf8)) == expected)
    }

    @Test(
        "JSONDecoder keeps booleans and numbers apart",
        arguments: [
            (#""IsAnomalous": 1, "Confidence": 0.5"#, "DetectAnomalyResult.IsAnomalous: expected a boolean, got 1.0"),
            (
                #""IsAnomalous": true, "Confidence": true"#,
                "DetectAnomalyResult.Confidence: expected a number in 0...1, got true"
            ),
            (
                #""IsAnomalous": true, "Confidence": "0.9""#,
                #"DetectAnomalyResult.Confidence: expected a number in 0...1, got "0.9""#
            ),
        ])
    func decodableStrictTypes(inner: String, message: String) {
        #expect {
            try JSONDecoder().decode(DetectAnomaliesResult.self, from: Data(aws(inner).utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription == message
        }
    }

    @Test("encoding produces the AWS shape and round-trips")
    func encodeRoundTrip() throws {
        let bare = try DetectAnomaliesResult.parse(utf8("{" + fullInner(color: "#23a436") + "}"))
        let encoded = try JSONEncoder().encode(bare)
        let object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any]
        #expect(object.map { Array($0.keys) } == ["DetectAnomalyResult"])
        let inner = object?["DetectAnomalyResult"] as? [String: Any]
        #expect(
            Set(inner?.keys.map { $0 } ?? []) == ["Source", "IsAnomalous", "Confidence", "Anomalies", "AnomalyMask"])
        #expect(try DetectAnomaliesResult.parse(encoded) == bare)
        #expect(try JSONDecoder().decode(DetectAnomaliesResult.self, from: encoded) == bare)
        #expect(String(decoding: encoded, as: UTF8.self).contains("#23a436"))

        let minimal = DetectAnomaliesResult(isAnomalous: false, confidence: 0.75)
        let minimalJSON = try JSONEncoder().encode(minimal)
        let minimalObject = try JSONSerialization.jsonObject(with: minimalJSON) as? [String: [String: Any]]
        #expect(Set(minimalObject?["DetectAnomalyResult"]?.keys.map { $0 } ?? []) == ["IsAnomalous", "Confidence"])
        #expect(try DetectAnomaliesResult.parse(minimalJSON) == minimal)
    }

    // MARK: The sample files

    /// The repository's `samples/cookies/results`: tests read nothing outside the repository.
    static let samplesDirectory = TestFiles.samples.appendingPathComponent("results")

    static let sampleNames = [
        "anomaly-1", "anomaly-2", "anomaly-3", "anomaly-4", "anomaly-5", "anomaly-6", "normal-1", "normal-2",
        "normal-3",
    ]

    @Test("the sample result files all parse", arguments: sampleNames)
    func sampleFiles(name: String) throws {
        let url = ResultModelTests.samplesDirectory.appendingPathComponent(name + ".json")
        let bytes = [UInt8](try Data(contentsOf: url))
        let result = try DetectAnomaliesResult.parse(bytes)
        #expect(try JSONDecoder().decode(DetectAnomaliesResult.self, from: Data(bytes)) == result)
        #expect(result.sourceType == "direct")
        #expect(result.confidence > 0 && result.confidence <= 1)
        if name.hasPrefix("anomaly") {
            #expect(result.isAnomalous)
            #expect(result.anomalies.first?.isBackground == true)
            #expect(result.background?.color == .white)
            #expect(result.defectTypes.map(\.name) == ["cracked"])
            #expect(result.defectTypes.first?.color == Color(hex: "#23A436"))
            let total = result.anomalies.reduce(0) { $0 + $1.area }
            #expect(abs(total - 1) < 1e-6)
            #expect(result.anomalyMaskBytes?.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        } else {
            #expect(!result.isAnomalous)
            #expect(result.anomalies.isEmpty && result.anomalyMask == nil)
        }
    }
}
