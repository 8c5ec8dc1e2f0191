import Raster

/// One connected region of a mask's anomaly pixels (alpha ≥ 128, one type, 8-connected), as the compositor found
/// it while painting: which type, where, and how many pixels.
public struct MaskRegion: Sendable, Equatable {
    /// Index of its type in the `types` given to `MaskCompositor.composite`.
    public var typeIndex: Int
    /// The smallest rectangle holding all its pixels, in the mask's (stored) coordinates.
    public var bounds: Rect
    /// Its pixel count.
    public var pixels: Int

    /// A region of type `typeIndex` with these bounds and pixel count.
    public init(typeIndex: Int, bounds: Rect, pixels: Int) {
        self.typeIndex = typeIndex
        self.bounds = bounds
        self.pixels = pixels
    }
}
