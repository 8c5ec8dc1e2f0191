/// How a predicted labelling agrees with a ground-truth one, and its intersection over union: the one
/// definition of IoU in Anomark (the report's figures, `annotate --truth` and `report --compare overlay`).
///
/// Definition:
/// - A mask pixel is *set* for a class where the compositor's `LabelMap` gives it that class: alpha ≥ 128 and
///   its colour matches the class colour — exactly, or within `--color-tolerance` per channel, the nearest
///   listed colour winning (background included) and ties going by list order, the background first.
/// - Per class (manifests): truth pixels of the class against predicted pixels of the class of the same name,
///   ignoring case. Class-agnostic (binary truth masks, MVTec AD): truth pixels of any class against predicted
///   pixels of any class.
/// - IoU = |T ∩ P| / |T ∪ P|; an empty union gives no IoU (nil, `null` in `summary.json`, left out of means).
///   A class's mean IoU is over the images where it is defined.
/// - A missing labelling counts as empty (a normal image without mask, a normal prediction without mask).
public struct MaskAgreement: Sendable, Equatable {
    /// Pixels set in both.
    public var truePositives: Int
    /// Pixels set in the prediction only.
    public var falsePositives: Int
    /// Pixels set in the truth only.
    public var falseNegatives: Int

    /// Counts as given.
    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// |T ∩ P|.
    public var intersection: Int { truePositives }
    /// |T ∪ P|.
    public var union: Int { truePositives + falsePositives + falseNegatives }
    /// |T ∩ P| / |T ∪ P|, nil for an empty union.
    public var iou: Double? { union > 0 ? Double(truePositives) / Double(union) : nil }

    /// Class-agnostic agreement: any truth class against any predicted class. The labellings must have one
    /// size when both exist.
    public init(truth: LabelMap?, predicted: LabelMap?) {
        let joint = JointLabelCounts(truth: truth, predicted: predicted)
        var tp = 0
        var fp = 0
        var fn = 0
        for t in 0..<joint.truthLabels {
            for p in 0..<joint.predictedLabels {
                let n = joint[t, p]
                if t > 0 && p > 0 { tp += n } else if p > 0 { fp += n } else if t > 0 { fn += n }
            }
        }
        self.init(truePositives: tp, falsePositives: fp, falseNegatives: fn)
    }

    /// Per-class agreement, classes matched by name ignoring case, in order of first appearance (truth, then
    /// prediction); a class set in neither mask is left out. `truthNames` and `predictedNames` name the classes
    /// of each labelling (label `k + 1` is name `k`).
    package static func perClass(
        truth: LabelMap?, truthNames: [String], predicted: LabelMap?, predictedNames: [String]
    ) -> [(name: String, agreement: MaskAgreement)] {
        let joint = JointLabelCounts(truth: truth, predicted: predicted)
        var names: [String] = []
        for name in truthNames + predictedNames where !names.contains(where: { $0.lowercased() == name.lowercased() }) {
            names.append(name)
        }
        var result: [(name: String, agreement: MaskAgreement)] = []
        for name in names {
            let key = name.lowercased()
            let t = truth == nil ? nil : truthNames.firstIndex { $0.lowercased() == key }.map { $0 + 1 }
            let p = predicted == nil ? nil : predictedNames.firstIndex { $0.lowercased() == key }.map { $0 + 1 }
            let truthCount = t.map { truth!.counts[$0 - 1] } ?? 0
            let predictedCount = p.map { predicted!.counts[$0 - 1] } ?? 0
            let both = t.flatMap { t in p.map { joint[t, $0] } } ?? 0
            let agreement = MaskAgreement(
                truePositives: both, falsePositives: predictedCount - both, falseNegatives: truthCount - both)
            if agreement.union > 0 { result.append((name, agreement)) }
        }
        return result
    }
}
