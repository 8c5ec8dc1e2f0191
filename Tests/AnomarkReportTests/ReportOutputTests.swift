import Foundation
import PageAssets
import TestSupport
import Testing

@testable import AnomarkKit
@testable import AnomarkReport

@Suite struct ReportHTMLTests {
    @Test func pageIsSelfContainedWithOneRowPerImageAndWorkingLinks() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        try TestFiles.copy("normal-1.jpg", to: folder.appendingPathComponent("no result here.jpg"))
        let out = root.appendingPathComponent("report")
        let outcome = try ReportFixtures.run([folder.path], output: out)
        let html = try ReportFixtures.read(out.appendingPathComponent("index.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(ReportFixtures.rowCount(html) == outcome.summary.items.count)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"))
        #expect(!html.contains("<link") && !html.contains("<script src"))
        let links = ReportFixtures.links(html)
        // Thumbnails (src), their full-size images and the contact sheet (href).
        #expect(links.filter { $0.hasPrefix("thumbnails/") }.count == 5)
        #expect(links.filter { $0.hasPrefix("annotated/") }.count == 5)
        #expect(links.contains("contact-sheet.png"))
        for link in links {
            #expect(!link.hasPrefix("/") && !link.contains(":"), "\(link) is not relative")
            #expect(ReportFixtures.fileExists(out.appendingPathComponent(link)), "\(link) is broken")
        }
        #expect(html.contains("<svg class=\"histogram\""))
        #expect(html.contains("id=\"filter\"") && html.contains("id=\"rows\""))
        #expect(
            html.contains("<b>3</b> anomalous") && html.contains("<b>0</b> failed")
                && html.contains("<li class=\"no-result\"><b>1</b> without result</li>"))
    }

    static func record(_ key: String, anomalous: Bool, confidence: Double, truth: Bool? = nil) -> ReportRecord {
        var r = ReportRecord(key: key, name: key, image: key, result: nil, truthMask: nil, status: .ok)
        r.prediction = .init(isAnomalous: anomalous, confidence: confidence, anomalies: [])
        if let truth { r.truth = .init(isAnomalous: truth, anomalies: [], hasMask: false) }
        return r
    }

    @Test func hostileNamesStayInsideTheDataBlock() throws {
        let name = "</script><script>alert(1)</script><!--<b>\u{2028}'\"&.jpg"
        var r = Self.record(name, anomalous: true, confidence: 0.9)
        r.prediction?.anomalies = [.init(name: "</SCRIPT x><!-- crack", color: "#FF0000\"><b>", area: 0.5)]
        r.error = "err </script >"
        r.thumbnail = "thumbnails/</script>.jpg"
        let html = ReportHTML.render(
            ReportSummary(title: "t </script>", shard: nil, totalItems: 1, items: [r], contactSheets: []))
        // One data block, and only the page's own script elements.
        #expect(html.components(separatedBy: "<script type=\"application/json\" id=\"data\">").count == 2)
        #expect(html.lowercased().components(separatedBy: "</script").count - 1 == 2)
        #expect(!html.contains("<!--") && !html.contains("alert(1)</script>") && !html.contains("\u{2028}"))
        // The data decodes back to the same strings.
        let items = ReportFixtures.pageItems(html)
        #expect(items.count == 1)
        #expect(items.first?["k"] as? String == name)
        #expect(items.first?["m"] as? String == "err </script >")
        #expect(items.first?["th"] as? String == "thumbnails/%3C/script%3E.jpg")
        let types = items.first?["a"] as? [[String: Any]]
        #expect(types?.first?["n"] as? String == "</SCRIPT x><!-- crack")
        // A colour that is not #RRGGBB never reaches a style attribute.
        #expect(types?.first?["c"] == nil)
        let classes = ReportFixtures.pageData(html)?["classes"] as? [String]
        #expect(classes == ["</SCRIPT x><!-- crack"])
        #expect(html.contains("<option>&lt;/SCRIPT x&gt;&lt;!-- crack</option>"))
    }

    @Test func dataCarriesScoresAndTheCommonThreshold() throws {
        let records = [
            Self.record("img 10.jpg", anomalous: true, confidence: 0.9, truth: true),
            Self.record("img 2.jpg", anomalous: false, confidence: 0.8, truth: true),
        ]
        let html = ReportHTML.render(
            ReportSummary(title: "t", shard: nil, totalItems: 2, items: records, contactSheets: []))
        let data = try #require(ReportFixtures.pageData(html))
        #expect(data["threshold"] as? Double == 0.5)
        #expect(data["low"] as? Double == 0 && data["high"] as? Double == 1)
        #expect(data["hasTruth"] as? Bool == true)
        let items = ReportFixtures.pageItems(html)
        // The score of "anomalous": a normal verdict at 80 % confidence is 20 % anomalous.
        #expect((items[1]["v"] as? Double).map { abs($0 - 0.2) < 1e-9 } == true)
        #expect(items.map { $0["p"] as? Int } == [1, 0])
        #expect(items.map { $0["g"] as? Int } == [1, 1])
        // The what-if slider, the matrix and the outcome filters exist with ground truth.
        #expect(html.contains("id=\"threshold\"") && html.contains("What-if threshold"))
        #expect(html.contains("data-outcome=\"fn\"") && html.contains("<option value=\"fn\">"))
    }

    @Test func mixedThresholdsOfferNoSliderAndNoTruthNoMatrix() throws {
        var raw = Self.record("a.jpg", anomalous: true, confidence: 0.9)
        raw.prediction?.score = 3.5
        raw.prediction?.threshold = 2
        let html = ReportHTML.render(
            ReportSummary(
                title: "t", shard: nil, totalItems: 2,
                items: [raw, Self.record("b.jpg", anomalous: false, confidence: 1)],
                contactSheets: []))
        #expect(ReportFixtures.pageData(html)?["threshold"] == nil)
        #expect(!html.contains("id=\"threshold\""))
        #expect(!html.contains("id=\"matrix\"") && !html.contains("<option value=\"fn\">"))
    }

    @Test func pageInlinesTheSharedAssetsOnce() {
        let html = ReportHTML.render(ReportSummary(title: "t", shard: nil, totalItems: 0, items: [], contactSheets: []))
        for asset in [
            PageAssets.virtualListScript, PageAssets.hashStateScript, PageAssets.keyHelpScript,
            PageAssets.naturalCompareScript, PageAssets.lightboxScript,
        ] {
            #expect(html.components(separatedBy: asset).count == 2)
        }
        #expect(html.contains("data-ready"))
    }

    @Test(arguments: [
        ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;"), ("plain", "plain"), ("é ✓", "é ✓"),
    ])
    func escapesText(text: String, expected: String) {
        #expect(ReportHTML.escape(text) == expected)
    }

    @Test(arguments: [
        ("annotated/a b.png", "annotated/a%20b.png"), ("thumbnails/é#?%.jpg", "thumbnails/%C3%A9%23%3F%25.jpg"),
        ("contact-sheet.png", "contact-sheet.png"),
    ])
    func encodesURLs(path: String, expected: String) {
        #expect(ReportHTML.url(path) == expected)
        #expect(expected.removingPercentEncoding == path)
    }

    @Test func histogramBinsByConfidence() {
        func record(_ confidence: Double, _ anomalous: Bool) -> ReportRecord {
            var r = ReportRecord(key: "k", name: "k", image: nil, result: nil, truthMask: nil, status: .ok)
            r.prediction = .init(isAnomalous: anomalous, confidence: confidence, anomalies: [])
            return r
        }
        let svg = ReportHTML.histogram([record(0.95, true), record(1.0, true), record(0.05, false)])
        #expect(svg.contains("90–100 %: 2 anomalous"))
        #expect(svg.contains("0–10 %: 1 normal"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2)
    }
}

