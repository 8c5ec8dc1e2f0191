import AnomarkKit

/// Quality figures over a report's items, when the inputs carry ground truth.
///
/// - Classification (items with both a ground-truth label and a prediction): the confusion counts, accuracy,
///   precision, recall and F1 with "anomalous" as the positive class. A ratio whose denominator is 0 is nil
///   (e.g. precision when nothing was predicted anomalous), never a made-up 0 or 1.
/// - What-if thresholds: the same matrix with "anomalous" re-derived from each item's score of "anomalous"
///   (`ReportRecord.Prediction.anomalyScore`: predicted anomalous iff score > t), at t = 0, 0.1, …, 1.0, when
///   every compared item's score is a probability held against 0.5 (Lookout for Vision's kind). At 0.5 the
///   stored verdicts are reproduced; at 1.0 nothing is anomalous.
/// - Segmentation (items with per-image IoU): per anomaly type, the mean of the per-image IoU over the images
///   where that type appears in the ground truth or the prediction.
public struct ReportMetrics: Codable, Sendable, Equatable {
    /// The confusion matrix and the ratios derived from it.
    public struct Classification: Codable, Sendable, Equatable {
        /// Anomalous, predicted anomalous.
        public var truePositives: Int
        /// Normal, predicted anomalous.
        public var falsePositives: Int
        /// Normal, predicted normal.
        public var trueNegatives: Int
        /// Anomalous, predicted normal.
        public var falseNegatives: Int
        /// (TP + TN) / all.
        public var accuracy: Double?
        /// TP / (TP + FP).
        public var precision: Double?
        /// TP / (TP + FN).
        public var recall: Double?
        /// 2·TP / (2·TP + FP + FN).
        public var f1: Double?

        /// Items compared.
        public var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

        /// The matrix; the ratios are derived (nil for a zero denominator).
        public init(truePositives: Int, falsePositives: Int, trueNegatives: Int, falseNegatives: Int) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.trueNegatives = trueNegatives
            self.falseNegatives = falseNegatives
            let total = truePositives + falsePositives + trueNegatives + falseNegatives
            func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
            accuracy = ratio(truePositives + trueNegatives, total)
            precision = ratio(truePositives, truePositives + falsePositives)
            recall = ratio(truePositives, truePositives + falseNegatives)
            f1 = ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
        }
    }

    /// One anomaly type's mean IoU.
    public struct TypeIoU: Codable, Sendable, Equatable {
        /// The anomaly type.
        public var name: String
        /// Mean of the per-image IoU, 0…1.
        public var meanIoU: Double
        /// Images the mean is over.
        public var images: Int

        /// One type's figure.
        public init(name: String, meanIoU: Double, images: Int) {
            self.name = name
            self.meanIoU = meanIoU
            self.images = images
        }
    }

    /// The classification had "anomalous" been decided at another threshold.
    public struct ThresholdClassification: Codable, Sendable, Equatable {
        /// Predicted anomalous iff the score of "anomalous" is greater than this.
        public var threshold: Double
        /// The matrix and ratios at `threshold`.
        public var classification: Classification

        /// One threshold's figures.
        public init(threshold: Double, classification: Classification) {
            self.threshold = threshold
            self.classification = classification
        }
    }

    /// Nil when no item has both a ground-truth label and a prediction.
    public var classification: Classification?
    /// The classification at t = 0, 0.1, …, 1.0 (`thresholdSteps`); nil without a classification or when some
    /// compared item's score is not a probability against 0.5 (a raw score with its own threshold).
    public var thresholds: [ThresholdClassification]?
    /// Per type, in order of first appearance in the (sorted) records; empty without IoU.
    public var meanIoU: [TypeIoU]

    /// Figures as given (e.g. decoded).
    public init(classification: Classification?, meanIoU: [TypeIoU], thresholds: [ThresholdClassification]? = nil) {
        self.classification = classification
        self.meanIoU = meanIoU
        self.thresholds = thresholds
    }

    /// The thresholds of `thresholds`: 0, 0.1, …, 1.0 (each `k / 10`, so 0.9 is the literal 0.9).
    static let thresholdSteps: [Double] = (0...10).map { Double($0) / 10 }

    /// The items compared: ok, with a ground-truth label and a prediction.
    static func compared(_ records: [ReportRecord]) -> [(truth: Bool, prediction: ReportRecord.Prediction)] {
        records.compactMap { record in
            guard record.status == .ok, let truth = record.truth?.isAnomalous, let prediction = record.prediction
            else { return nil }
            return (truth, prediction)
        }
    }

    /// The confusion matrix of `records` (ok items with a ground-truth label and a prediction) with "anomalous"
    /// predicted iff the item's score of "anomalous" (`Prediction.anomalyScore.value`) is greater than
    /// `threshold`; nil when no item is compared. With `threshold` nil, the stored verdicts.
    public static func classification(of records: [ReportRecord], threshold: Double? = nil) -> Classification? {
        var counts = (tp: 0, fp: 0, tn: 0, fn: 0)
        var any = false
        for (truth, prediction) in compared(records) {
            any = true
            let predicted = threshold.map { prediction.anomalyScore.value > $0 } ?? prediction.isAnomalous
            switch (truth, predicted) {
            case (true, true): counts.tp += 1
            case (false, true): counts.fp += 1
            case (false, false): counts.tn += 1
            case (true, false): counts.fn += 1
            }
        }
        guard any else { return nil }
        return Classification(
            truePositives: counts.tp, falsePositives: counts.fp, trueNegatives: counts.tn, falseNegatives: counts.fn)
    }

    /// `thresholds` for `records`: nil unless every compared item's score is a probability (0…1) held against
    /// 0.5, where a what-if over one threshold means the same thing for every item.
    static func thresholdFigures(_ records: [ReportRecord]) -> [ThresholdClassification]? {
        let items = compared(records)
        guard !items.isEmpty,
            items.allSatisfy({
                let s = $0.prediction.anomalyScore
                return s.threshold == 0.5 && (0...1).contains(s.value)
            })
        else { return nil }
        return thresholdSteps.compactMap { t in
            classification(of: records, threshold: t).map { ThresholdClassification(threshold: t, classification: $0) }
        }
    }

    /// The figures of `records` (failed items are left out).
    public init(records: [ReportRecord]) {
        var tp = 0
        var fp = 0
        var tn = 0
        var fn = 0
        var names: [String] = []
        var sums: [String: (sum: Double, count: Int)] = [:]
        for record in records where record.status == .ok {
            if let truth = record.truth?.isAnomalous, let predicted = record.prediction?.isAnomalous {
                switch (truth, predicted) {
                case (true, true): tp += 1
                case (false, true): fp += 1
                case (false, false): tn += 1
                case (true, false): fn += 1
                }
            }
            for entry in record.iou where entry.union > 0 {
                let key = entry.name.lowercased()
                if sums[key] == nil { names.append(entry.name) }
                let old = sums[key] ?? (0, 0)
                sums[key] = (old.sum + entry.iou, old.count + 1)
            }
        }
        let compared = tp + fp + tn + fn
        classification =
            compared > 0
            ? Classification(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn) : nil
        thresholds = Self.thresholdFigures(records)
        meanIoU = names.map { name in
            let entry = sums[name.lowercased()]!
            return TypeIoU(name: name, meanIoU: entry.sum / Double(entry.count), images: entry.count)
        }
    }

    /// True when there is nothing to show.
    public var isEmpty: Bool { classification == nil && meanIoU.isEmpty }
}
