import AnomarkKit
import Foundation
import TextRender

/// Shared helpers of the report tests: the bundled samples, temp folders, one shared annotator, and a small
/// reader for the generated HTML.
enum ReportFixtures {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = repo.appendingPathComponent("samples/cookies")

    /// One annotator (and renderer) for all tests, as a report shares one for all threads.
    static let annotator: Annotator = Annotator(
        renderer: try! TextRenderer(options: TextRendererOptions(systemFonts: false)))

    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

    /// A fresh empty folder.
    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("anomark-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a bundled sample file to `destination` (folders created).
    static func copy(_ sampleName: String, to destination: URL) throws {
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sample(sampleName), toPath: destination.path)
    }

    /// A folder with the four bundled images and their results beside them (`<stem>.json`).
    static func sampleFolder(in root: URL) throws -> URL {
        let folder = root.appendingPathComponent("images")
        for stem in ["anomaly-1", "anomaly-4", "anomaly-5", "normal-1"] {
            try copy("\(stem).jpg", to: folder.appendingPathComponent("\(stem).jpg"))
            try copy("results/\(stem).json", to: folder.appendingPathComponent("\(stem).json"))
        }
        return folder
    }

    /// Runs a quiet report.
    static func run(
        _ inputs: [String], output: URL, _ configure: (inout ReportOptions) -> Void = { _ in }
    ) throws(AnomarkError) -> ReportOutcome {
        var options = ReportOptions(outputDirectory: output.path, jobs: 2, progress: .quiet)
        configure(&options)
        return try ReportRunner(inputs: inputs, options: options, annotator: annotator).run()
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

    /// The table rows of the report (`<tr data-status=…>`).
    static func rowCount(_ html: String) -> Int { html.components(separatedBy: "<tr data-status=").count - 1 }

    /// Every `src`/`href` of the page, percent-decoded.
    static func links(_ html: String) -> [String] {
        (attributeValues("src", in: html) + attributeValues("href", in: html)).map { $0.removingPercentEncoding ?? $0 }
    }

    static func fileExists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