@Suite struct ReportSummaryTests {
    static func sampleRecords() -> [ReportRecord] {
        var a = ReportRecord(
            key: "a, \"quoted\".jpg", name: "a", image: "x/a.jpg", result: "x/a.json", truthMask: nil, status: .ok)
        a.prediction = .init(
            isAnomalous: true, confidence: 0.9873,
            anomalies: [.init(name: "cracked", color: "#23A436", area: 0.0185, measuredArea: 0.0174)])
        a.iou = [.init(name: "cracked", intersection: 9, union: 10)]
        a.truth = .init(
            isAnomalous: true, anomalies: [.init(name: "cracked", color: "#23A436", area: 0.0174)], hasMask: true)
        var b = ReportRecord(key: "b.jpg", name: "b", image: "x/b.jpg", result: nil, truthMask: nil, status: .failed)
        b.error = "x/b.jpg: line one\nline two"
        return [a, b]
    }

    @Test func jsonRoundTrips() throws {
        let summary = ReportSummary(
            title: "T", shard: ReportShard(index: 1, count: 3), totalItems: 7, items: Self.sampleRecords(),
            contactSheets: ["contact-sheet.png"], warnings: ["w"])
        let decoded = try JSONDecoder().decode(ReportSummary.self, from: Data(summary.jsonBytes()))
        #expect(decoded == summary)
        let text = String(decoding: summary.jsonBytes(), as: UTF8.self)
        #expect(text.contains("\"iou\":0.9"))
        #expect(text.components(separatedBy: "\n").count == 2 + 2 + 1)
        #expect(text.contains("\"format\":\"anomark-report\",\"formatVersion\":2"))
    }

