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
/// when there is ground truth (server-rendered, the stored verdicts), then the review tools and the table. The
/// items are one JSON block (`ReportPageData`, escaped by `ScriptJSON`), not DOM rows: the script draws a
/// virtual table (only the rows in view exist, thumbnails lazy-loaded), so 10,000 items cost what 50 do.
///
/// Review tools (all in the page, no server): filters by name, status (with TP / FP / FN / TN and "misclassified"
/// when there is ground truth), class and confidence range (two handles); misclassified rows marked; sorting by
/// any column, numbers by value and names naturally (`img 2` before `img 10`); a confusion matrix whose cells
/// filter the table; a what-if threshold over the stored scores re-deriving the predictions, the matrix,
/// precision, recall and F1; a precision-recall curve; a lightbox (zoom, pan, ←/→ within the filter, truth /
/// prediction halves, `?` for the keys). Filters, sort, threshold and the open item live in the URL fragment.
/// The lightbox, virtual list, key help, natural order and URL state are `PageAssets`' shared scripts.
///
/// For automated checks the page marks `<body data-ready>` (and `data-ready-ms`, since navigation) once the
/// first screen of rows is drawn, and `data-shown` (items passing the filters). Opened as `index.html#check`,
/// it also loads every thumbnail and reports `<body data-rows="N" data-images="M" data-broken-images="K">`
/// (see `tools/report-browser-check`).
enum ReportHTML {
    /// The whole page for a summary.
    static func render(_ summary: ReportSummary) -> String {
        let data = ReportPageData(summary)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="anomark report">
            <meta name="color-scheme" content="light dark">
            <title>\(escape(summary.title))</title>
            <style>\(style)\(PageAssets.lightboxStyle)\(PageAssets.keyHelpStyle)</style>
            </head>
            <body>
            <h1>\(escape(summary.title))</h1>

            """
        html += summarySection(summary)
        html += reviewSection(data)
        html += """
            <div class="controls" role="search">
            <input id="filter" type="search" placeholder="Filter by name, type or error ( / )" aria-label="Filter by name">
            <select id="status" aria-label="Status">\(statusOptions(data))</select>
            <select id="class" aria-label="Class"><option value="">all classes</option>\(
                data.classes.map { "<option>\(escape($0))</option>" }.joined())</select>
            <span class="range" title="Confidence range"><span>confidence</span>
            <span class="handles"><input id="conf-lo" type="range" min="0" max="100" step="1" value="0" aria-label="Lowest confidence">\
            <input id="conf-hi" type="range" min="0" max="100" step="1" value="100" aria-label="Highest confidence"></span>
            <output id="conf-text">0–100 %</output></span>
            <span id="shown"></span>
            <button type="button" id="help-button" title="Keys (?)">?</button>
            </div>
            <div id="items" role="table" aria-label="Images">
            <div class="head row" role="row"></div>
            <div id="rows" role="rowgroup"></div>
            </div>
            <div id="print-list"></div>
            \(PageAssets.keyHelpDialog(keys))
            <script type="application/json" id="data">\(data.scriptJSON())</script>
            <script>
            \(PageAssets.virtualListScript)
            \(PageAssets.hashStateScript)
            \(PageAssets.keyHelpScript)
            \(PageAssets.naturalCompareScript)
            \(PageAssets.lightboxScript)
            \(script)
            </script>
            </body>
            </html>

            """
        return html
    }

    /// The keys, for the help dialog (`?`).
    static let keys: [(keys: String, action: String)] = [
        ("/", "filter by name"), ("Enter or click", "open the first listed image, or the one clicked"),
        ("→ / ←", "next / previous image of the filtered list (in the viewer)"),
        ("+ / − / 0", "zoom in, out, fit; the wheel zooms, dragging pans"),
        ("t", "ground truth, prediction, both (side-by-side pictures)"), ("?", "this help"), ("Esc", "close"),
    ]

    /// The status menu: the outcomes against ground truth only when there are both.
    static func statusOptions(_ data: ReportPageData) -> String {
        var options = [("", "all statuses"), ("anomalous", "anomalous"), ("normal", "normal")]
        if data.hasTruth && data.hasPrediction {
            options += [
                ("wrong", "misclassified (FP + FN)"), ("fp", "false positives"), ("fn", "false negatives"),
                ("tp", "true positives"), ("tn", "true negatives"),
            ]
        }
        options += [("failed", "failed"), ("no-result", "no result")]
        return options.map { "<option value=\"\($0.0)\">\($0.1)</option>" }.joined()
    }

    /// The what-if threshold, the confusion matrix with live ratios and the precision-recall curve (the last two
    /// with ground truth only). Filled and kept up to date by the script.
    /// Without any prediction there is nothing to review against the ground truth: a note says so instead of
    /// an all-zero matrix.
    static func reviewSection(_ data: ReportPageData) -> String {
        guard data.hasPrediction else {
            guard data.hasTruth else { return "" }
            return """
                <section class="review"><p class="note" id="truth-only">Ground truth only: no image has a prediction to \
                compare with it, so there is no confusion matrix, threshold or curve. Give the detector's results \
                beside the images or with <code>--results DIR</code>.</p></section>

                """
        }
        guard data.threshold != nil || data.hasTruth else { return "" }
        var html = "<section class=\"review\">\n"
        if data.threshold != nil {
            let step = (data.high - data.low) / 1000
            html += """
                <div class="whatif">
                <label for="threshold">What-if threshold <output id="threshold-value"></output></label>
                <input id="threshold" type="range" min="\(data.low)" max="\(data.high)" step="\(step > 0 ? step : 0.001)">
                <button type="button" id="threshold-reset">stored verdicts</button>
                <p class="note">A what-if over the stored scores: an item is predicted anomalous when its score of \
                “anomalous” is above the threshold. It starts at the stored verdicts; \
                the histogram and the figures above stay the stored ones.</p>
                </div>

                """
        } else {
            html +=
                "<p class=\"note\">No what-if threshold: the results hold scores against different thresholds.</p>\n"
        }
        if data.hasTruth {
            html += """
                <table id="matrix" class="matrix"><caption>Confusion matrix (click a cell to list its images)</caption>
                <tr><td></td><th scope="col">predicted anomalous</th><th scope="col">predicted normal</th></tr>
                <tr><th scope="row">truly anomalous</th><td><button type="button" data-outcome="tp">TP <b id="m-tp"></b></button></td>\
                <td><button type="button" data-outcome="fn" class="wrong">FN <b id="m-fn"></b></button></td></tr>
                <tr><th scope="row">truly normal</th><td><button type="button" data-outcome="fp" class="wrong">FP <b id="m-fp"></b></button></td>\
                <td><button type="button" data-outcome="tn">TN <b id="m-tn"></b></button></td></tr>
                </table>
                <dl class="rates"><dt>Precision</dt><dd id="precision"></dd><dt>Recall</dt><dd id="recall"></dd>\
                <dt>F1</dt><dd id="f1"></dd><dt>Accuracy</dt><dd id="accuracy"></dd></dl>
                <figure class="pr"><svg id="pr-curve" viewBox="0 0 240 200" role="img" aria-label="Precision-recall curve"></svg>
                <figcaption>Precision (up) against recall (across); the dot is the threshold</figcaption></figure>

                """
        }
        return html + "</section>\n"
    }

    // MARK: Summary

    static func summarySection(_ summary: ReportSummary) -> String {
        let c = summary.counts
        var html = "<section class=\"summary\">\n<ul class=\"counts\">\n"
        html += "<li><b>\(c.images)</b> image\(c.images == 1 ? "" : "s")</li>\n"
        html += "<li class=\"anomalous\"><b>\(c.anomalous)</b> anomalous</li>\n"
        html += "<li class=\"normal\"><b>\(c.normal)</b> normal</li>\n"
        html += "<li class=\"failed\"><b>\(c.failed)</b> failed</li>\n"
        if c.noResult > 0 { html += "<li class=\"no-result\"><b>\(c.noResult)</b> without result</li>\n" }
        html += "</ul>\n"
        if !summary.items.contains(where: { $0.prediction != nil })
            && summary.items.contains(where: { $0.truth != nil })
        {
            html += "<p class=\"note\">Counted by the ground truth: no image has a prediction.</p>\n"
        }
        if let shard = summary.shard {
            html += "<p class=\"note\">Shard \(shard) of \(summary.totalItems) images in all.</p>\n"
        }
        html += "<div class=\"figures\">\n"
        // The histogram bins confidences: left out when no prediction has one (ground truth only, anomaly maps).
        if summary.items.contains(where: { $0.status == .ok && $0.prediction?.confidence != nil }) {
            html += "<figure>\n\(histogram(summary.items))"
            html += "<figcaption>Confidence of the predictions</figcaption>\n</figure>\n"
        }
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
            html += "<table class=\"metrics\"><caption>Mean IoU per anomaly type (images with both masks)</caption>\n"
            html += "<tr><th>Type</th><th>Mean IoU</th><th>Images</th></tr>\n"
            for entry in metrics.meanIoU {
                html += "<tr><td>\(escape(entry.name))</td><td>\(ReportSummary.fixed(entry.meanIoU, digits: 3))</td>"
                html += "<td>\(entry.images)</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }

    // MARK: Text

    /// Escapes `& < > " '` for text and attribute values (`HTMLText.escape`).
    package static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A relative URL for a report path: each segment percent-encoded (UTF-8), `/` kept (`HTMLText.url`).
    package static func url(_ relativePath: String) -> String { HTMLText.url(relativePath) }

    // MARK: Assets

    static let style = """

        :root { --fg: #212121; --muted: #555; --bg: #fff; --line: #ddd; --panel: #f5f5f5; --accent: #1976d2;
          --anomalous: #d32f2f; --normal: #2e7d32; --grey: #757575; --wrong: #c62828; --warn: #b26a00; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6e6e6; --muted: #aaa; --bg: #121212; --line: #333; --panel: #1e1e1e; --accent: #64b5f6;
            --anomalous: #ef5350; --normal: #66bb6a; --grey: #9e9e9e; --wrong: #ff7043; --warn: #ffb74d; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: var(--fg); background: var(--bg); }
        h1 { font-size: 1.5em; margin: 0 0 .5em; overflow-wrap: anywhere; }
        button, input, select { font: inherit; color: inherit; }
        button, select, input[type=search] { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; }
        .counts { display: flex; flex-wrap: wrap; gap: .5em 1.5em; list-style: none; padding: 0; font-size: 1.1em; }
        .counts b { font-size: 1.4em; }
        .anomalous, .counts .anomalous b { color: var(--anomalous); }
        .normal, .counts .normal b { color: var(--normal); }
        .failed, .no-result, .counts .failed b { color: var(--grey); }
        .figures, .review { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; }
        figure { margin: 0; max-width: 100%; }
        figcaption { font-size: .9em; color: var(--muted); text-align: center; }
        svg.histogram { display: block; width: 420px; max-width: 100%; height: auto; }
        svg.histogram text, #pr-curve text { font-size: 11px; fill: var(--muted); }
        svg.histogram .axis, #pr-curve .axis { stroke: var(--muted); }
        svg.histogram rect.anomalous { fill: var(--anomalous); }
        svg.histogram rect.normal { fill: var(--normal); }
        table.metrics { border-collapse: collapse; }
        table.metrics caption, .matrix caption { font-weight: bold; text-align: left; }
        table.metrics th, table.metrics td { text-align: left; padding: 2px 12px 2px 0; }
        .warning { color: var(--warn); }
        .note { color: var(--muted); font-size: .9em; max-width: 40em; }
        .review { margin: 1em 0; padding: .5em 0; border-top: 1px solid var(--line); }
        .whatif { flex: 1 1 18em; max-width: 32em; }
        .whatif input { width: 100%; }
        .whatif output { font-weight: bold; }
        .matrix { border-collapse: collapse; }
        .matrix th, .matrix td { padding: 2px 6px; text-align: left; font-weight: normal; }
        .matrix button { min-width: 5.5em; padding: 4px 8px; cursor: pointer; }
        .matrix button.wrong b { color: var(--wrong); }
        .matrix button.active { outline: 2px solid var(--accent); }
        .rates { display: grid; grid-template-columns: auto auto; gap: 0 1em; margin: 0; }
        .rates dd { margin: 0; font-weight: bold; }
        #pr-curve { width: 240px; max-width: 100%; height: auto; display: block; }
        #pr-curve polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
        #pr-curve circle { fill: var(--anomalous); }
        .controls { margin: 1em 0; display: flex; flex-wrap: wrap; gap: .5em 1em; align-items: center; }
        .controls input[type=search] { flex: 1 1 14em; min-width: 0; max-width: 24em; padding: 2px 6px; }
        .range { display: inline-flex; align-items: center; gap: .5em; }
        .range[hidden] { display: none; }
        .handles { position: relative; display: inline-block; width: 10em; height: 1.4em; }
        .handles input { position: absolute; left: 0; top: 0; width: 100%; margin: 0; pointer-events: none; background: none; -webkit-appearance: none; appearance: none; height: 1.4em; }
        .handles input::-webkit-slider-runnable-track { height: 4px; background: var(--line); }
        .handles input + input::-webkit-slider-runnable-track { background: none; }
        .handles input::-webkit-slider-thumb { pointer-events: auto; -webkit-appearance: none; width: 14px; height: 14px; margin-top: -5px; border-radius: 50%; background: var(--accent); cursor: pointer; }
        .handles input::-moz-range-thumb { pointer-events: auto; width: 14px; height: 14px; border-radius: 50%; background: var(--accent); }
        #items { border-top: 1px solid var(--line); }
        #rows { max-height: 75vh; overflow-y: auto; overflow-x: hidden; position: relative; }
        .row { display: grid; grid-template-columns: var(--columns); gap: 0 8px; align-items: start; padding: 4px 8px; border-bottom: 1px solid var(--line); overflow: hidden; }
        .row > * { min-width: 0; overflow: hidden; }
        .row.head { font-weight: bold; border-bottom: 2px solid var(--line); }
        .head button { border: 0; background: none; padding: 0; font-weight: bold; cursor: pointer; text-align: left; }
        .head [aria-sort=ascending]::after { content: " ▲"; }
        .head [aria-sort=descending]::after { content: " ▼"; }
        .item { cursor: pointer; }
        .item:hover, .item.current { background: var(--panel); }
        .item.wrong { box-shadow: inset 4px 0 var(--wrong); }
        .thumb img { display: block; max-width: 100%; max-height: 76px; width: auto; height: auto; }
        .thumb.none { color: var(--muted); font-size: .85em; }
        .file { overflow-wrap: anywhere; }
        .types, .truth, .status { font-size: .92em; overflow-wrap: anywhere; }
        .small { color: var(--muted); font-size: .85em; display: block; }
        .badge { display: inline-block; font-size: .8em; font-weight: bold; padding: 0 4px; border-radius: 3px; border: 1px solid currentColor; margin-right: 4px; }
        .badge.wrong { color: var(--wrong); }
        .whatif-changed { font-style: italic; }
        .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; border: 1px solid #0003; }
        .label { display: none; }
        #print-list { display: none; }
        @media (max-width: 900px) {
          body { margin: .75em; }
          .row.head { display: none; }
          .item { grid-template-columns: 96px minmax(0, 1fr); grid-template-rows: repeat(5, auto); gap: 0 10px; }
          .item .thumb { grid-row: 1 / span 5; }
          .item > :not(.thumb) { grid-column: 2; white-space: nowrap; text-overflow: ellipsis; }
          .item .file { font-weight: bold; }
          .item .types, .item .truth, .item .iou { display: none; }
          .label { display: inline; color: var(--muted); }
          .thumb img { max-height: 110px; }
        }
        @media (min-width: 2000px) {
          body { font-size: 16px; }
          svg.histogram { width: 600px; }
          #pr-curve { width: 340px; }
        }
        @media print {
          body { margin: 0; color: #000; background: #fff; }
          .controls, .review .whatif, #rows, .row.head, .lightbox, #help, #help-button { display: none !important; }
          #print-list { display: block; }
          #print-list .row { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """

    static let script = #"""
        (function () {
          var data = JSON.parse(document.getElementById('data').textContent);
          var items = data.items;
          function $(id) { return document.getElementById(id); }
          var filter = $('filter'), statusSelect = $('status'), classSelect = $('class');
          var confLo = $('conf-lo'), confHi = $('conf-hi'), slider = $('threshold');
          var help = KeyHelp($('help'));
          var t0 = data.threshold === undefined ? null : data.threshold, t = t0;
          var hasConfidence = items.some(function (it) { return it.c !== undefined; });
          if (!hasConfidence) confLo.parentNode.parentNode.hidden = true;
          var state = readHash();
          var sortKey = 'file', ascending = true, current = -1, view = 'both';

          // What an item is at the threshold: the stored verdict at the start, its score against t once moved.
          function predicted(it) {
            if (it.p === undefined) return undefined;
            if (t === t0 || it.v === undefined) return it.p === 1;
            return it.v > t;
          }
          function outcome(it) {
            if (it.s !== 'ok' || it.g === undefined || it.g < 0 || it.p === undefined) return '';
            var p = predicted(it);
            return it.g === 1 ? (p ? 'tp' : 'fn') : (p ? 'fp' : 'tn');
          }
          function shownStatus(it) {
            if (it.s !== 'ok') return it.s;
            var p = predicted(it);
            if (p === undefined) p = it.g === 1 ? true : it.g === 0 ? false : undefined;
            return p === undefined ? 'unknown' : p ? 'anomalous' : 'normal';
          }
          function percent(x) { return (x * 100).toFixed(2) + '%'; }
          function number(x) { return Math.abs(x) >= 1000 || (x !== 0 && Math.abs(x) < 0.01) ? x.toPrecision(3) : x.toFixed(2); }
          function scoreText(x) { return t0 === 0.5 && x >= 0 && x <= 1 ? percent(x) : number(x); }
          items.forEach(function (it, i) {
            var names = (it.a || []).concat(it.ga || []).map(function (a) { return a.n; });
            it.i = i;
            it.names = names;
            it.search = (it.k + ' ' + names.join(' ') + ' ' + (it.m || '')).toLowerCase();
          });

          // The table's columns: the thumbnail, then data.columns (ReportColumns, the table summary.csv is written
          // from: the same keys, the same order). Each key's [cell (draws the item's cell into a row), sort value
          // (numbers by value, text naturally; missing last)] is here; rows are drawn from the list, so a header
          // and its cells cannot drift apart.
          var cells = {
            file: [function (row, it) { cell(row, 'file').textContent = it.k; }, function (it) { return it.k; }],
            prediction: [function (row, it, status) {
              var p = predicted(it);
              var pc = cell(row, 'prediction ' + status, 'prediction');
              pc.appendChild(text('span', 'verdict', p === undefined ? '' : p ? 'Anomalous' : 'Normal'));
              if (p !== undefined && (p ? 1 : 0) !== it.p) pc.appendChild(text('span', 'small whatif-changed', 'stored: ' + (it.p ? 'Anomalous' : 'Normal')));
            }, function (it) { var p = predicted(it); return p === undefined ? null : p ? 1 : 0; }],
            score: [function (row, it) {
              var sc = cell(row, 'score', 'score');
              if (it.v !== undefined) {
                sc.appendChild(document.createTextNode(it.r !== undefined ? 'score ' + number(it.r) : percent(it.v)));
                if (it.c !== undefined) sc.appendChild(text('span', 'small', 'confidence ' + percent(it.c)));
              }
            }, function (it) { return it.v === undefined ? null : it.v; }],
            anomalies: [function (row, it) { typeList(cell(row, 'types'), it.a); },
              function (it) { return it.a ? it.a[0].n : null; }],
            truth: [function (row, it) {
              var tc = cell(row, 'truth', 'truth');
              if (it.g !== undefined) tc.appendChild(document.createTextNode(it.g === 1 ? 'Anomalous' : it.g === 0 ? 'Normal' : 'unlabelled'));
              if (it.ga) { tc.appendChild(document.createElement('br')); typeList(tc, it.ga); }
            }, function (it) { return it.g === undefined || it.g < 0 ? null : it.g; }],
            iou: [function (row, it) {
              var ic = cell(row, 'iou', 'IoU');
              (it.u || []).forEach(function (u, n) {
                if (n) ic.appendChild(document.createElement('br'));
                ic.appendChild(document.createTextNode(u.n + ' ' + (u.t === undefined ? '—' : u.t)));
              });
            }, function (it) { return it.um === undefined ? null : it.um; }],
            status: [function (row, it, status, o) {
              var st = cell(row, 'status');
              if (o) st.appendChild(text('span', 'badge' + (o === 'fp' || o === 'fn' ? ' wrong' : ''), o.toUpperCase()));
              st.appendChild(document.createTextNode(it.s + (it.m ? ': ' + it.m : '')));
            }, function (it) { return outcome(it) || shownStatus(it); }]
          };
          var columns = [['image', 'Image', function (row, it) {
            var thumb = cell(row, 'thumb' + (it.th ? '' : ' none'));
            if (it.th) {
              var img = document.createElement('img');
              img.loading = 'lazy';
              img.decoding = 'async';
              if (it.tw) { img.width = it.tw; img.height = it.tt || it.tw; }
              img.alt = it.k;
              img.src = it.th;
              thumb.appendChild(img);
            } else thumb.textContent = 'no image';
          }, null]].concat(data.columns.filter(function (c) { return cells[c.id]; }).map(function (c) {
            return [c.id, c.title, cells[c.id][0], cells[c.id][1]];
          }));
          // Narrow enough that all eight columns fit just above the cards' breakpoint (900 px with a scroll bar).
          var widths = { image: '100px', file: 'minmax(7em, 2fr)', prediction: '6.5em', score: '5.5em', anomalies: 'minmax(7em, 2fr)',
            truth: 'minmax(6em, 1.5fr)', iou: '4.5em', status: 'minmax(6.5em, 1.5fr)' };
          $('items').style.setProperty('--columns', columns.map(function (c) { return widths[c[0]]; }).join(' '));
          var head = document.querySelector('#items .head');
          columns.forEach(function (c) {
            var cell = document.createElement('div');
            cell.setAttribute('role', 'columnheader');
            if (c[3]) {
              var b = document.createElement('button');
              b.type = 'button';
              b.textContent = c[1];
              b.dataset.sort = c[0];
              b.addEventListener('click', function () {
                ascending = sortKey === c[0] ? !ascending : true;
                sortKey = c[0];
                resort(); rebuild(); save();
              });
              cell.appendChild(b);
            } else cell.textContent = c[1];
            head.appendChild(cell);
          });
          function sortValue(key) { for (var i = 0; i < columns.length; i++) if (columns[i][0] === key) return columns[i][3]; return null; }

          var order = items.slice(), shown = [];
          function resort() {
            var value = sortValue(sortKey) || sortValue('file');
            var keys = items.map(value), sign = ascending ? 1 : -1;
            order = items.slice();
            order.sort(function (a, b) {
              var x = keys[a.i], y = keys[b.i];
              if (x === null || y === null) {
                if (x !== y) return x === null ? 1 : -1;
              } else if (typeof x === 'number') {
                if (x !== y) return (x - y) * sign;
              } else {
                var c = naturalCompare(x, y);
                if (c) return c * sign;
              }
              return naturalCompare(a.k, b.k);
            });
            Array.prototype.forEach.call(head.querySelectorAll('button'), function (b) {
              if (b.dataset.sort === sortKey) b.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              else b.removeAttribute('aria-sort');
            });
          }
          // The filters' values, read once per rebuild rather than once per item.
          var want = {};
          function passes(it) {
            if (want.status) {
              var o = outcome(it);
              if (want.status === 'wrong') { if (o !== 'fp' && o !== 'fn') return false; }
              else if (want.status.length === 2) { if (o !== want.status) return false; }
              else if (shownStatus(it) !== want.status) return false;
            }
            if (want.name && it.names.indexOf(want.name) < 0) return false;
            if (want.lo > 0 || want.hi < 100) {
              if (it.c === undefined) return false;
              var c = it.c * 100;
              if (c < want.lo - 1e-9 || c > want.hi + 1e-9) return false;
            }
            return !want.query || it.search.indexOf(want.query) >= 0;
          }
          function rebuild() {
            want = { status: statusSelect.value, name: classSelect.value, lo: Number(confLo.value), hi: Number(confHi.value),
              query: filter.value.trim().toLowerCase() };
            shown = order.filter(passes);
            $('shown').textContent = shown.length + ' of ' + items.length + (items.length === 1 ? ' image' : ' images') + ' shown';
            document.body.dataset.shown = shown.length;
            Array.prototype.forEach.call(document.querySelectorAll('.matrix button'), function (b) {
              b.classList.toggle('active', b.dataset.outcome === statusSelect.value);
            });
            list.reset(shown.length);
          }

          function text(tag, className, content) {
            var e = document.createElement(tag);
            if (className) e.className = className;
            if (content !== undefined) e.textContent = content;
            return e;
          }
          function typeList(cell, types) {
            (types || []).forEach(function (a, n) {
              if (n) cell.appendChild(document.createElement('br'));
              if (a.c) { var s = text('span', 'swatch'); s.style.background = a.c; cell.appendChild(s); }
              cell.appendChild(document.createTextNode(a.n + ' ' + a.t));
            });
          }
          function cell(row, className, label) {
            var c = text('div', className);
            c.setAttribute('role', 'cell');
            if (label) c.appendChild(text('span', 'label', label + ': '));
            row.appendChild(c);
            return c;
          }
          function renderRow(r) {
            var it = shown[r], o = outcome(it), status = shownStatus(it);
            var row = text('div', 'row item st-' + status + (o === 'fp' || o === 'fn' ? ' wrong' : '') + (it.i === current ? ' current' : ''));
            row.setAttribute('role', 'row');
            row.dataset.index = it.i;
            row.dataset.key = it.k;
            row.dataset.status = status;
            if (o) row.dataset.outcome = o;
            columns.forEach(function (c) { c[2](row, it, status, o); });
            row.addEventListener('click', function () { open(it.i); });
            return row;
          }
          var narrow = window.matchMedia('(max-width: 900px)');
          function rowHeight() { return narrow.matches ? 128 : 88; }
          var list = VirtualList($('rows'), rowHeight(), 0, renderRow);
          narrow.addEventListener('change', function () { list.setRowHeight(rowHeight()); });

          // The threshold, the matrix, the ratios and the precision-recall curve.
          function counts(at) {
            var saved = t, m = { tp: 0, fp: 0, fn: 0, tn: 0 };
            t = at;
            items.forEach(function (it) { var o = outcome(it); if (o) m[o]++; });
            t = saved;
            return m;
          }
          function ratio(a, b) { return b > 0 ? a / b : null; }
          function rates(m) {
            return { precision: ratio(m.tp, m.tp + m.fp), recall: ratio(m.tp, m.tp + m.fn),
              f1: ratio(2 * m.tp, 2 * m.tp + m.fp + m.fn), accuracy: ratio(m.tp + m.tn, m.tp + m.tn + m.fp + m.fn) };
          }
          var curve = [];
          if (data.hasTruth) {
            var scored = items.filter(function (it) { return it.s === 'ok' && it.v !== undefined && (it.g === 0 || it.g === 1); });
            var positives = scored.filter(function (it) { return it.g === 1; }).length;
            scored.sort(function (a, b) { return b.v - a.v; });
            var tp = 0, fp = 0;
            for (var i = 0; i < scored.length; i++) {
              if (scored[i].g === 1) tp++; else fp++;
              if (i + 1 < scored.length && scored[i + 1].v === scored[i].v) continue;
              if (positives) curve.push([tp / positives, tp / (tp + fp)]);
            }
          }
          function drawCurve(m) {
            var svg = $('pr-curve');
            if (!svg) return;
            var ns = svg.namespaceURI, x0 = 34, y0 = 170, w = 196, h = 160;
            function el(name, attrs, content) {
              var e = document.createElementNS(ns, name);
              Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
              if (content !== undefined) e.textContent = content;
              svg.appendChild(e);
              return e;
            }
            svg.textContent = '';
            el('line', { x1: x0, y1: y0, x2: x0 + w, y2: y0, 'class': 'axis' });
            el('line', { x1: x0, y1: y0, x2: x0, y2: y0 - h, 'class': 'axis' });
            el('text', { x: x0 - 4, y: y0 - h + 4, 'text-anchor': 'end' }, '1');
            el('text', { x: x0 - 4, y: y0, 'text-anchor': 'end' }, '0');
            el('text', { x: x0 + w, y: y0 + 14, 'text-anchor': 'end' }, 'recall 1');
            el('text', { x: x0 - 4, y: y0 - h / 2, 'text-anchor': 'end' }, 'P');
            if (!curve.length) { el('text', { x: x0 + 8, y: y0 - h / 2 }, 'no anomalous ground truth'); return; }
            var points = [[0, curve[0][1]]].concat(curve).map(function (p) { return (x0 + p[0] * w).toFixed(1) + ',' + (y0 - p[1] * h).toFixed(1); });
            el('polyline', { points: points.join(' ') });
            var r = rates(m);
            if (r.recall !== null && r.precision !== null) el('circle', { cx: x0 + r.recall * w, cy: y0 - r.precision * h, r: 4 }).appendChild(
              document.createElementNS(ns, 'title')).textContent = 'threshold ' + scoreText(t);
          }
          function showFigures() {
            if (slider) $('threshold-value').textContent = scoreText(t) + (t === t0 ? ' (stored verdicts)' : ' (what-if)');
            document.body.dataset.threshold = t === null ? '' : t;
            if (!data.hasTruth || !data.hasPrediction) return;
            var m = counts(t), r = rates(m);
            ['tp', 'fp', 'fn', 'tn'].forEach(function (k) { $('m-' + k).textContent = m[k]; });
            ['precision', 'recall', 'f1', 'accuracy'].forEach(function (k) { $(k).textContent = r[k] === null ? '—' : percent(r[k]); });
            drawCurve(m);
          }
          function setThreshold(value) {
            t = Math.abs(value - t0) < Number(slider.step) / 2 ? t0 : value;
            showFigures();
            if (sortKey === 'prediction' || sortKey === 'status') resort();
            rebuild();
            if (lightbox.visible()) showItem();
          }
          if (slider) {
            slider.value = t0;
            slider.addEventListener('input', function () { setThreshold(Number(slider.value)); save(); });
            $('threshold-reset').addEventListener('click', function () { slider.value = t0; setThreshold(t0); save(); });
          }
          Array.prototype.forEach.call(document.querySelectorAll('.matrix button'), function (b) {
            b.addEventListener('click', function () {
              statusSelect.value = statusSelect.value === b.dataset.outcome ? '' : b.dataset.outcome;
              rebuild(); save();
            });
          });

          // The lightbox: the annotated picture; ←/→ within the filtered list; t: truth, prediction, both.
          var lightbox = Lightbox({ onStep: step, onClose: function () { current = -1; document.body.dataset.open = ''; list.refresh(); save(); } });
          var viewButton = document.createElement('button');
          viewButton.type = 'button';
          viewButton.title = 'ground truth / prediction / both (t)';
          viewButton.addEventListener('click', function (event) { event.stopPropagation(); toggleView(); });
          lightbox.extra.appendChild(viewButton);
          function applyView() {
            var it = items[current], w = lightbox.image.naturalWidth;
            var halves = it && it.sb && it.im && w > data.gap;
            viewButton.hidden = !halves;
            if (!halves) { lightbox.crop(null); return; }
            var half = Math.floor((w - data.gap) / 2);
            viewButton.textContent = view === 'both' ? 'truth | prediction' : view === 'truth' ? 'ground truth' : 'prediction';
            lightbox.crop(view === 'truth' ? { x: 0, w: half } : view === 'prediction' ? { x: half + data.gap, w: half } : null);
            document.body.dataset.view = view;
          }
          lightbox.image.addEventListener('load', applyView);
          function toggleView() {
            view = view === 'both' ? 'truth' : view === 'truth' ? 'prediction' : 'both';
            applyView(); save();
          }
          function showItem() {
            var it = items[current], p = predicted(it), o = outcome(it);
            var caption = it.k + ' — ' + (p === undefined ? it.s : p ? 'anomalous' : 'normal') +
              (it.v !== undefined ? ' (' + (it.r !== undefined ? 'score ' + number(it.r) : percent(it.v)) + ')' : '') +
              (o ? ' — ' + o.toUpperCase() : '') + (it.m ? ' — ' + it.m : '');
            lightbox.open(it.im || it.th || '', caption);
            applyView();
            document.body.dataset.open = it.k;
          }
          function open(i) {
            current = i;
            showItem();
            var r = shown.indexOf(items[i]);
            if (r >= 0) list.reveal(r); else list.refresh();
            save();
          }
          function step(delta) {
            if (!shown.length) return;
            var r = shown.indexOf(items[current]);
            var next = r < 0 ? 0 : Math.max(0, Math.min(shown.length - 1, r + delta));
            open(shown[next].i);
          }

          function save() {
            writeHash({ q: filter.value, s: statusSelect.value, c: classSelect.value,
              lo: confLo.value !== '0' ? confLo.value : '', hi: confHi.value !== '100' ? confHi.value : '',
              t: t !== t0 ? t : '', o: sortKey !== 'file' || !ascending ? sortKey + (ascending ? '' : '-') : '',
              i: current >= 0 ? items[current].k : '', v: view !== 'both' ? view : '' });
          }
          function showRange() {
            if (Number(confLo.value) > Number(confHi.value)) {
              if (document.activeElement === confLo) confLo.value = confHi.value; else confHi.value = confLo.value;
            }
            $('conf-text').textContent = confLo.value + '–' + confHi.value + ' %';
          }
          filter.addEventListener('input', function () { rebuild(); save(); });
          [statusSelect, classSelect].forEach(function (s) { s.addEventListener('change', function () { rebuild(); save(); }); });
          [confLo, confHi].forEach(function (r) { r.addEventListener('input', function () { showRange(); rebuild(); save(); }); });
          $('help-button').addEventListener('click', function () { help.toggle(); });
          document.addEventListener('keydown', function (event) {
            if (event.ctrlKey || event.metaKey || event.altKey) return;
            var k = event.key, typing = event.target === filter;
            if (k === 'Escape') {
              if (help.visible()) help.toggle(false); else if (lightbox.visible()) lightbox.close(); else if (typing) filter.blur();
              return;
            }
            if (typing || (event.target.tagName === 'INPUT' && k !== '?')) return;
            if (k === '?') help.toggle();
            else if (lightbox.visible()) {
              if (lightbox.key(k)) {}  // the keys its bar names: ←/→, + / −, 0
              else if (k === 't') toggleView();
              else return;
            } else if (k === '/') filter.focus();
            else if (k === 'Enter' && shown.length) open(shown[0].i);
            else return;
            event.preventDefault();
          });
          // Printing: the filtered list as plain rows (at most 5,000), instead of the virtual table's screenful.
          function fillPrintList() {
            var out = $('print-list');
            out.textContent = '';
            shown.slice(0, 5000).forEach(function (it, r) {
              var row = renderRow(r);
              var img = row.querySelector('img');
              if (img) img.loading = 'eager';
              out.appendChild(row);
            });
          }
          window.addEventListener('beforeprint', fillPrintList);
          window.matchMedia('print').addEventListener('change', function (event) { if (event.matches) fillPrintList(); });

          // The state in the URL: filters, sort, threshold, open item.
          filter.value = state.q || '';
          if (state.s && statusSelect.querySelector('option[value="' + state.s.replace(/[^a-z-]/g, '') + '"]')) statusSelect.value = state.s;
          Array.prototype.forEach.call(classSelect.options, function (o) { if (o.value === state.c) classSelect.value = state.c; });
          if (state.lo) confLo.value = state.lo;
          if (state.hi) confHi.value = state.hi;
          showRange();
          if (slider && state.t !== undefined && state.t !== '' && isFinite(Number(state.t))) {
            slider.value = state.t;
            t = Math.abs(Number(slider.value) - t0) < Number(slider.step) / 2 ? t0 : Number(slider.value);
          }
          if (state.o) {
            var desc = state.o.slice(-1) === '-', key = desc ? state.o.slice(0, -1) : state.o;
            if (sortValue(key)) { sortKey = key; ascending = !desc; }
          }
          if (state.v === 'truth' || state.v === 'prediction') view = state.v;
          showFigures();
          resort();
          rebuild();
          if (state.i) items.forEach(function (it) { if (it.k === state.i) open(it.i); });

          // data-ready once the first screen of rows is painted; data-ready-ms: since navigation (tools/bench).
          window.requestAnimationFrame(function () {
            document.body.dataset.readyMs = Math.round(performance.now());
            document.body.dataset.ready = '';
          });
          // Self-check for automated tests (index.html#check): every thumbnail loads.
          if (location.hash === '#check') {
            var withThumbs = items.filter(function (it) { return it.th; });
            Promise.all(withThumbs.map(function (it) {
              return new Promise(function (done) {
                var img = new Image();
                img.onload = function () { done(img.naturalWidth > 0); };
                img.onerror = function () { done(false); };
                img.src = it.th;
              });
            })).then(function (loaded) {
              document.body.dataset.rows = items.length;
              document.body.dataset.images = withThumbs.length;
              document.body.dataset.brokenImages = loaded.filter(function (ok) { return !ok; }).length;
            });
          }
        })();

        """#
}
