// Swift 6.3.1 (swift-6.3.1-RELEASE, x86_64 Linux) miscompiles this at -O: `run()` returns 128, at -Onone 192.
// The stores that the inlined function makes through the buffer pointer into a constant array literal are
// lost. Reduced from `Blend.sourceOver` (Sources/Raster/Blend.swift) as Tests/RasterTests/BlendTests.swift
// calls it; the shipped code never blends into a literal (README, Tests). Not part of the package. Probably
// https://github.com/swiftlang/swift/issues/77558 (pointer access into array-literal storage miscompiled on
// Linux 6.3, reported not to reproduce on main).
//
//     swiftc -O docs/swift-6.3.1-dropped-stores.swift -o /tmp/repro && /tmp/repro    # p[3] = 128
//     swiftc -Onone docs/swift-6.3.1-dropped-stores.swift -o /tmp/repro && /tmp/repro  # p[3] = 192
public func div255(_ x: UInt32) -> UInt32 {
    let t = x &+ 128
    return (t &+ (t >> 8)) >> 8
}
public enum Blend {
    public static func sourceOver(
        _ p: UnsafeMutablePointer<UInt8>, r: UInt32, g: UInt32, b: UInt32, alpha a: UInt32
    ) {
        let da = UInt32(p[3])
        if a == 255 || da == 0 {
        }
        if da == 255 {
            _ = 255 &- a
        }
        let dw = div255(da &* (255 &- a))  // destination weight, 0…255
        let ao = a &+ dw
        let half = ao >> 1
        p[1] = UInt8(truncatingIfNeeded: (g &* a &+ UInt32(p[1]) &* dw &+ half) / ao)
        p[2] = UInt8(truncatingIfNeeded: (b &* a &+ UInt32(p[2]) &* dw &+ half) / ao)
        p[3] = UInt8(truncatingIfNeeded: ao)
    }
}
@inline(never) func run() -> UInt8 {
    var p: [UInt8] = [0, 0, 255, 128]
    p.withUnsafeMutableBufferPointer { Blend.sourceOver($0.baseAddress!, r: 255, g: 0, b: 0, alpha: 128) }
    return p[3]
}
print("p[3] =", run(), "(want 192)")