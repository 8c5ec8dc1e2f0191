import AnomarkKit

/// What the report knows about one item after processing: one row of `summary.json` / `summary.csv` / the
/// HTML table. Everything a merge needs is here, so shards can be joined without the original inputs.
public struct ReportRecord: Codable, Sendable, Equatable {
    /// How the item fared.
    public enum Status: String, Codable, Sendable {
        /// Annotated (prediction, ground truth, or both).
        case ok
        /// The image, result or mask could not be used; `error` says why.
        case failed
        /// A prediction was expected but no result file was found; the plain image is still shown.
        case noResult = "no-result"
    }

    /// How the annotated image shows ground truth and prediction together.
    public enum Picture: String, Codable, Sendable {
        /// Ground truth on the left, the prediction on the right, `ReportItemJob.sideBySideGap` apart.
        case sideBySide = "side-by-side"
        /// One picture of their agreement per pixel (`--compare overlay`).
        case agreement
    }

    /// An anomaly type with its area as a fraction of the image (0…1).
    public struct TypeArea: Codable, Sendable, Equatable {
        /// The anomaly type's name.
        public var name: String
        /// `#RRGGBB` as written in the result or manifest.
        public var color: String
        /// The reported `TotalPercentageArea` for a prediction; the measured area for ground truth.
        public var area: Double
        /// The share of mask pixels of this type (alpha ≥ 128), when a mask was drawn.
        public var measuredArea: Double?

        /// One type's area.
        public init(name: String, color: String, area: Double, measuredArea: Double? = nil) {
            self.name = name
            self.color = color
            self.area = area
            self.measuredArea = measuredArea
        }
    }

    /// What the model said.
    public struct Prediction: Codable, Sendable, Equatable {
        /// `IsAnomalous`.
        public var isAnomalous: Bool
        /// `Confidence`, 0…1; nil when the format has none (an anomaly map's verdict, which has a `score`
        /// instead): never a made-up 0.
        public var confidence: Double?
        /// Anomaly types, background excluded, in result order.
        public var anomalies: [TypeArea]
        /// The raw anomaly score in the detector's units (DDA `Anomaly_score`, anomalib `pred_score`); nil when
        /// the format has none (Lookout for Vision).
        public var score: Double?
        /// The score above which the detector calls an image anomalous; nil when unknown.
        public var threshold: Double?

        /// A prediction.
        public init(
            isAnomalous: Bool, confidence: Double?, anomalies: [TypeArea], score: Double? = nil,
            threshold: Double? = nil
        ) {
            self.isAnomalous = isAnomalous
            self.confidence = confidence
            self.anomalies = anomalies
            self.score = score
            self.threshold = threshold
        }

        /// The score of "anomalous" and the threshold it is held against: predicted anomalous iff
        /// `value > threshold`, so that the stored verdict is always reproduced at the stored threshold. A raw
        /// score with its threshold where the format has both and they give the verdict; otherwise Lookout's
        /// confidence turned into the probability of "anomalous" (`Confidence` is the confidence in the returned
        /// label, so a normal verdict at 0.9 is 0.1 anomalous) against 0.5; a verdict with neither counts as
        /// certain. The DDA's own captures call `Anomaly_score` 0.938 against `Anomaly_threshold` 1.0
        /// anomalous: that threshold does not decide its verdicts, and such a record uses its `Confidence`.
        public var anomalyScore: (value: Double, threshold: Double) {
            if let score, let threshold, (score > threshold) == isAnomalous { return (score, threshold) }
            let confidence = self.confidence ?? 1
            return (isAnomalous ? confidence : 1 - confidence, 0.5)
        }
    }

    /// What the manifest said.
    public struct Truth: Codable, Sendable, Equatable {
        /// `anomaly-label` (nil when the manifest line has none).
        public var isAnomalous: Bool?
        /// Classes of the colour map, background excluded, with their measured areas (0 without a mask).
        public var anomalies: [TypeArea]
        /// The manifest line has a mask (areas are measured).
        public var hasMask: Bool

