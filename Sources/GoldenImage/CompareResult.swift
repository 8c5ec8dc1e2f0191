import Raster

/// The outcome of `ImageComparison.compare`: verdict, counts, the size of the largest change, and the
/// options that were actually applied. Encodes to JSON (`--json`), including `summary`.
public struct CompareResult: Sendable, Equatable {
    /// Pass, differ, or not comparable.
    public enum Verdict: String, Sendable, Codable {
        /// Within every tolerance.
        case pass
        /// More differing pixels than the budget allows.
        case differs
        /// The images have different sizes; pixels were not compared.
        case sizeMismatch
    }

    /// The verdict.
    public var verdict: Verdict
    /// Size of the expected image.
    public var expectedSize: ImageSize
    /// Size of the actual image.
    public var actualSize: ImageSize
    /// Pixels compared: all pixels minus ignored ones (0 on a size mismatch).
    public var comparedPixels = 0
    /// Pixels that differ beyond every tolerance and are not anti-aliasing.
    public var differingPixels = 0
    /// `differingPixels` as a fraction of all pixels of the image (ignored ones included), 0…1.
    public var differingRatio = 0.0
    /// Pixels that would differ but were classified as anti-aliasing (only with `detectAntialiasing`).
    public var antialiasedPixels = 0
    /// Pixels inside ignore regions (overlaps counted once).
    public var ignoredPixels = 0
    /// Largest absolute difference of any channel (R, G, B or A) among compared pixels, 0…255.
    public var largestChannelDelta = 0
    /// Largest YIQ distance among compared pixels, normalised: `sqrt(Δ / 35215)`, 0…1, on the same
    /// scale as `CompareOptions.threshold`.
    public var largestYIQDelta = 0.0
    /// Smallest rectangle holding every differing pixel; nil when none differs.
    public var changedBounds: Rect?
    /// Peak signal-to-noise ratio in dB over the R, G, B and A bytes of compared pixels; `.infinity`
    /// when they are identical.
    public var psnr = Double.infinity
    /// The options applied: clamped into range, ignore regions clipped to the image.
    public var options: CompareOptions

    /// A result with nothing counted yet.
    init(verdict: Verdict, expectedSize: ImageSize, actualSize: ImageSize, options: CompareOptions) {
        self.verdict = verdict
        self.expectedSize = expectedSize
        self.actualSize = actualSize
        self.options = options
    }

    /// True for `.pass`.
    public var passed: Bool { verdict == .pass }

    /// Fills in the counts of a pixel scan and decides the verdict against the budget.
    mutating func apply(_ totals: ScanTotals, totalPixels: Int) {
        differingPixels = totals.differing
        antialiasedPixels = totals.antialiased
        largestChannelDelta = totals.largestChannelDelta
        largestYIQDelta = min(1, (totals.largestRawYIQ / YIQ.maxDelta).squareRoot())
        changedBounds = totals.bounds
        differingRatio = totalPixels == 0 ? 0 : Double(differingPixels) / Double(totalPixels)
        if totals.squaredError == 0 || comparedPixels == 0 {
            psnr = .infinity
        } else {
            // PSNR = 10·log10(255² / MSE), MSE over 4 channels per compared pixel.
            let mse = Double(totals.squaredError) / (4 * Double(comparedPixels))
            psnr = 10 * Numerics.log10(255 * 255 / mse)
        }
        verdict = withinPixelBudget && withinRatioBudget ? .pass : .differs
    }

    /// True when the differing pixels fit the pixel budget (or only a ratio budget is set).
    var withinPixelBudget: Bool { options.allowedDiffPixels.map { differingPixels <= $0 } ?? true }

    /// True when the differing ratio fits the ratio budget (or none is set).
    var withinRatioBudget: Bool { options.maxDiffRatio.map { differingRatio <= $0 } ?? true }
}

extension CompareResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case verdict, passed, expectedSize, actualSize, comparedPixels, differingPixels, differingRatio
        case antialiasedPixels, ignoredPixels, largestChannelDelta, largestYIQDelta, changedBounds, psnr
        case options, summary
    }

    /// Decodes the JSON of `encode(to:)`; `passed` and `summary` are derived and not read back.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            verdict: try c.decode(Verdict.self, forKey: .verdict),
            expectedSize: try c.decode(ImageSize.self, forKey: .expectedSize),
            actualSize: try c.decode(ImageSize.self, forKey: .actualSize),
            options: try c.decode(CompareOptions.self, forKey: .options))
        comparedPixels = try c.decode(Int.self, forKey: .comparedPixels)
        differingPixels = try c.decode(Int.self, forKey: .differingPixels)
        differingRatio = try c.decode(Double.self, forKey: .differingRatio)
        antialiasedPixels = try c.decode(Int.self, forKey: .antialiasedPixels)
        ignoredPixels = try c.decode(Int.self, forKey: .ignoredPixels)
        largestChannelDelta = try c.decode(Int.self, forKey: .largestChannelDelta)
        largestYIQDelta = try c.decode(Double.self, forKey: .largestYIQDelta)
        changedBounds = try c.decodeIfPresent(RectCoding.self, forKey: .changedBounds)?.rect
        psnr = try c.decodeIfPresent(Double.self, forKey: .psnr) ?? .infinity
    }

    /// Writes every field plus `passed` and `summary`. `psnr` is `null` when infinite (identical
    /// pixels), because JSON has no infinity; `changedBounds` is `null` when nothing differs.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(passed, forKey: .passed)
        try c.encode(expectedSize, forKey: .expectedSize)
        try c.encode(actualSize, forKey: .actualSize)
        try c.encode(comparedPixels, forKey: .comparedPixels)
        try c.encode(differingPixels, forKey: .differingPixels)
        try c.encode(differingRatio, forKey: .differingRatio)
        try c.encode(antialiasedPixels, forKey: .antialiasedPixels)
        try c.encode(ignoredPixels, forKey: .ignoredPixels)
        try c.encode(largestChannelDelta, forKey: .largestChannelDelta)
        try c.encode(largestYIQDelta, forKey: .largestYIQDelta)
        try c.encode(changedBounds.map(RectCoding.init), forKey: .changedBounds)
        try c.encode(psnr.isFinite ? psnr : nil, forKey: .psnr)
        try c.encode(options, forKey: .options)
        try c.encode(summary, forKey: .summary)
    }
}
