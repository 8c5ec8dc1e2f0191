import Raster

/// What `MaskCompositor.composite` found in the mask and painted.
public struct CompositeReport: Sendable, Equatable {
    /// Per type, in the order given: the fraction of the image (0…1) covered by mask pixels of that type with
    /// alpha ≥ 128, to compare with the reported `TotalPercentageArea`.
    public var measuredArea: [Double]
    /// Per type, in the order given: the number of mask pixels of that type with alpha ≥ 128.
    public var typePixels: [Int]
    /// Mask pixels with alpha > 0 whose colour is neither the background nor a listed type (not painted).
    public var unlistedPixels: Int
    /// The most frequent unlisted colours (opaque, at most `MaskCompositor.reportedUnlistedColors`), most
    /// frequent first; ties in first-seen order. Exact for up to 8192 distinct unlisted colours; past that,
    /// new colours still count in `unlistedPixels` but are not named (a noisy, e.g. JPEG-compressed, mask).
    public var unlistedColors: [(color: Color, count: Int)]
    /// Photo pixels the fill blended (effective alpha > 0).
    public var paintedPixels: Int
    /// Photo pixels set by the contour (0 without `outline`).
    public var outlinedPixels: Int
    /// The contour width used (0 without `outline`).
    public var outlineWidth: Int
    /// The labelling the areas were measured on, when `composite(…, keepLabels: true)` asked for it.
    public var labels: LabelMap?
    /// The connected regions of the types, largest first, when `composite(…, findRegions: true)` asked for them
    /// (nil otherwise, and for a mask too noisy to list: over `RegionFinder.maxRuns` runs).
    public var regions: [MaskRegion]?
    /// Where the anomaly pixels are, for placing the panel off them (with `regions`, same conditions).
    public var coverage: MaskCoverage?

    /// A report with the given values (the compositor builds these; tests and callers may too).
    public init(
        measuredArea: [Double], typePixels: [Int], unlistedPixels: Int, unlistedColors: [(color: Color, count: Int)],
        paintedPixels: Int, outlinedPixels: Int, outlineWidth: Int, labels: LabelMap? = nil
    ) {
        self.measuredArea = measuredArea
        self.typePixels = typePixels
        self.unlistedPixels = unlistedPixels
        self.unlistedColors = unlistedColors
        self.paintedPixels = paintedPixels
        self.outlinedPixels = outlinedPixels
        self.outlineWidth = outlineWidth
        self.labels = labels
    }

    /// Field-by-field equality (written out because `unlistedColors` holds tuples).
    public static func == (lhs: CompositeReport, rhs: CompositeReport) -> Bool {
        lhs.measuredArea == rhs.measuredArea && lhs.typePixels == rhs.typePixels
            && lhs.unlistedPixels == rhs.unlistedPixels && lhs.paintedPixels == rhs.paintedPixels
            && lhs.outlinedPixels == rhs.outlinedPixels && lhs.outlineWidth == rhs.outlineWidth
            && lhs.labels == rhs.labels
            && lhs.regions == rhs.regions && lhs.coverage == rhs.coverage
            && lhs.unlistedColors.elementsEqual(rhs.unlistedColors) { $0.color == $1.color && $0.count == $1.count }
    }
}
