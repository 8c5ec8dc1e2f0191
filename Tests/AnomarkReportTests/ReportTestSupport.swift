import AnomarkKit
import AnomarkReport
import Foundation
import TestSupport
import TextRender

/// Shared helpers of the report tests (files and folders come from `TestFiles`): one shared annotator, a report
/// run, and a small reader for the generated HTML.
enum ReportFixtures {
    /// One annotator (and renderer) for all tests, as a report shares one for all threads.
    static let annotator: Annotator = Annotator(
        renderer: try! TextRenderer(options: TextRendererOptions(systemFonts: false)))

    /// A folder with the four bundled images and their results beside them (`<stem>.json`).
    static func sampleFolder(in root: URL) throws -> URL {
        let folder = root.appendingPathComponent("images")
        for stem in ["anomaly-1", "anomaly-4", "anomaly-5", "normal-1"] {
            try TestFiles.copy("\(stem).jpg", to: folder.appendingPathComponent("\(stem).jpg"))
            try TestFiles.copy("results/\(stem).json", to: folder.appendingPathComponent("\(stem).json"))
        }
        return folder
    }

    /// A temporary root holding the sample folder (`sampleFolder`) and its report, made by a default run into
    /// `root/report`; the caller removes `root`.
    static func fullReport() throws -> (root: URL, folder: URL, out: URL) {
        let root = try TestFiles.tempDir()
        let folder = try sampleFolder(in: root)
        let out = root.appendingPathComponent("report")
        _ = try run([folder.path], output: out)
        return (root, folder, out)
    }

    /// Runs a quiet report.
    static func run(
        _ inputs: [String], output: URL, _ configure: (inout ReportOptions) -> Void = { _ in }
    ) throws(AnomarkError) -> ReportOutcome {
        var options = ReportOptions(outputDirectory: output.path, jobs: 2, progress: .quiet)
        configure(&options)
        return try ReportRunner(inputs: inputs, options: options, annotator: annotator).run()
    }

    /// The report of `samples/getting-started` as its users run it: the dataset's own manifest, references
    /// resolved against the dataset folder (`--base`), predictions mirrored under `predictions/`.
    static func runGettingStarted(output: URL) throws(AnomarkError) -> ReportOutcome {
        let dataset = TestFiles.gettingStarted
        return try run([dataset.appendingPathComponent("manifests/template.manifest").path], output: output) {
            $0.baseDirectory = dataset.path
            $0.resultsDirectory = dataset.appendingPathComponent("predictions").path
        }
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Values of `attribute="…"` in `html`, in order.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        let marker = " \(attribute)=\""
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return values
    }

    /// The page's data block (`<script type="application/json" id="data">`), decoded; nil when absent or not JSON.
    static func pageData(_ html: String) -> [String: Any]? {
        let open = #"<script type="application/json" id="data">"#
        guard let start = html.range(of: open), let end = html[start.upperBound...].range(of: "</script>") else {
            return nil
        }
        let json = Data(html[start.upperBound..<end.lowerBound].utf8)
        return (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
    }

    /// The items of the page's data block: what the table shows, one per image.
    static func pageItems(_ html: String) -> [[String: Any]] { pageData(html)?["items"] as? [[String: Any]] ?? [] }

    /// The table rows of the report: items in the page's data block.
    static func rowCount(_ html: String) -> Int { pageItems(html).count }

    /// Every `src`/`href` of the page and every thumbnail and annotated image URL of its data, percent-decoded.
    static func links(_ html: String) -> [String] {
        let data = pageItems(html).flatMap { item in ["th", "im"].compactMap { item[$0] as? String } }
        return (attributeValues("src", in: html) + attributeValues("href", in: html) + data).map {
            $0.removingPercentEncoding ?? $0
        }
    }

    static func fileExists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
