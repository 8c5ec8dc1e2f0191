import AnomarkKit

/// `summary.csv`: RFC 4180, one row per item, CRLF line ends; areas and IoU as `name value` pairs joined by `; `;
/// cells that a spreadsheet would run as formulas neutralised (`field`).
///
/// The columns are `ReportColumns.all`, the table the page's columns come from too.
enum ReportCSV {
    /// The header line and one line per record.
    static func render(_ records: [ReportRecord]) -> String {
        let columns = ReportColumns.all
        var out = columns.map(\.id).joined(separator: ",") + "\r\n"
        for record in records {
            out += columns.map { field($0.text(record), isNumber: $0.isNumber) }.joined(separator: ",") + "\r\n"
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
