import AnomarkKit
import Overlay

/// The report's IoU entries: `MaskAgreement` (Overlay, where IoU is defined) on the compositor's `LabelMap`s,
/// so the pixels counted are exactly the pixels painted, with the same `--color-tolerance`.
enum ReportIoU {
    /// Per-type intersection and union of a ground-truth and a predicted labelling; a nil side counts as empty
    /// (a normal image without a mask, or a normal prediction). Types are matched by name, ignoring case; a type
    /// absent from both masks is left out. The predicted labels must have the truth's size when both exist.
    static func intersections(
        truth: LabelMap?, truthNames: [String], predicted: LabelMap?, predictedNames: [String]
    ) -> [ReportRecord.TypeIoU] {
        MaskAgreement.perClass(
            truth: truth, truthNames: truthNames, predicted: predicted, predictedNames: predictedNames
        ).map {
            ReportRecord.TypeIoU(name: $0.name, intersection: $0.agreement.intersection, union: $0.agreement.union)
        }
    }

    /// The one class-agnostic entry of a binary truth (MVTec AD): every truth pixel against every predicted
    /// anomaly pixel, named `name` (the defect folder); none when both masks are empty.
    static func classAgnostic(truth: LabelMap?, predicted: LabelMap?, name: String) -> [ReportRecord.TypeIoU] {
        let agreement = MaskAgreement(truth: truth, predicted: predicted)
        guard agreement.union > 0 else { return [] }
        return [ReportRecord.TypeIoU(name: name, intersection: agreement.intersection, union: agreement.union)]
    }
}
