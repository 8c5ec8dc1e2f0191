/// How `anomark report` shows ground truth beside a prediction (`--compare`).
public enum ReportCompare: String, Sendable, CaseIterable {
    /// Two halves, the truth on the left and the prediction on the right (the default).
    case sideBySide = "side-by-side"
    /// One picture of their agreement per pixel (`AgreementCompositor`: true positives, false positives, false
    /// negatives in three colours) with the IoU in the panel. Items whose truth or prediction says nowhere where
    /// the anomaly is (an anomalous label without mask, a classification-only result) stay side by side.
    case overlay
}
