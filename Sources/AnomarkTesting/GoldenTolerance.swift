import GoldenImage
import Raster

/// How close an image must be to its golden: `CompareOptions` under a name that reads well at the
/// call site, e.g. `tolerance: .perceptual(threshold: 0.1, antialiasing: true, maxDiffPixels: 20)`.
public struct GoldenTolerance: Sendable, Hashable, CustomStringConvertible {
    /// The comparison options applied.
    public var options: CompareOptions

    /// A tolerance with arbitrary comparison options.
    public init(_ options: CompareOptions) {
        self.options = options
    }

    /// Every byte of every pixel must match: for output computed in integers on every machine.
    public static let exact = GoldenTolerance(.exact)

    /// pixelmatch-style: YIQ `threshold` (0…1), optional anti-aliasing detection, a pixel budget.
    /// For output that goes through FreeType or other code whose rounding may change between versions.
    /// `threshold` and `antialiasing` have no defaults so every call site states them.
    public static func perceptual(
        threshold: Double, antialiasing: Bool, maxDiffPixels: Int = 0, maxDiffRatio: Double? = nil,
        maxChannelDelta: Int = 0, ignoring regions: [Rect] = []
    ) -> GoldenTolerance {
        GoldenTolerance(
            CompareOptions(
                threshold: threshold, detectAntialiasing: antialiasing, maxChannelDelta: maxChannelDelta,
                maxDiffPixels: maxDiffPixels, maxDiffRatio: maxDiffRatio, ignoreRegions: regions))
    }

    /// Pixels whose every channel is within `maxDelta` count as equal; up to `maxDiffPixels` may differ.
    public static func channels(maxDelta: Int, maxDiffPixels: Int = 0, ignoring regions: [Rect] = [])
        -> GoldenTolerance
    {
        GoldenTolerance(CompareOptions(maxChannelDelta: maxDelta, maxDiffPixels: maxDiffPixels, ignoreRegions: regions))
    }

    /// E.g. `exact` or `YIQ 0.1, anti-aliasing, ≤ 20 px`.
    public var description: String {
        let o = options
        guard !o.isExact else { return "exact" }
        var parts: [String] = []
        if let t = o.threshold { parts.append("YIQ \(t)") }
        if o.detectAntialiasing { parts.append("anti-aliasing") }
        if o.maxChannelDelta > 0 { parts.append("channel Δ ≤ \(o.maxChannelDelta)") }
        if let n = o.maxDiffPixels { parts.append("≤ \(n) px") }
        if let r = o.maxDiffRatio { parts.append("≤ \(r * 100)% px") }
        if !o.ignoreRegions.isEmpty { parts.append("\(o.ignoreRegions.count) ignore region(s)") }
        return parts.joined(separator: ", ")
    }
}