        /// Ground truth.
        public init(isAnomalous: Bool?, anomalies: [TypeArea], hasMask: Bool) {
            self.isAnomalous = isAnomalous
            self.anomalies = anomalies
            self.hasMask = hasMask
        }
    }

    /// Intersection over union of one anomaly type between the ground-truth and the predicted mask.
    public struct TypeIoU: Codable, Sendable, Equatable {
        /// The anomaly type (as the ground truth names it).
        public var name: String
        /// Pixels of this type in both masks.
        public var intersection: Int
        /// Pixels of this type in either mask (> 0 as the report writes them: types absent from both are not
        /// listed).
        public var union: Int
        /// intersection / union (`MaskAgreement`'s definition); 0 here, `null` in JSON and left out of means for
        /// an empty union.
        public var iou: Double { union > 0 ? Double(intersection) / Double(union) : 0 }

        /// One type's overlap.
        public init(name: String, intersection: Int, union: Int) {
            self.name = name
            self.intersection = intersection
            self.union = union
        }

        enum CodingKeys: String, CodingKey {
            case name, intersection, union, iou
        }

        /// Reads the entry; `iou` is derived, not read.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            intersection = try c.decode(Int.self, forKey: .intersection)
            union = try c.decode(Int.self, forKey: .union)
        }

        /// Writes the entry with its `iou` (null for an empty union).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(intersection, forKey: .intersection)
            try c.encode(union, forKey: .union)
            if union > 0 { try c.encode(iou, forKey: .iou) } else { try c.encodeNil(forKey: .iou) }
        }
    }

    /// The relative image path (sort order, shard assignment).
    public var key: String
    /// The output stem, unique in the report.
    public var name: String
    /// The image path as read (nil when the input line named none).
    public var image: String?
    /// The result path, `inline`, or nil.
    public var result: String?
    /// The ground-truth mask path, if any.
    public var truthMask: String?
    /// How the item fared.
    public var status: Status
    /// Why the item failed (`<file>: <problem>`), nil when it did not.
    public var error: String?
    /// `annotated/<name>.png` (or `.jpg`), relative to the report folder, when written (never with
    /// `--annotated-format none`).
    public var annotated: String?
    /// `thumbnails/<name>.jpg`, relative to the report folder, when written.
    public var thumbnail: String?
    /// The thumbnail's size in pixels.
    public var thumbnailWidth: Int?
    /// The thumbnail's height in pixels.
    public var thumbnailHeight: Int?
    /// How the picture shows truth and prediction together; nil when it shows only one of them.
    public var picture: Picture?
    /// What the model said (nil without a result).
    public var prediction: Prediction?
    /// What the manifest said (nil outside manifests).
    public var truth: Truth?
    /// Per anomaly type, when both a ground-truth and a predicted mask (or an empty side) exist.
    public var iou: [TypeIoU]
    /// Warnings about this item (unlisted mask colours, characters no font has …).
    public var warnings: [String]
    /// The characters of this item's panels that no font has, drawn as missing-glyph boxes (nil when none).
    public var missingCharacters: String?

    /// A record without outputs, prediction or truth yet.
    public init(key: String, name: String, image: String?, result: String?, truthMask: String?, status: Status) {
        self.key = key
        self.name = name
        self.image = image
        self.result = result
        self.truthMask = truthMask
        self.status = status
        self.iou = []
        self.warnings = []
    }

    /// A failed or no-result record counts as failed for the exit code.
    public var isFailure: Bool { status != .ok }

    /// The files written for the item, relative to the report folder: `annotated` then `thumbnail`, those set.
    var outputFiles: [String] { [annotated, thumbnail].compactMap { $0 } }

    /// The classification shown in the table and on the contact sheet: the prediction when there is one,
    /// else the ground-truth label.
    public var displayedAnomalous: Bool? { prediction?.isAnomalous ?? truth?.isAnomalous }
}
