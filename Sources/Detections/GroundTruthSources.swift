/// The registry of ground-truth sources: what `anomark report` recognises as truth beside predictions.
///
/// Names are a contract (documented in the README and the Detections catalog): `manifest`
/// (`ManifestSource`: Lookout for Vision / Ground Truth manifests, per-class IoU) and `mvtec` (`MVTecLayout`:
/// MVTec AD-style trees, binary masks, class-agnostic IoU). New sources are added to `all`, never renamed.
public enum GroundTruthSources {
    /// Every registered source, in the order folder layouts are tried.
    public static let all: [any GroundTruthSource] = [ManifestSource(), MVTecLayout()]

    /// The names of the registered sources.
    public static var names: [String] { all.map(\.name) }

    /// The source named `name` (exactly), nil for an unknown name.
    public static func named(_ name: String) -> (any GroundTruthSource)? { all.first { $0.name == name } }

    /// The first folder layout that recognises a folder with these entries, nil when none does.
    public static func layout(forEntries entries: [String]) -> (any GroundTruthSource)? {
        all.first { $0.recognises(entries: entries) }
    }
}
