/// Lookout for Vision / SageMaker Ground Truth manifests (source name `manifest`): JSON Lines with
/// `source-ref`, `anomaly-label`, `anomaly-mask-ref` and the mask's `internal-color-map`, one image a line.
///
/// A manifest names its images, so this source says nothing about folders; its lines are read by the report
/// (`anomark report train.manifest`). Masks are colour masks (background `#FFFFFF` first, one colour per
/// class), so IoU is per class, classes matched by name, ignoring case.
public struct ManifestSource: GroundTruthSource {
    /// `manifest`.
    public let name = "manifest"

    /// The source.
    public init() {}
}
