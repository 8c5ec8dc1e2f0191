import AnomarkKit
import Foundation
import Overlay
import PageAssets
import Raster

/// What `index.html`'s script gets: the report's items as one JSON value, embedded in
/// `<script type="application/json" id="data">` (escaped by `ScriptJSON`), instead of one DOM row per item.
///
/// Keys are short because a 10,000-item page carries 10,000 of each. Every string from the inputs (file names,
/// class names, error messages) is here as JSON text and reaches the DOM only through `textContent`; URLs are
/// relative and percent-encoded (`HTMLText.url`); display texts that must match the PNG panels and the CSV
/// (percentages) are formatted here, with the same functions.
///
/// The what-if threshold: each prediction's `ReportRecord.Prediction.anomalyScore` is `v` against `h`
/// (predicted anomalous iff `v > h`). When every prediction holds its score against the same threshold, that
/// threshold is `threshold` and the page's slider starts there; at that position the page shows the stored
/// verdicts (`p`), so its matrix is the summary's. Mixed thresholds (raw scores of one detector beside Lookout
/// confidences) have no common scale, and the page then offers no slider (`threshold` nil).
struct ReportPageData: Encodable {
    /// An anomaly type with its area, as the table shows it.
    struct TypeText: Encodable {
        /// Name.
        var n: String
        /// `#RRGGBB`, normalised; nil when the input's colour is not one.
        var c: String?
        /// `1.85%`, or `1.85% (mask 1.84%)` when the measured area differs by more than a point.
        var t: String
    }

    /// One type's IoU.
    struct TypeIoU: Encodable {
        /// Name.
        var n: String
        /// IoU with three decimals; nil for an empty union.
        var t: String?
    }

    /// One item.
    struct Item: Encodable {
        /// Key (the relative image path): shown, searched, sorted naturally, kept in the URL.
        var k: String
        /// `ok`, `failed`, `no-result`.
        var s: String
        /// The stored verdict: 1 anomalous, 0 normal; nil without a prediction.
        var p: Int?
        /// Confidence 0…1, when the format has one.
        var c: Double?
        /// The raw score in the detector's units, when the format has one.
        var r: Double?
        /// The score of "anomalous" (`anomalyScore.value`) and its threshold.
        var v: Double?
        var h: Double?
        /// Predicted anomaly types.
        var a: [TypeText]?
        /// Ground truth: 1 anomalous, 0 normal, -1 unlabelled; nil without ground truth.
        var g: Int?
        /// Ground-truth types (with a mask).
        var ga: [TypeText]?
        /// IoU per type, and their mean (for sorting), when both masks exist.
        var u: [TypeIoU]?
        var um: Double?
        /// Thumbnail URL and size.
        var th: String?
        var tw: Int?
        var tt: Int?
        /// Full-size annotated image URL.
        var im: String?
        /// The image shows ground truth and prediction side by side (truth on the left).
        var sb: Int?
        /// The error and warnings, as one text.
        var m: String?
    }

    /// Some item has a prediction (its columns, the matrix, the threshold and the curve; without any, the
    /// report is of ground truth only).
    var hasPrediction: Bool
    /// Some item has ground truth (a column, the TP/FP/FN/TN filters, the matrix, the PR curve).
    var hasTruth: Bool
    /// Some item has IoU (a column).
    var hasIoU: Bool
    /// The table's columns after the thumbnail, from `ReportColumns` (the CSV's table): key and header.
    var columns: [Column]
    struct Column: Encodable {
        var id: String
        var title: String
    }
    /// The common threshold of all predictions' scores; nil when they have none in common (no slider).
    var threshold: Double?
    /// The slider's range: all scores and the threshold.
    var low: Double
    var high: Double
    /// Every class name, predicted or true, in order of first appearance.
    var classes: [String]
    /// Gap in pixels between the halves of a side-by-side picture.
    var gap: Int
    /// The items, in the summary's order.
    var items: [Item]

    init(_ summary: ReportSummary) {
        let records = summary.items
        hasPrediction = records.contains { $0.prediction != nil }
        hasTruth = records.contains { $0.truth != nil }
        hasIoU = records.contains { !$0.iou.isEmpty }
        columns = ReportColumns.page(hasPrediction: hasPrediction, hasTruth: hasTruth, hasIoU: hasIoU).map {
            Column(id: $0.id, title: $0.title ?? $0.id)
        }
        gap = ReportItemJob.sideBySideGap
        var thresholds = Set<Double>()
        var low = Double.infinity
        var high = -Double.infinity
        var seen = Set<String>()
        var classes: [String] = []
        func note(_ name: String) { if seen.insert(name).inserted { classes.append(name) } }
        items = records.map { r in
            var item = Item(k: r.key, s: r.status.rawValue)
            if let p = r.prediction {
                item.p = p.isAnomalous ? 1 : 0
                item.c = p.confidence
                item.r = p.score
                let score = p.anomalyScore
                item.v = score.value
                item.h = score.threshold
                if r.status == .ok {
                    thresholds.insert(score.threshold)
                    low = min(low, score.value, score.threshold)
                    high = max(high, score.value, score.threshold)
                }
                if !p.anomalies.isEmpty { item.a = p.anomalies.map(Self.typeText) }
                for a in p.anomalies { note(a.name) }
            }
            if let t = r.truth {
                item.g = t.isAnomalous.map { $0 ? 1 : 0 } ?? -1
                if t.hasMask && !t.anomalies.isEmpty { item.ga = t.anomalies.map(Self.typeText) }
                for a in t.anomalies { note(a.name) }
            }
            if !r.iou.isEmpty {
                item.u = r.iou.map {
                    TypeIoU(n: $0.name, t: $0.union > 0 ? ReportSummary.fixed($0.iou, digits: 3) : nil)
                }
                let measured = r.iou.filter { $0.union > 0 }
                if !measured.isEmpty { item.um = measured.map(\.iou).reduce(0, +) / Double(measured.count) }
            }
            item.th = r.thumbnail.map(HTMLText.url)
            item.tw = r.thumbnailWidth
            item.tt = r.thumbnailHeight
            item.im = r.annotated.map(HTMLText.url)
            if r.picture == .sideBySide { item.sb = 1 }
            var message = r.error ?? ""
            if !r.warnings.isEmpty {
                message += (message.isEmpty ? "" : " ") + "(" + r.warnings.joined(separator: "; ") + ")"
            }
            if !message.isEmpty { item.m = message }
            return item
        }
        self.classes = classes
        threshold = thresholds.count == 1 ? thresholds.first : nil
        if low > high {
            (low, high) = (0, 1)
        } else if threshold == 0.5 && low >= 0 && high <= 1 {
            // Probabilities: the whole 0…1 scale, so 1.0 (nothing anomalous) can be reached.
            (low, high) = (0, 1)
        }
        self.low = low
        self.high = high
    }

    /// `■ cracked 1.85% (mask 1.84%)` as data (the swatch is drawn by the page).
    static func typeText(_ t: ReportRecord.TypeArea) -> TypeText {
        var text = Panel.percent(t.area)
        // The measured area is shown when it differs by more than annotate --summary's one point.
        if let measured = t.measuredArea, abs(measured - t.area) > AnnotateSummary.tolerance {
            text += " (mask \(Panel.percent(measured)))"
        }
        return TypeText(n: t.name, c: Color(hex: t.color)?.hexString, t: text)
    }

    /// The JSON text, escaped for a `<script>` element.
    func scriptJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
        return ScriptJSON.escape(json)
    }
}
