import Raster

/// Why `CompareOptions.validated()` or `CompareOptions.parseRegion(_:)` rejected its input.
public enum CompareOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The YIQ threshold is not within 0…1.
    case thresholdOutOfRange(Double)
    /// The per-channel cap is not within 0…255.
    case channelDeltaOutOfRange(Int)
    /// The pixel budget is negative.
    case negativePixelBudget(Int)
    /// The ratio budget is not within 0…1.
    case ratioOutOfRange(Double)
    /// An ignore region has no area.
    case emptyIgnoreRegion(Rect)
    /// An ignore region is not written `x,y,w,h`.
    case malformedRegion(String)
    /// An ignore region has a value beyond ±`CompareOptions.maxRegionValue` (the region as written).
    case regionOutOfRange(String)

    /// One line saying which option is wrong and why.
    public var description: String {
        switch self {
        case .thresholdOutOfRange(let t): "threshold \(t) is not between 0 and 1"
        case .channelDeltaOutOfRange(let n): "per-channel cap \(n) is not between 0 and 255"
        case .negativePixelBudget(let n): "pixel budget \(n) is negative"
        case .ratioOutOfRange(let r): "ratio budget \(r) is not between 0 and 1"
        case .emptyIgnoreRegion(let r): "ignore region \(r) is empty (width and height must be > 0)"
        case .malformedRegion(let text): "ignore region \"\(text)\" is not x,y,w,h"
        case .regionOutOfRange(let text):
            "ignore region \"\(text)\" is out of range: x, y, width and height must be within ±\(CompareOptions.maxRegionValue)"
        }
    }
}
