import AnomarkKit
import Codecs
import Foundation
import Overlay
import Raster
import TextRender

/// `contact-sheet.png`: the report's images as a grid of labelled thumbnails, colour-coded by prediction
/// (red anomalous, green normal, grey failed, orange no result), for a glance or a printout.
///
/// Memory stays bounded whatever the batch: a page holds at most `columns × rows` (48) cells — about 7 MB of
/// pixels, no more than the images in flight while rendering — and more items continue on
/// `contact-sheet-2.png` and so on. Each page is built from the thumbnails on disk and released before the next;
/// cells are decoded and scaled in parallel and pasted as they come. Text uses the report's shared
/// `TextRenderer`.
struct ReportContactSheet: Sendable {
    /// Cells per row.
    var columns = 8
    /// Rows per page.
    var rows = 6
    /// The box each thumbnail is fitted into.
    var cellImageSize = 160
    /// Space around and between cells, in pixels.
    var padding = 8
    /// Width of the colour-coded frame around each thumbnail.
    var border = 3
    /// Label text size in pixels.
    var fontSize = 12

    /// Frame and label colour of anomalous items (red).
    static let anomalousColor = Color(r: 0xD3, g: 0x2F, b: 0x2F)
    /// Frame and label colour of normal items (green).
    static let normalColor = Color(r: 0x2E, g: 0x7D, b: 0x32)
    /// Frame and label colour of failed items (grey).
    static let failedColor = Color(r: 0x75, g: 0x75, b: 0x75)
    /// Frame and label colour of items without a result (orange).
    static let noResultColor = Color(r: 0xEF, g: 0x6C, b: 0x00)
    static let background = Color.white
    static let textColor = Color(r: 0x21, g: 0x21, b: 0x21)
    static let placeholder = Color(r: 0xEE, g: 0xEE, b: 0xEE)

    /// The default layout: 8 × 6 cells of 160 px.
    init() {}

    /// Items per page.
    var perPage: Int { columns * rows }

    /// Pages for `count` items (at least one, so an empty report still has its sheet).
    func pageCount(for count: Int) -> Int { max(1, (count + perPage - 1) / perPage) }

    /// The colour of an item's frame and status line.
    static func color(for record: ReportRecord) -> Color {
        switch record.status {
        case .failed: return failedColor
        case .noResult: return noResultColor
        case .ok: return record.displayedAnomalous == true ? anomalousColor : normalColor
        }
    }

    /// The status line under a thumbnail: `Anomalous 98.73%`, `Normal 12.00%`, `Truth: Anomalous`, `failed`.
    static func statusText(for record: ReportRecord) -> String {
        switch record.status {
        case .failed: return "failed"
        case .noResult: return "no result"
        case .ok:
            if let p = record.prediction {
                let figure =
                    p.confidence.map { Panel.percent($0) } ?? p.score.map { "score \(Panel.decimal($0))" } ?? ""
                return "\(p.isAnomalous ? "Anomalous" : "Normal") \(figure)"
            }
            if let t = record.truth?.isAnomalous { return "Truth: \(t ? "Anomalous" : "Normal")" }
            return "annotated"
        }
    }

    /// Writes every page into the report folder and removes pages left over from a larger earlier run.
    /// Returns the pages' relative paths.
    func write(records: [ReportRecord], layout: ReportLayout, renderer: TextRenderer, jobs: Int) throws(AnomarkError)
        -> [String]
    {
        var pages: [String] = []
        for page in 0..<pageCount(for: records.count) {
            let slice = Array(records.dropFirst(page * perPage).prefix(perPage))
            let image = render(slice, layout: layout, renderer: renderer, jobs: jobs)
            let relative = ReportLayout.contactSheetRelative(page: page)
            let path = layout.path(relative)
            let bytes = try AnnotateJob.encode(image, format: .png(.fast), name: path)
            try OutputFile.write(bytes, to: path)
            pages.append(relative)
        }
        var stale = pages.count
        while FileManager.default.fileExists(atPath: layout.path(ReportLayout.contactSheetRelative(page: stale))) {
            try? FileManager.default.removeItem(atPath: layout.path(ReportLayout.contactSheetRelative(page: stale)))
            stale += 1
        }
        return pages
    }

    /// One page for up to `perPage` records.
    func render(_ records: [ReportRecord], layout: ReportLayout, renderer: TextRenderer, jobs: Int) -> Pixmap {
        let lineHeight = renderer.measure("Ag", size: fontSize).lineHeight
        let ascent = renderer.measure("Ag", size: fontSize).ascent
        let cellWidth = cellImageSize + 2 * border
        let cellHeight = cellImageSize + 2 * border + 2 * lineHeight + 4
        let used = max(1, records.count)
        let pageColumns = min(columns, used)
        let pageRows = (used + columns - 1) / columns
        var page = Pixmap(
            width: padding + pageColumns * (cellWidth + padding), height: padding + pageRows * (cellHeight + padding),
            fill: Self.background)
        @Sendable func origin(_ i: Int) -> (x: Int, y: Int) {
            (padding + (i % columns) * (cellWidth + padding), padding + (i / columns) * (cellHeight + padding))
        }
        for (i, record) in records.enumerated() {
            let (x, y) = origin(i)
            page.fill(
                Rect(x: x, y: y, width: cellWidth, height: cellImageSize + 2 * border), with: Self.color(for: record))
            page.fill(
                Rect(x: x + border, y: y + border, width: cellImageSize, height: cellImageSize), with: Self.placeholder)
        }
        // Decode and scale the thumbnails in parallel, each pasted as soon as it is ready, so that no more than
        // `jobs` cells exist besides the page.
        let canvas = Canvas(page)
        page = Pixmap(width: 0, height: 0)
        let side = cellImageSize
        let inset = border
        WorkPool.forEach(count: records.count, jobs: jobs) { i in
            guard let thumbnail = records[i].thumbnail,
                let bytes = try? FileIO.read(layout.path(thumbnail)),
                let decoded = try? ImageDecoder.decode(bytes)
            else { return }
            let cell = ReportThumbnail.fitting(decoded.upright, maxWidth: side, maxHeight: side)
            let (x, y) = origin(i)
            canvas.paste(cell, x: x + inset + (side - cell.width) / 2, y: y + inset + (side - cell.height) / 2)
        }
        page = canvas.take()
        // Text goes through the shared renderer, serially.
        for (i, record) in records.enumerated() {
            let (x, y) = origin(i)
            let name = renderer.ellipsizeMiddle(record.key, size: fontSize, maxWidth: cellWidth)
            let textTop = y + cellImageSize + 2 * border + 2
            renderer.draw(name, size: fontSize, into: &page, x: x, baseline: textTop + ascent, color: Self.textColor)
            renderer.draw(
                Self.statusText(for: record), size: fontSize, into: &page, x: x,
                baseline: textTop + lineHeight + ascent, color: Self.color(for: record))
        }
        return page
    }

    /// The page while workers paste cells into it.
    private final class Canvas: @unchecked Sendable {
        private let lock = NSLock()
        private var page: Pixmap

        init(_ page: Pixmap) { self.page = page }
        func paste(_ cell: Pixmap, x: Int, y: Int) { lock.withLock { page.blit(cell, x: x, y: y, blend: true) } }
        func take() -> Pixmap {
            lock.withLock {
                let taken = page
                page = Pixmap(width: 0, height: 0)
                return taken
            }
        }
    }
}
