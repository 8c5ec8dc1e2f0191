import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// `summary.json`'s schema: versioned, documented field by field, and read only in its own version; untrusted
/// strings (DDA error messages, class names, file names) escaped in the page and neutralised in the CSV.
@Suite struct ReportSummarySchemaTests {
    static let article = TestFiles.repo.appendingPathComponent(
        "Sources/AnomarkReport/AnomarkReport.docc/SummaryJSON.md")

    /// Every key of `value` and of the objects inside it, with its path (`items[].prediction.anomalies[].name`).
    private func keys(_ value: Any, _ path: String = "") -> Set<String> {
        var out = Set<String>()
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                out.insert(key)
                out.formUnion(keys(inner, path + "." + key))
            }
        } else if let array = value as? [Any] {
            for inner in array { out.formUnion(keys(inner, path + "[]")) }
        }
        return out
    }

    @Test func everyFieldWrittenIsDocumentedAndTheVersionIsTwo() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = TestFiles.gettingStarted
        // Ground truth, predictions, IoU and thresholds; a shard (its `shard` field) with a missing result.
        let outcome = try ReportFixtures.run(
            [dataset.appendingPathComponent("manifests/template.manifest").path, TestFiles.sample("normal-1.jpg")],
            output: root
        ) { options in
            options.baseDirectory = dataset.path
            options.resultsDirectory = dataset.appendingPathComponent("predictions").path
            options.shard = try! ReportShard(parsing: "0/1")
        }
        #expect(outcome.summary.counts.noResult == 1)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("summary.json")))
        let top = try #require(json as? [String: Any])
        #expect(top["format"] as? String == "anomark-report" && top["formatVersion"] as? Int == 2)
        let article = try String(contentsOf: Self.article, encoding: .utf8)
        for key in keys(json).sorted() {
            #expect(article.contains("`\(key)`"), "summary.json's \(key) is not in SummaryJSON.md")
        }
        #expect(try ReportSummary.read(root.appendingPathComponent("summary.json").path) == outcome.summary)
        // summary.csv's header is written in the article as it is in the file.
        let csv = try String(contentsOf: root.appendingPathComponent("summary.csv"), encoding: .utf8)
        let header = try #require(csv.components(separatedBy: "\r\n").first)
        #expect(article.contains("\n\(header)\n"), "summary.csv's header is not in SummaryJSON.md")
    }

    @Test func otherVersionsAreRefusedInOneLine() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("summary.json").path
        let cases: [(String, String)] = [
            (
                #"{"format": "anomark-report/1", "title": "t", "items": []}"#,
                "summary format version 1 is an older anomark's (this one reads 2): run that report again with this anomark, then merge"
            ),
            (
                #"{"format": "anomark-report", "formatVersion": 3, "items": []}"#,
                "summary format version 3 is a newer anomark's (this one reads 2): merge with the anomark that wrote it"
            ),
            (
                #"{"format": "something-else", "formatVersion": 2}"#,
                "not an Anomark report summary (format 'something-else')"
            ),
            (#"[1, 2]"#, "not an Anomark report summary (not a JSON object)"),
            (
                #"{"format": "anomark-report", "formatVersion": 2, "title": "t"}"#,
                "not an Anomark report summary (totalItems is missing)"
            ),
        ]
        for (text, message) in cases {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try ReportSummary.read(path)
                Issue.record("\(text) was read")
            } catch {
                #expect(error.description == "error: \(path): \(message)", "\(text)")
                #expect(!error.description.contains("\n"))
                #expect(error.exitCode == 65)
            }
        }
    }

    @Test func untrustedStringsAreEscapedInThePageAndNeutralisedInTheCSV() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A DDA capture whose error message is hostile, and a result whose class names are.
        let error =
            #"{"Inference status": "error", "Error msg": "<script>alert(1)</script> \"x\", =cmd|' /C calc'!A0"}"#
        let captureText = try String(
            contentsOf: TestFiles.repo.appendingPathComponent("samples/dda-capture-failed/cookie-capture-4.jsonl"),
            encoding: .utf8)
        let original = try #require(captureText.firstMatch(of: /"data": "([^"]+)"/)?.1)
        let capture = captureText.replacingOccurrences(
            of: String(original), with: Data(error.utf8).base64EncodedString())
        try Data(capture.utf8).write(to: folder.appendingPathComponent("capture.jsonl"))
        try TestFiles.copy(
            "normal-1.jpg", to: root.appendingPathComponent("dda/cookie-capture-4.jpg"))
        try TestFiles.copy("normal-1.jpg", to: folder.appendingPathComponent("<b>x</b>.jpg"))
        let result = """
            {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
              {"Name": "=HYPERLINK(\\"http://x\\")", "PixelAnomaly": {"TotalPercentageArea": 0.06, "Color": "#FF0000"}},
              {"Name": "<img src=x onerror=alert(2)>", "PixelAnomaly": {"TotalPercentageArea": 0.04, "Color": "#0000FF"}}]}
            """
        try Data(result.utf8).write(to: folder.appendingPathComponent("<b>x</b>.json"))
        let out = root.appendingPathComponent("r")
        let outcome = try ReportFixtures.run([folder.path], output: out) {
            $0.pathMap = try! PathMap(parsing: ["/aws_dda/inference-results/cookie-workflow=\(root.path)/dda"])
        }
        #expect(outcome.summary.items.count == 2)
        #expect(outcome.summary.items.contains { $0.error?.contains("<script>alert(1)</script>") == true })
        let html = try ReportFixtures.read(out.appendingPathComponent("index.html"))
        for raw in ["<script>alert(1)", "<img src=x", "<b>x</b>"] { #expect(!html.contains(raw), "\(raw)") }
        // Inside the page's JSON block (ScriptJSON: `<`, `>` and `&` as \u escapes, so no `</script` or `<!--`);
        // the script puts them in the DOM only as text.
        #expect(html.contains(#"\u003cscript\u003ealert(1)\u003c/script\u003e"#))
        #expect(html.contains(#"\u003cimg src=x onerror=alert(2)\u003e"#))
        #expect(html.contains(#"\u003cb\u003ex\u003c/b\u003e.jpg"#))
        let csv = try ReportFixtures.read(out.appendingPathComponent("summary.csv"))
        // The class list begins with the formula: neutralised with a quote, and the cell quoted (quotes doubled).
        #expect(csv.contains(#","'=HYPERLINK(""http://x"") 6.00%; <img src=x onerror=alert(2)> 4.00%","#))
        // The error message's quotes are doubled inside a quoted cell, so its comma splits nothing.
        let errorLine = try #require(csv.split(separator: "\r\n").first { $0.contains("alert(1)") })
        #expect(errorLine.contains(#"<script>alert(1)</script> ""x"", =cmd|' /C calc'!A0""#))
    }
}
