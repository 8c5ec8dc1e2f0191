// Source-over blending in integer arithmetic.
//
// Why integers: they are exact at the ends (alpha 0 leaves the destination bit-identical, alpha 255
// replaces it) and deterministic across machines, which the golden images rely on; and they are fast.
// `div255` is the exact rounded division by 255 for products of two bytes (max 65025).

/// Rounded `x / 255` for `0 ≤ x ≤ 255 * 255`, exact for every such x.
@inlinable @inline(__always)
public func div255(_ x: UInt32) -> UInt32 {
    let t = x &+ 128
    return (t &+ (t >> 8)) >> 8
}

/// Blending of one straight-alpha source colour over a destination pixel.
public enum Blend {
    /// Source-over of `src` (straight alpha, with extra coverage `cov` 0…255) onto the pixel at `p`.
    ///
    /// For an opaque destination (photos) the result stays opaque and each channel is
    /// `d + (s - d) * a / 255`, rounded. For a translucent destination the straight-alpha formula is
    /// used: `ao = a + da * (255 - a) / 255`, `c = (s * a + d * da * (255 - a) / 255) / ao`.
    @inlinable @inline(__always)
    public static func sourceOver(
        _ p: UnsafeMutablePointer<UInt8>, r: UInt32, g: UInt32, b: UInt32, alpha a: UInt32
    ) {
        if a == 0 { return }
        let da = UInt32(p[3])
        if a == 255 || da == 0 {
            p[0] = UInt8(truncatingIfNeeded: r)
            p[1] = UInt8(truncatingIfNeeded: g)
            p[2] = UInt8(truncatingIfNeeded: b)
            p[3] = UInt8(truncatingIfNeeded: a)
            return
        }
        if da == 255 {
            let ia = 255 &- a
            p[0] = UInt8(truncatingIfNeeded: div255(r &* a &+ UInt32(p[0]) &* ia))
            p[1] = UInt8(truncatingIfNeeded: div255(g &* a &+ UInt32(p[1]) &* ia))
            p[2] = UInt8(truncatingIfNeeded: div255(b &* a &+ UInt32(p[2]) &* ia))
            return
        }
        // General straight-alpha case (rare: translucent destinations).
        let dw = div255(da &* (255 &- a))  // destination weight, 0…255
        let ao = a &+ dw
        let half = ao >> 1
        p[0] = UInt8(truncatingIfNeeded: (r &* a &+ UInt32(p[0]) &* dw &+ half) / ao)
        p[1] = UInt8(truncatingIfNeeded: (g &* a &+ UInt32(p[1]) &* dw &+ half) / ao)
        p[2] = UInt8(truncatingIfNeeded: (b &* a &+ UInt32(p[2]) &* dw &+ half) / ao)
        p[3] = UInt8(truncatingIfNeeded: ao)
    }
}
