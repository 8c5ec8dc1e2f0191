import AnomarkKit
import Detections
import Foundation
import Overlay
import PageAssets
import Raster

/// `index.html`: the report a person browses. One self-contained file: inline CSS, inline SVG and a small
/// inline script; every link is relative (`thumbnails/…`, `annotated/…`, `contact-sheet.png`), nothing is
/// fetched from the network, so the folder can be zipped, mailed or served from anywhere.
///
/// Contents: counts (anomalous / normal / failed), a confidence histogram, classification metrics and mean IoU
/// when there is ground truth, and a table with one row per image — thumbnail (linked to the full annotated
/// image), file, prediction, confidence, anomaly types and areas, ground truth and IoU, error. Headers sort the
/// table, a search box and a status menu filter it, all in the page without a server. Thumbnails load lazily.
///
/// For automated checks the page reports on itself once its images have loaded: `<body data-rows="N"
/// data-images="M" data-broken-images="K">`. Opened as `index.html#check`, every image loads eagerly first
/// (see `tools/report-browser-check`).
enum ReportHTML {
    /// The whole page for a summary.
    public static func render(_ summary: ReportSummary) -> String {
        let records = summary.items
        let hasTruth = records.contains { $0.truth != nil }
        let hasIoU = records.contains { !$0.iou.isEmpty }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="anomark report">
            <title>\(escape(summary.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(summary.title))</h1>

            """
        html += summarySection(summary)
        html += """
            <div class="controls">
            <input id="filter" type="search" placeholder="Filter by file, type or error" aria-label="Filter">
            <select id="status" aria-label="Status">
            <option value="">All</option><option value="anomalous">Anomalous</option>\
            <option value="normal">Normal</option><option value="failed">Failed</option>\
            <option value="no-result">No result</option>
            </select>
            <span id="shown"></span>
            </div>
            <table id="items">
            <thead><tr><th>Image</th><th data-sort="text">File</th><th data-sort="text">Prediction</th>\
            <th data-sort="number">Confidence</th><th data-sort="text">Anomaly types (area)</th>
            """
        if hasTruth { html += "<th data-sort=\"text\">Ground truth</th>" }
        if hasIoU { html += "<th data-sort=\"number\">IoU</th>" }
        html += "<th data-sort=\"text\">Status</th></tr></thead>\n<tbody>\n"
        for record in records { html += row(record, hasTruth: hasTruth, hasIoU: hasIoU) }
        html += "</tbody>\n</table>\n<script>\(script)</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: Summary

    static func summarySection(_ summary: ReportSummary) -> String {
        let c = summary.counts
        var html = "<section class=\"summary\">\n<ul class=\"counts\">\n"
        html += "<li><b>\(c.images)</b> images</li>\n"
        html += "<li class=\"anomalous\"><b>\(c.anomalous)</b> anomalous</li>\n"
        html += "<li class=\"normal\"><b>\(c.normal)</b> normal</li>\n"
        html += "<li class=\"failed\"><b>\(c.failed)</b> failed"
        if c.noResult > 0 { html += " (\(c.noResult) without result)" }
        html += "</li>\n</ul>\n"
        if let shard = summary.shard {
            html += "<p class=\"note\">Shard \(shard) of \(summary.totalItems) images in all.</p>\n"
        }
        html += "<div class=\"figures\">\n<figure>\n\(histogram(summary.items))"
        html += "<figcaption>Confidence of the predictions</figcaption>\n</figure>\n"
        html += metricsTables(summary.metrics)
        html += "</div>\n"
        if !summary.contactSheets.isEmpty {
            let links = summary.contactSheets.enumerated().map { i, path in
                "<a href=\"\(url(path))\">\(summary.contactSheets.count == 1 ? "Contact sheet" : "Page \(i + 1)")</a>"
            }
            html += "<p class=\"sheets\">Contact sheet: \(links.joined(separator: " · "))</p>\n"
        }
        for warning in summary.warnings { html += "<p class=\"warning\">\(escape(warning))</p>\n" }
        return html + "</section>\n"
    }

    /// Ten bins of confidence (0–10 % … 90–100 %), anomalous predictions stacked on normal ones; predictions
    /// without a confidence (anomaly maps' scores) are not binned.
    static func histogram(_ records: [ReportRecord]) -> String {
        var anomalous = [Int](repeating: 0, count: 10)
        var normal = [Int](repeating: 0, count: 10)
        for record in records where record.status == .ok {
            guard let p = record.prediction, let confidence = p.confidence else { continue }
            let bin = min(9, max(0, Int(confidence * 10)))
            if p.isAnomalous { anomalous[bin] += 1 } else { normal[bin] += 1 }
        }
        let peak = max(1, zip(anomalous, normal).map { $0 + $1 }.max() ?? 1)
        let (width, height, left, bottom, barWidth) = (420, 180, 36, 24, 36)
        let plot = height - bottom - 10
        var svg = "<svg class=\"histogram\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
        svg += "role=\"img\" aria-label=\"Confidence histogram\">\n"
        svg +=
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 4)\" y2=\"\(height - bottom)\" "
            + "class=\"axis\"/>\n"
        svg += "<text x=\"\(left - 6)\" y=\"\(height - bottom - plot + 4)\" text-anchor=\"end\">\(peak)</text>\n"
        svg += "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>\n"
        for bin in 0..<10 {
            let x = left + 4 + bin * (barWidth + 2)
            let normalHeight = normal[bin] * plot / peak
            let anomalousHeight = anomalous[bin] * plot / peak
            let base = height - bottom
            let range = "\(bin * 10)–\(bin * 10 + 10) %"
            if normalHeight > 0 {
                svg += "<rect class=\"normal\" x=\"\(x)\" y=\"\(base - normalHeight)\" width=\"\(barWidth)\" "
                svg += "height=\"\(normalHeight)\"><title>\(range): \(normal[bin]) normal</title></rect>\n"
            }
            if anomalousHeight > 0 {
                svg += "<rect class=\"anomalous\" x=\"\(x)\" y=\"\(base - normalHeight - anomalousHeight)\" "
                svg += "width=\"\(barWidth)\" height=\"\(anomalousHeight)\"><title>\(range): \(anomalous[bin]) "
                svg += "anomalous</title></rect>\n"
            }
            if bin % 2 == 0 {
                svg += "<text x=\"\(x)\" y=\"\(height - 8)\">\(bin * 10)%</text>\n"
            }
        }
        svg += "<text x=\"\(left + 4 + 10 * (barWidth + 2) - 2)\" y=\"\(height - 8)\" text-anchor=\"end\">100%</text>\n"
        return svg + "</svg>\n"
    }

    static func metricsTables(_ metrics: ReportMetrics) -> String {
        var html = ""
        if let m = metrics.classification {
            func ratio(_ value: Double?) -> String { value.map { Panel.percent($0) } ?? "—" }
            html += "<table class=\"metrics\"><caption>Classification (\(m.total) images with ground truth)"
            html += "</caption>\n"
            html += "<tr><th>Accuracy</th><td>\(ratio(m.accuracy))</td></tr>\n"
            html += "<tr><th>Precision</th><td>\(ratio(m.precision))</td></tr>\n"
            html += "<tr><th>Recall</th><td>\(ratio(m.recall))</td></tr>\n"
            html += "<tr><th>F1</th><td>\(ratio(m.f1))</td></tr>\n"
            html += "<tr><th>True / false positives</th><td>\(m.truePositives) / \(m.falsePositives)</td></tr>\n"
            html += "<tr><th>True / false negatives</th><td>\(m.trueNegatives) / \(m.falseNegatives)</td></tr>\n"
            html += "</table>\n"
        }
        if !metrics.meanIoU.isEmpty {
            html += "<table class=\"metrics\"><caption>Mean IoU per anomaly type</caption>\n"
            html += "<tr><th>Type</th><th>Mean IoU</th><th>Images</th></tr>\n"
            for entry in metrics.meanIoU {
                html += "<tr><td>\(escape(entry.name))</td><td>\(ReportSummary.fixed(entry.meanIoU, digits: 3))</td>"
                html += "<td>\(entry.images)</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }

    // MARK: Rows

    static func row(_ r: ReportRecord, hasTruth: Bool, hasIoU: Bool) -> String {
        let status: String
        switch r.status {
        case .failed: status = "failed"
        case .noResult: status = "no-result"
        case .ok: status = r.displayedAnomalous.map { $0 ? "anomalous" : "normal" } ?? "unknown"
        }
        let prediction = r.prediction.map { $0.isAnomalous ? "Anomalous" : "Normal" } ?? ""
        let types = r.prediction?.anomalies ?? []
        let truthText = r.truth.map { t in t.isAnomalous.map { $0 ? "Anomalous" : "Normal" } ?? "unlabelled" } ?? ""
        let search = ([r.key, prediction, r.error ?? "", truthText] + types.map(\.name)).joined(separator: " ")
            .lowercased()
        var html = "<tr data-status=\"\(status)\" data-search=\"\(escape(search))\">"
        if let thumbnail = r.thumbnail {
            let size = r.thumbnailWidth.map { w in " width=\"\(w)\" height=\"\(r.thumbnailHeight ?? w)\"" } ?? ""
            html += "<td class=\"thumb\"><a href=\"\(url(r.annotated ?? thumbnail))\"><img src=\"\(url(thumbnail))\""
            html += "\(size) loading=\"lazy\" alt=\"\(escape(r.key))\"></a></td>"
        } else {
            html += "<td class=\"thumb none\">no image</td>"
        }
        html += "<td class=\"file\">\(escape(r.key))</td>"
        html += "<td class=\"\(status)\">\(prediction)</td>"
        if let confidence = r.prediction?.confidence {
            html += "<td data-value=\"\(confidence)\">\(Panel.percent(confidence))</td>"
        } else if let score = r.prediction?.score {
            html += "<td data-value=\"\">score \(Panel.decimal(score))</td>"
        } else {
            html += "<td data-value=\"\"></td>"
        }
        html += "<td>\(areaList(types))</td>"
        if hasTruth {
            var cell = escape(truthText)
            if let t = r.truth, t.hasMask, !t.anomalies.isEmpty { cell += "<br>" + areaList(t.anomalies) }
            html += "<td>\(cell)</td>"
        }
        if hasIoU {
            let mean = r.iou.isEmpty ? "" : "\(r.iou.map(\.iou).reduce(0, +) / Double(r.iou.count))"
            let cell = r.iou.map { "\(escape($0.name)) \(ReportSummary.fixed($0.iou, digits: 3))" }
                .joined(separator: "<br>")
            html += "<td data-value=\"\(mean)\">\(cell)</td>"
        }
        var statusCell = r.status.rawValue
        if let error = r.error { statusCell += ": " + error }
        if !r.warnings.isEmpty { statusCell += " (" + r.warnings.joined(separator: "; ") + ")" }
        html += "<td class=\"status\">\(escape(statusCell))</td></tr>\n"
        return html
    }

    /// `■ cracked 1.85% (mask 1.84%)`, one type per line, with a swatch in the type's colour.
    static func areaList(_ types: [ReportRecord.TypeArea]) -> String {
        types.map { t in
            let swatch = Color(hex: t.color).map {
                "<span class=\"swatch\" style=\"background:\($0.hexString)\"></span>"
            }
            var text = (swatch ?? "") + escape(t.name) + " " + Panel.percent(t.area)
            // The measured area is shown when it differs by more than annotate --summary's one point.
            if let measured = t.measuredArea, abs(measured - t.area) > AnnotateSummary.tolerance {
                text += " (mask \(Panel.percent(measured)))"
            }
            return text
        }.joined(separator: "<br>")
    }

    // MARK: Text

    /// Escapes `& < > " '` for text and attribute values (`HTMLText.escape`).
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A relative URL for a report path: each segment percent-encoded (UTF-8), `/` kept (`HTMLText.url`).
    public static func url(_ relativePath: String) -> String { HTMLText.url(relativePath) }

    // MARK: Assets

    static let style = """

        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #212121; }
        h1 { font-size: 1.5em; margin: 0 0 .5em; }
        .counts { display: flex; gap: 1.5em; list-style: none; padding: 0; font-size: 1.1em; }
        .counts b { font-size: 1.4em; }
        .anomalous, .counts .anomalous b { color: #d32f2f; }
        .normal, .counts .normal b { color: #2e7d32; }
        .failed, .no-result, .counts .failed b { color: #757575; }
        .figures { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
        figure { margin: 0; }
        figcaption { font-size: .9em; color: #555; text-align: center; }
        svg.histogram text { font-size: 11px; fill: #555; }
        svg.histogram .axis { stroke: #999; }
        svg.histogram rect.anomalous { fill: #d32f2f; }
        svg.histogram rect.normal { fill: #2e7d32; }
        table.metrics { border-collapse: collapse; }
        table.metrics caption { font-weight: bold; text-align: left; }
        table.metrics th, table.metrics td { text-align: left; padding: 2px 12px 2px 0; }
        .warning { color: #b26a00; }
        .controls { margin: 1em 0; display: flex; gap: 1em; align-items: center; }
        .controls input { width: 24em; }
        #items { border-collapse: collapse; width: 100%; }
        #items th, #items td { border-bottom: 1px solid #ddd; padding: 4px 8px; vertical-align: top; text-align: left; }
        #items th[data-sort] { cursor: pointer; user-select: none; }
        #items th[aria-sort=ascending]::after { content: " ▲"; }
        #items th[aria-sort=descending]::after { content: " ▼"; }
        #items td.thumb img { width: auto; height: auto; max-height: 200px; max-width: 400px; display: block; }
        #items td.file { word-break: break-all; max-width: 20em; }
        #items td.status { max-width: 28em; word-break: break-word; }
        .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; border: 1px solid #0003; }

        """

    static let script = """

        (function () {
          var table = document.getElementById('items');
          var tbody = table.tBodies[0];
          var rows = Array.prototype.slice.call(tbody.rows);
          var sortColumn = -1, ascending = true;
          table.tHead.addEventListener('click', function (event) {
            var th = event.target.closest('th');
            if (!th || !th.dataset.sort) return;
            var column = th.cellIndex, numeric = th.dataset.sort === 'number';
            ascending = sortColumn === column ? !ascending : true;
            sortColumn = column;
            function key(row) {
              var cell = row.cells[column];
              var value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
              if (!numeric) return value.toLowerCase();
              return value === '' ? -Infinity : parseFloat(value);
            }
            rows.sort(function (a, b) {
              var x = key(a), y = key(b);
              return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
            });
            rows.forEach(function (row) { tbody.appendChild(row); });
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          });
          var filter = document.getElementById('filter');
          var status = document.getElementById('status');
          var shown = document.getElementById('shown');
          function apply() {
            var query = filter.value.trim().toLowerCase(), wanted = status.value, count = 0;
            rows.forEach(function (row) {
              var visible = (!wanted || row.dataset.status === wanted) &&
                (!query || row.dataset.search.indexOf(query) >= 0);
              row.hidden = !visible;
              if (visible) count++;
            });
            shown.textContent = count + ' of ' + rows.length + ' shown';
          }
          filter.addEventListener('input', apply);
          status.addEventListener('change', apply);
          apply();
          // Self-check for automated tests: load every image, then report rows and broken images on <body>.
          var images = Array.prototype.slice.call(document.images);
          if (location.hash === '#check') images.forEach(function (img) { img.loading = 'eager'; });
          Promise.all(images.map(function (img) {
            if (img.complete) return Promise.resolve();
            return new Promise(function (done) {
              img.addEventListener('load', done);
              img.addEventListener('error', done);
            });
          })).then(function () {
            document.body.dataset.rows = rows.length;
            document.body.dataset.images = images.length;
            document.body.dataset.brokenImages =
              images.filter(function (img) { return img.naturalWidth === 0; }).length;
          });
        })();

        """
}
