import AnomarkKit

/// The report's columns, once: `summary.csv` writes every column in this order under its `id`, and `index.html`
/// shows the ones with a `title`, in the same order, after the thumbnail. A column's name, its place and its
/// content live in one entry, so the two outputs cannot drift apart; the page draws each shown column's cells
/// with the script's renderer of the same `id` (`ReportHTML`), from the typed values of `ReportPageData`.
struct ReportColumn: Sendable {
    /// When the page shows the column.
    enum Shown: Sendable {
        /// Only in `summary.csv`.
        case csvOnly
        /// Always.
        case always
        /// When some item has a prediction.
        case withPrediction
        /// When some item has ground truth.
        case withTruth
        /// When some item has IoU.
        case withIoU
    }

    /// The CSV header and the page's column key (also its sort key in the URL).
    let id: String
    /// The page's header; nil for a CSV-only column.
    let title: String?
    let shown: Shown
    /// Numbers are left as they are in the CSV; text cells are neutralised (`ReportCSV.field`).
    let isNumber: Bool
    /// The CSV cell.
    let text: @Sendable (ReportRecord) -> String

    init(
        _ id: String, _ title: String? = nil, shown: Shown = .csvOnly, number: Bool = false,
        _ text: @escaping @Sendable (ReportRecord) -> String
    ) {
        self.id = id
        self.title = title
        self.shown = shown
        self.isNumber = number
        self.text = text
    }
}

enum ReportColumns {
    /// Every column, in order.
    static let all: [ReportColumn] = [
        ReportColumn("file", "File", shown: .always) { $0.key },
        ReportColumn("prediction", "Prediction", shown: .withPrediction) { r in
            r.prediction.map { $0.isAnomalous ? "anomalous" : "normal" } ?? ""
        },
        // The score of "anomalous" and its threshold (`Prediction.anomalyScore`): what the page's what-if
        // threshold moves over.
        ReportColumn("score", "Score", shown: .withPrediction, number: true) { r in
            r.prediction.map { number($0.anomalyScore.value) } ?? ""
        },
        ReportColumn("threshold", number: true) { r in r.prediction.map { number($0.anomalyScore.threshold) } ?? "" },
        ReportColumn("confidence", number: true) { r in r.prediction?.confidence.map { "\($0)" } ?? "" },
        ReportColumn("anomalies", "Anomaly types (area)", shown: .withPrediction) {
            ReportSummary.areas($0.prediction?.anomalies ?? [])
        },
        ReportColumn("truth", "Ground truth", shown: .withTruth) { r in
            r.truth?.isAnomalous.map { $0 ? "anomalous" : "normal" } ?? ""
        },
        ReportColumn("truth_anomalies") { r in
            r.truth?.hasMask == true ? ReportSummary.areas(r.truth?.anomalies ?? []) : ""
        },
        ReportColumn("iou", "IoU", shown: .withIoU) { r in
            r.iou.map { "\($0.name) \(ReportSummary.fixed($0.iou, digits: 4))" }.joined(separator: "; ")
        },
        ReportColumn("status", "Status", shown: .always) { $0.status.rawValue },
        ReportColumn("error") { $0.error ?? "" },
        ReportColumn("annotated") { $0.annotated ?? "" },
        ReportColumn("thumbnail") { $0.thumbnail ?? "" },
        ReportColumn("image") { $0.image ?? "" },
        ReportColumn("result") { $0.result ?? "" },
    ]

    /// A derived number as its shortest text once rounded to 12 decimals: `1 - 0.9` is written `0.1`, not
    /// `0.09999999999999998`.
    static func number(_ x: Double) -> String { "\((x * 1e12).rounded() / 1e12)" }

    /// The columns the page shows for a report with or without predictions, ground truth and IoU.
    static func page(hasPrediction: Bool, hasTruth: Bool, hasIoU: Bool) -> [ReportColumn] {
        all.filter {
            switch $0.shown {
            case .csvOnly: false
            case .always: true
            case .withPrediction: hasPrediction
            case .withTruth: hasTruth
            case .withIoU: hasIoU
            }
        }
    }
}
