/// What `HeatMapCompositor.composite` painted, and the scale it painted with (for the legend's colour bar).
public struct HeatMapReport: Sendable, Equatable {
    /// The fraction of the photo's pixels (0…1) scoring at or above the threshold, after scaling.
    public var areaAboveThreshold: Double
    /// Photo pixels the heat map blended (scoring at or above the floor).
    public var paintedPixels: Int
    /// Photo pixels set by the threshold contour.
    public var outlinedPixels: Int
    /// The scores the colour scale spans.
    public var range: ClosedRange<Double>
    /// Pixels below it were left unpainted.
    public var floor: Double
    /// The threshold the contour marks.
    public var threshold: Double
    /// The colour scale.
    public var colormap: Colormap
    /// Where the pixels at or above the threshold are (the region the contour surrounds), from the painting pass:
    /// the panel is placed away from them.
    public var coverage: MaskCoverage
    /// The contour's width in pixels (0 without outlines): placement keeps the panel that far from the region too.
    public var outlineWidth: Int
    /// The pixels at or above the threshold as one class (label 1), at the photo's size, when
    /// `composite(…, keepLabels: true)` asked for it: the score map's mask for IoU against ground truth.
    public var labels: LabelMap?

    /// A report with the given values.
    public init(
        areaAboveThreshold: Double, paintedPixels: Int, outlinedPixels: Int, range: ClosedRange<Double>,
        floor: Double, threshold: Double, colormap: Colormap, coverage: MaskCoverage = .init(), outlineWidth: Int = 0
    ) {
        self.areaAboveThreshold = areaAboveThreshold
        self.paintedPixels = paintedPixels
        self.outlinedPixels = outlinedPixels
        self.range = range
        self.floor = floor
        self.threshold = threshold
        self.colormap = colormap
        self.coverage = coverage
        self.outlineWidth = outlineWidth
    }
}
