/// Where a panel was put: over the image in a corner, or in a band beside it.
public enum PanelPlacement: Sendable, Equatable {
    /// Over the image, in this corner.
    case corner(PanelPosition)
    /// In a band to the right of the image (the canvas is wider than the image).
    case bandRight
    /// In a band below the image (the canvas is taller than the image).
    case bandBelow

    /// `top-left` … `bottom-right`, `band-right`, `band-below` (as `--summary json` writes it).
    public var name: String {
        switch self {
        case .corner(let position): return position.rawValue
        case .bandRight: return "band-right"
        case .bandBelow: return "band-below"
        }
    }
}
