import AnomarkKit
import Foundation
import TextRender

/// Writes the report-level files from the item records: contact sheets, `summary.json`, `summary.csv` and,
/// last, `index.html` — each atomically, so a stopped run leaves the previous complete files, never half
/// files. Shared by a normal run and `--merge`, which is why a merged report equals a single run's.
enum ReportWriter {
    static func write(
        records: [ReportRecord], layout: ReportLayout, title: String, shard: ReportShard?, totalItems: Int,
        warnings: [String], renderer: TextRenderer, jobs: Int
    ) throws(AnomarkError) -> ReportSummary {
        let sheets = try ReportContactSheet().write(records: records, layout: layout, renderer: renderer, jobs: jobs)
        let summary = ReportSummary(
            title: title, shard: shard, totalItems: totalItems, items: records, contactSheets: sheets,
            warnings: warnings)
        try OutputFile.write(summary.jsonBytes(), to: layout.path(ReportLayout.summaryJSONFile))
        try OutputFile.write(Array(summary.csv().utf8), to: layout.path(ReportLayout.summaryCSVFile))
        try OutputFile.write(Array(ReportHTML.render(summary).utf8), to: layout.path(ReportLayout.indexFile))
        return summary
    }
}
