import Raster

/// How `MaskCompositor.composite` paints a mask over a photo.
public struct CompositeOptions: Sendable, Equatable {
    /// Opacity of the anomaly colours, 0…1 (0 paints nothing, 1 replaces the photo where the mask is opaque).
    /// Applied as the integer `round(opacity * 255)`, then scaled by each mask pixel's alpha.
    public var opacity: Double
    /// Largest per-channel difference (0…255) at which a mask colour still counts as a listed colour;
    /// 0 means exact. With several candidates within tolerance the nearest wins (ties: the background, then
    /// the earlier type).
    public var colorTolerance: Int
    /// The background entry's colour (`#FFFFFF` for the service): mask pixels of this colour are never painted.
    public var backgroundColor: Color
    /// Draw an opaque contour around each anomaly region, in its colour.
    public var outline: Bool
    /// Contour width in pixels (1…64); nil picks `MaskCompositor.defaultOutlineWidth` for the photo's size.
    public var outlineWidth: Int?

    /// Options with the defaults: opacity 0.5, exact colours, white background, no contour.
    public init(
        opacity: Double = 0.5, colorTolerance: Int = 0, backgroundColor: Color = .white, outline: Bool = false,
        outlineWidth: Int? = nil
    ) {
        self.opacity = opacity
        self.colorTolerance = colorTolerance
        self.backgroundColor = backgroundColor
        self.outline = outline
        self.outlineWidth = outlineWidth
    }
}