    @Test func csvQuotesAndHasOneRowPerItem() {
        let summary = ReportSummary(
            title: "T", shard: nil, totalItems: 2, items: Self.sampleRecords(), contactSheets: [])
        let csv = summary.csv()
        let header = ReportSummary.csvColumns.joined(separator: ",")
        #expect(csv.hasPrefix(header + "\r\n"))
        #expect(
            csv.contains(
                "\"a, \"\"quoted\"\".jpg\",anomalous,0.9873,0.5,0.9873,cracked 1.85%,anomalous,cracked 1.74%,cracked 0.9000,ok,"
            ))
        #expect(csv.contains("b.jpg,,,,,,,,,failed,\"x/b.jpg: line one\nline two\","))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func csvNeutralisesFormulasInTextCellsOnly() {
        var record = ReportRecord(
            key: "=HYPERLINK(\"http://x\",\"y\").jpg", name: "a", image: "@img.jpg", result: "+r.json",
            truthMask: nil, status: .ok)
        record.prediction = .init(
            isAnomalous: true, confidence: 0.5,
            anomalies: [.init(name: "-2+3", color: "#23A436", area: 0.01)])
        record.error = "\tcmd"
        record.annotated = "\rx"
        let csv = ReportSummary(title: "T", shard: nil, totalItems: 1, items: [record], contactSheets: []).csv()
        let row = csv.components(separatedBy: "\r\n")[1]
        #expect(
            row
                == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\").jpg\",anomalous,0.5,0.5,0.5,\"'-2+3 1.00%\",,,,ok,\"'\tcmd\","
                + "\"'\rx\",,\"'@img.jpg\",\"'+r.json\"")
        // Numbers stay numbers; text that merely contains the characters is untouched.
        #expect(ReportCSV.field("-0.25", isNumber: true) == "-0.25")
        #expect(ReportCSV.field("a=b") == "a=b")
    }

    @Test func countsFollowStatusAndPrediction() {
        var truthOnly = ReportRecord(key: "t", name: "t", image: nil, result: nil, truthMask: nil, status: .ok)
        truthOnly.truth = .init(isAnomalous: false, anomalies: [], hasMask: false)
        let missing = ReportRecord(key: "m", name: "m", image: nil, result: nil, truthMask: nil, status: .noResult)
        let counts = ReportSummary.Counts(records: Self.sampleRecords() + [truthOnly, missing])
        #expect(counts.images == 4 && counts.anomalous == 1 && counts.normal == 1)
        // "no result" is counted apart from failures.
        #expect(counts.failed == 1 && counts.noResult == 1)
    }

    @Test func readRefusesOtherFiles() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("summary.json").path
        try Data(#"{"format": "other"}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AnomarkError.self) { try ReportSummary.read(path) }
        #expect(throws: AnomarkError.self) { try ReportSummary.read(root.appendingPathComponent("none.json").path) }
    }
}

