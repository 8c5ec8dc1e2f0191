import AnomarkKit

/// `summary.csv`: RFC 4180, one row per item, CRLF line ends; areas and IoU as `name value` pairs joined by `; `;
/// cells that a spreadsheet would run as formulas neutralised (`field`).
///
/// The columns are one table — header, kind and value together — so that a column's name and its content
/// cannot drift apart.
enum ReportCSV {
    /// One column: its header, whether it holds a number, and its value for a record.
    struct Column: Sendable {
        let header: String
        let isNumber: Bool
        let value: @Sendable (ReportRecord) -> String

        init(_ header: String, number: Bool = false, _ value: @escaping @Sendable (ReportRecord) -> String) {
            self.header = header
            self.isNumber = number
            self.value = value
        }
    }

    static let columns: [Column] = [
        Column("file") { $0.key },
        Column("status") { $0.status.rawValue },
        Column("prediction") { r in r.prediction.map { $0.isAnomalous ? "anomalous" : "normal" } ?? "" },
        Column("confidence", number: true) { r in r.prediction?.confidence.map { "\($0)" } ?? "" },
        Column("anomalies") { ReportSummary.areas($0.prediction?.anomalies ?? []) },
        Column("truth") { r in r.truth?.isAnomalous.map { $0 ? "anomalous" : "normal" } ?? "" },
        Column("truth_anomalies") { r in r.truth?.hasMask == true ? ReportSummary.areas(r.truth?.anomalies ?? []) : ""
        },
        Column("iou") { r in
            r.iou.map { "\($0.name) \(ReportSummary.fixed($0.iou, digits: 4))" }.joined(separator: "; ")
        },
        Column("error") { $0.error ?? "" },
        Column("annotated") { $0.annotated ?? "" },
        Column("thumbnail") { $0.thumbnail ?? "" },
        Column("image") { $0.image ?? "" },
        Column("result") { $0.result ?? "" },
    ]

    /// The header line and one line per record.
    static func render(_ records: [ReportRecord]) -> String {
        var out = columns.map(\.header).joined(separator: ",") + "\r\n"
        for record in records {
            out += columns.map { field($0.value(record), isNumber: $0.isNumber) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Quoted when it holds a comma, quote or line break; quotes doubled. A text cell (file names, class names
    /// and errors come from untrusted inputs) that a spreadsheet would take for a formula — it begins with `=`,
    /// `+`, `-`, `@`, tab or carriage return — is neutralised as OWASP recommends: a single quote before it,
    /// and the cell quoted. Numbers are left as they are (a negative number is not a formula).
    static func field(_ text: String, isNumber: Bool = false) -> String {
        if !isNumber, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        guard text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
