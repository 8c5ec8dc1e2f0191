import Detections
import Foundation
import Overlay

/// The machine-readable summary of `annotate --summary json`: the classification, per anomaly type the reported
/// area and the area measured from the mask, and where the panel was drawn.
public struct AnnotateSummary: Codable, Sendable, Equatable {
    /// One anomaly class: reported against measured area.
    public struct Entry: Codable, Sendable, Equatable {
        /// The class name.
        public var name: String
        /// The class colour as the result writes it (`#RRGGBB`).
        public var color: String
        /// `TotalPercentageArea` as reported (a fraction 0…1).
        public var reportedArea: Double
        /// The fraction of mask pixels of this type (nil when no mask was drawn).
        public var measuredArea: Double?
        /// |reported − measured| > 0.01 (one percentage point).
        public var differs: Bool
    }

    /// The image path as given.
    public var image: String
    /// The output path as given (`-` for standard output).
    public var output: String
    /// The detector's verdict.
    public var isAnomalous: Bool
    /// Its confidence in that verdict, 0…1.
    public var confidence: Double
    /// The anomaly classes, background excluded.
    public var anomalies: [Entry]
    /// Mask pixels whose colour no class lists (not painted).
    public var unlistedMaskPixels: Int
    /// The panel's bounds in the output image as `[x, y, width, height]` (all zero without a panel).
    public var panel: [Int]
    /// Where the panel went: `top-left` … `bottom-right`, `band-right`, `band-below`, or `none`.
    public var placement: String
    /// The output image's `[width, height]`: the input's, or larger by the band.
    public var canvas: [Int]
    /// Each panel and legend line as drawn (text after any shortening) with its box `[x, y, width, height]`.
    public var panelLines: [PanelLine]

    /// With `--truth`: how the prediction agrees with the ground truth (nil without).
    public var truth: Agreement?

    /// The agreement with ground truth, class-agnostic (`MaskAgreement`).
    public struct Agreement: Codable, Sendable, Equatable {
        /// Pixels set in both masks.
        public var truePositives: Int
        /// Pixels set in the prediction only.
        public var falsePositives: Int
        /// Pixels set in the truth only.
        public var falseNegatives: Int
        /// Intersection over union; `null` for an empty union.
        public var iou: Double?

        /// The figures of `agreement`.
        public init(_ agreement: MaskAgreement) {
            truePositives = agreement.truePositives
            falsePositives = agreement.falsePositives
            falseNegatives = agreement.falseNegatives
            iou = agreement.iou
        }

        enum CodingKeys: String, CodingKey {
            case truePositives, falsePositives, falseNegatives, iou
        }

        /// Writes `iou` as `null` when there is none, rather than leaving it out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(truePositives, forKey: .truePositives)
            try c.encode(falsePositives, forKey: .falsePositives)
            try c.encode(falseNegatives, forKey: .falseNegatives)
            try c.encode(iou, forKey: .iou)
        }
    }

    /// One drawn line of the panel or legend.
    public struct PanelLine: Codable, Sendable, Equatable {
        /// The text as drawn.
        public var text: String
        /// Its box, `[x, y, width, height]` in the output image.
        public var box: [Int]
    }

    /// One percentage point, as a fraction.
    package static let tolerance = 0.01

    /// The summary of a finished annotate run.
    public init(outcome: AnnotateJob.Outcome, imagePath: String) {
        let report = outcome.annotation.maskReport
        var entries: [Entry] = []
        for (i, type) in outcome.detection.classes.enumerated() {
            let measured = report.flatMap { i < $0.measuredArea.count ? $0.measuredArea[i] : nil }
            let reported = type.reportedArea ?? 0
            let differs = measured.map { abs($0 - reported) > Self.tolerance } ?? false
            entries.append(
                Entry(
                    name: type.name, color: type.color.hexString, reportedArea: reported, measuredArea: measured,
                    differs: differs))
        }
        self.image = imagePath
        self.output = outcome.outputPath
        self.isAnomalous = outcome.detection.verdict?.isAnomalous ?? false
        self.confidence = outcome.detection.verdict?.confidence ?? 0
        self.anomalies = entries
        self.unlistedMaskPixels = report?.unlistedPixels ?? 0
        self.placement = outcome.annotation.placement?.name ?? "none"
        self.canvas = [outcome.annotation.image.width, outcome.annotation.image.height]
        let b = outcome.annotation.panelBounds
        self.panel = [b.x, b.y, b.width, b.height]
        self.truth = outcome.annotation.agreement.map(Agreement.init)
        self.panelLines = (outcome.annotation.panel?.items ?? []).map {
            PanelLine(text: $0.text, box: [$0.box.x, $0.box.y, $0.box.width, $0.box.height])
        }
    }

    /// Warning lines for types whose measured area differs from the reported one by more than a point.
    public var warnings: [String] {
        anomalies.filter(\.differs).map { e in
            "warning: \(image): \(e.name): reported area \(Panel.percent(e.reportedArea)) but the mask covers "
                + "\(Panel.percent(e.measuredArea ?? 0))"
        }
    }

    /// Pretty-printed JSON with sorted keys, as `--summary json` prints it.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
