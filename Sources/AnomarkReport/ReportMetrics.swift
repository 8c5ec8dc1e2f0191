import AnomarkKit

/// Quality figures over a report's items, when the inputs carry ground truth.
///
/// - Classification (items with both a ground-truth label and a prediction): the confusion counts, accuracy,
///   precision, recall and F1 with "anomalous" as the positive class. A ratio whose denominator is 0 is nil
///   (e.g. precision when nothing was predicted anomalous), never a made-up 0 or 1.
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

    /// Nil when no item has both a ground-truth label and a prediction.
    public var classification: Classification?
    /// Per type, in order of first appearance in the (sorted) records; empty without IoU.
    public var meanIoU: [TypeIoU]

    /// Figures as given (e.g. decoded).
    public init(classification: Classification?, meanIoU: [TypeIoU]) {
        self.classification = classification
        self.meanIoU = meanIoU
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
        meanIoU = names.map { name in
            let entry = sums[name.lowercased()]!
            return TypeIoU(name: name, meanIoU: entry.sum / Double(entry.count), images: entry.count)
        }
    }

    /// True when there is nothing to show.
    public var isEmpty: Bool { classification == nil && meanIoU.isEmpty }
}
