import AnomarkKit

/// What a report run (or merge) produced, for the CLI's exit code and closing line.
public struct ReportOutcome: Sendable {
    /// Everything written to `summary.json`.
    public var summary: ReportSummary
    /// Items rendered in this run.
    public var processed: Int
    /// Items whose outputs were up to date (a resumed run); 0 for a merge.
    public var skipped: Int
    /// A merge found shards missing: the report lacks some items.
    public var incomplete: Bool
    /// Images removed from `annotated/` and `thumbnails/` because their input disappeared.
    public var removedStale: Int

    /// An outcome.
    public init(
        summary: ReportSummary, processed: Int, skipped: Int, incomplete: Bool = false, removedStale: Int = 0
    ) {
        self.summary = summary
        self.processed = processed
        self.skipped = skipped
        self.incomplete = incomplete
        self.removedStale = removedStale
    }

    /// 0 when every item succeeded, 1 when the report was written but some items failed or had no result (or
    /// shards are missing). Failures that prevent a report are thrown as `AnomarkError` instead (64 and up).
    public var exitCode: Int32 {
        summary.counts.failed > 0 || summary.counts.noResult > 0 || incomplete ? 1 : 0
    }

    /// `1 image`, `2 images`: a count and its noun, singular for exactly one.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// `report: 500 images (12 anomalous, 480 normal, 8 failed, 2 without result), 490 up to date, removed 2
    /// stale outputs in out/index.html` ("without result" only when there are such items; `1 image`).
    package func line(reportPath: String) -> String {
        let c = summary.counts
        var text =
            "report: \(Self.count(c.images, "image")) (\(c.anomalous) anomalous, \(c.normal) normal, \(c.failed) failed"
        if c.noResult > 0 { text += ", \(c.noResult) without result" }
        text += ")"
        if skipped > 0 { text += ", \(skipped) up to date" }
        if removedStale > 0 { text += ", removed \(removedStale) stale output\(removedStale == 1 ? "" : "s")" }
        return text + " in \(reportPath)"
    }
}
