import AnomarkKit
import Foundation

/// Where everything goes in a report folder. Item names come from `ReportNaming` (no `/`, no `..`), so every
/// path here stays inside the folder.
///
///     OUTDIR/index.html               the browsable report (self-contained, relative links)
///     OUTDIR/summary.json, summary.csv  one row per image; summary.json also carries what a merge needs
///     OUTDIR/contact-sheet.png        labelled thumbnails (more pages: contact-sheet-2.png, …)
///     OUTDIR/annotated/<name>.png     full-size annotated images (.jpg with --annotated-format jpg)
///     OUTDIR/thumbnails/<name>.jpg    table thumbnails
///     OUTDIR/.anomark/items.jsonl     the records of finished items (items-K-of-N.jsonl for shard K/N):
///                                     what makes a stopped run resumable (ReportResume)
///     OUTDIR/.anomark/outputs.json    the files runs wrote, per item: what a run may remove (ReportOwnedOutputs)
package struct ReportLayout: Sendable {
    /// The report folder, without a trailing `/`.
    package let root: String

    /// Full-size annotated PNGs.
    static let annotatedFolder = "annotated"
    /// JPEG thumbnails for the HTML table and the contact sheet.
    static let thumbnailsFolder = "thumbnails"
    /// The report's own bookkeeping; a folder holding it is a report, never read as input.
    static let markerFolder = ".anomark"
    /// Per-item record files of earlier versions, read once and replaced by journal lines (`ReportResume`).
    static let legacyRecordsFolder = ".anomark/items"
    /// The browsable report.
    package static let indexFile = "index.html"
    /// Everything, including what `--merge` needs.
    static let summaryJSONFile = "summary.json"
    /// One row per image.
    static let summaryCSVFile = "summary.csv"

    /// The layout of the report folder `root`.
    package init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// `annotated/<name>.png` (or `.jpg`, with `--annotated-format jpg`).
    static func annotatedRelative(_ name: String, fileExtension: String = "png") -> String {
        "\(annotatedFolder)/\(name).\(fileExtension)"
    }
    /// `thumbnails/<name>.jpg`.
    static func thumbnailRelative(_ name: String) -> String { "\(thumbnailsFolder)/\(name).jpg" }

    /// `contact-sheet.png` for the first page, `contact-sheet-2.png` … for the next.
    static func contactSheetRelative(page: Int) -> String {
        page == 0 ? "contact-sheet.png" : "contact-sheet-\(page + 1).png"
    }

    /// A path inside the report folder.
    package func path(_ relative: String) -> String { "\(root)/\(relative)" }
    func annotatedPath(_ name: String, fileExtension: String = "png") -> String {
        path(Self.annotatedRelative(name, fileExtension: fileExtension))
    }
    func thumbnailPath(_ name: String) -> String { path(Self.thumbnailRelative(name)) }
    func legacyRecordPath(_ name: String) -> String { path("\(Self.legacyRecordsFolder)/\(name).json") }

    /// Creates the folder and its subfolders; `.cannotCreate` (73) when that fails.
    func create() throws(AnomarkError) {
        for folder in [root, path(Self.annotatedFolder), path(Self.thumbnailsFolder), path(Self.markerFolder)] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                if !isDirectory.boolValue {
                    throw AnomarkError(.cannotCreate, file: folder, "exists and is not a folder")
                }
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw AnomarkError(
                    .cannotCreate, file: folder, "cannot create the folder: \(error.localizedDescription)")
            }
        }
    }
}
