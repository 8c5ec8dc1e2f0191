import AnomarkKit
import Overlay

/// IoU per anomaly class between a ground-truth and a predicted labelling — the compositor's `LabelMap`s, so
/// the pixels counted are exactly the pixels painted, with the same `--color-tolerance`.
enum ReportIoU {
    /// Per-type intersection and union of a ground-truth and a predicted labelling; a nil side counts as empty
    /// (a normal image without a mask, or a normal prediction). Types are matched by name, ignoring case; a type
    /// absent from both masks is left out. The predicted labels must have the truth's size when both exist.
    static func intersections(
        truth: LabelMap?, truthNames: [String], predicted: LabelMap?, predictedNames: [String]
    ) -> [ReportRecord.TypeIoU] {
        let t = truth.map { _ in truthNames.count } ?? 0
        let p = predicted.map { _ in predictedNames.count } ?? 0
        // Joint histogram of (truth label, predicted label), one pass over the pixels.
        var joint = [Int](repeating: 0, count: (t + 1) * (p + 1))
        if let truth, let predicted {
            precondition(truth.labels.count == predicted.labels.count, "mask sizes differ")
            joint.withUnsafeMutableBufferPointer { joint in
                truth.labels.withUnsafeBufferPointer { tl in
                    predicted.labels.withUnsafeBufferPointer { pl in
                        let stride = p + 1
                        for i in 0..<tl.count { joint[Int(tl[i]) &* stride &+ Int(pl[i])] &+= 1 }
                    }
                }
            }
        }
        var names: [String] = []
        for name in truthNames + predictedNames where !names.contains(where: { $0.lowercased() == name.lowercased() }) {
            names.append(name)
        }
        var result: [ReportRecord.TypeIoU] = []
        for name in names {
            let ti = truth == nil ? nil : truthNames.firstIndex { $0.lowercased() == name.lowercased() }
            let pi = predicted == nil ? nil : predictedNames.firstIndex { $0.lowercased() == name.lowercased() }
            let truthCount = ti.map { truth!.counts[$0] } ?? 0
            let predictedCount = pi.map { predicted!.counts[$0] } ?? 0
            var intersection = 0
            if let ti, let pi { intersection = joint[(ti + 1) * (p + 1) + pi + 1] }
            let union = truthCount + predictedCount - intersection
            if union > 0 { result.append(.init(name: name, intersection: intersection, union: union)) }
        }
        return result
    }
}
