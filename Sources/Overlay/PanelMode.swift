/// Whether the panel may go over the image or in a band beside it (`--panel`).
public enum PanelMode: String, Sendable, CaseIterable {
    /// Over the image where that hides no anomaly (or in the chosen corner), else in the band.
    case auto
    /// Always over the image (in the corner covering the fewest anomaly pixels), unless a value could not
    /// fit whole there: numbers are never shortened.
    case inside
    /// Always in the band.
    case outside
}
