/// When small anomaly regions get a marker (`--markers`).
public enum MarkerMode: String, Sendable, CaseIterable {
    /// Regions under `Markers.smallArea` of the image, or under `Markers.smallAcross` px across in a
    /// `Markers.thumbnailWidth`-px thumbnail.
    case auto
    /// Every region.
    case always
    /// None: the image as before markers existed.
    case never
}