@Suite struct BatchProgressTests {
    final class Capture: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func append(_ s: String) { lock.withLock { text += s } }
    }

    @Test func plainLinesWhenNotATerminal() {
        let capture = Capture()
        let progress = BatchProgress(total: 4, mode: .lines) { capture.append($0) }
        progress.itemFinished(skipped: false, failed: false)
        progress.itemFinished(skipped: true, failed: false)
        progress.itemFinished(skipped: false, failed: true)
        progress.itemFinished(skipped: false, failed: false, withoutResult: true)
        progress.finish()
        let lines = capture.text.split(separator: "\n")
        // The first item prints at once, the next three fall within the interval, finish prints the end state.
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("report: 1/4 images, "))
        #expect(lines[1].hasPrefix("report: 4/4 images, "))
        // Without a result is not a failure, here as in the closing line.
        #expect(lines[1].hasSuffix("1 failed, 1 without result, 1 up to date"))
        #expect(!capture.text.contains("\r"))
    }

    @Test func barRedrawsInPlace() {
        let capture = Capture()
        let progress = BatchProgress(total: 2, mode: .bar) { capture.append($0) }
        progress.itemFinished(skipped: false, failed: false)
        progress.finish()
        #expect(capture.text.hasPrefix("\r[############............] 1/2 images"))
        #expect(capture.text.hasSuffix("\n"))
        #expect(capture.text.contains("ETA "))
    }

    @Test func quietPrintsNothing() {
        let capture = Capture()
        let progress = BatchProgress(total: 2, mode: .quiet) { capture.append($0) }
        progress.itemFinished(skipped: false, failed: true)
        progress.finish()
        #expect(capture.text.isEmpty)
    }

    @Test(arguments: [(0.0, "0:00"), (75.0, "1:15"), (3725.0, "1:02:05"), (Double.infinity, "?")])
    func clock(seconds: Double, expected: String) {
        #expect(BatchProgress.clock(seconds) == expected)
    }
}

@Suite struct WorkPoolTests {
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var seen: [Int] = []
        var inFlight = 0
        var peak = 0
        func begin(_ i: Int) {
            lock.withLock {
                seen.append(i)
                inFlight += 1
                peak = max(peak, inFlight)
            }
        }
        func end() { lock.withLock { inFlight -= 1 } }
    }

    @Test(arguments: [1, 2, 5])
    func everyIndexOnceAndAtMostJobsAtATime(jobs: Int) {
        let tally = Tally()
        WorkPool.forEach(count: 40, jobs: jobs) { i in
            tally.begin(i)
            usleep(500)
            tally.end()
        }
        #expect(tally.seen.sorted() == Array(0..<40))
        #expect(tally.peak <= jobs && tally.peak >= 1)
    }
}

/// `summary.csv` and the page's table come from one list of columns.
@Suite struct ReportColumnsTests {
    @Test func pageColumnsAreTheTitledColumnsInTableOrderEachWithARenderer() throws {
        let all = ReportColumns.page(hasPrediction: true, hasTruth: true, hasIoU: true).map(\.id)
        #expect(all == ReportColumns.all.filter { $0.title != nil }.map(\.id))
        #expect(all == ["file", "prediction", "score", "anomalies", "truth", "iou", "status"])
        #expect(
            ReportColumns.page(hasPrediction: true, hasTruth: false, hasIoU: false).map(\.id).contains("truth") == false
        )
        // Ground truth only: no prediction columns.
        #expect(
            ReportColumns.page(hasPrediction: false, hasTruth: true, hasIoU: false).map(\.id) == [
                "file", "truth", "status",
            ])
        // The page's script draws each of them: a renderer under the same key (a column it cannot draw would
        // otherwise be left out of the table).
        var record = ReportRecord(key: "a.jpg", name: "a", image: "a.jpg", result: nil, truthMask: nil, status: .ok)
        record.truth = .init(isAnomalous: true, anomalies: [], hasMask: false)
        let html = ReportHTML.render(
            ReportSummary(title: "T", shard: nil, totalItems: 1, items: [record], contactSheets: []))
        for id in all { #expect(html.contains(" \(id): [function (row"), "no cell renderer for \(id)") }
        #expect(html.contains("\"columns\":[{\"id\":\"file\",\"title\":\"File\"}"))
        // A normal verdict at 0.9 is 0.1 anomalous, written as such.
        #expect(ReportColumns.number(1 - 0.9) == "0.1" && ReportColumns.number(12.5) == "12.5")
    }
}
