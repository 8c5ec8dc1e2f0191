import Testing

@testable import Raster

@Suite("Blending arithmetic")
struct BlendTests {
    @Test func div255IsExactRoundedDivisionForAllBytePairProducts() {
        for x in 0...(255 * 255) {
            let expected = UInt32((Double(x) / 255).rounded())
            if div255(UInt32(x)) != expected {
                Issue.record("div255(\(x)) = \(div255(UInt32(x))), expected \(expected)")
                return
            }
        }
    }

    /// The reference: straight-alpha source-over onto an opaque destination, in exact rationals then rounded.
    static func reference(_ s: UInt8, _ d: UInt8, _ a: UInt8) -> UInt8 {
        UInt8(((Double(s) * Double(a) + Double(d) * Double(255 - a)) / 255).rounded())
    }

    @Test("source-over on opaque pixels matches exact rounding", arguments: [0, 1, 64, 127, 128, 200, 254, 255])
    func sourceOverOpaque(_ alpha: Int) {
        for s in stride(from: 0, through: 255, by: 15) {
            for d in stride(from: 0, through: 255, by: 17) {
                var p: [UInt8] = [UInt8(d), UInt8(255 - d), 7, 255]
                p.withUnsafeMutableBufferPointer {
                    Blend.sourceOver($0.baseAddress!, r: UInt32(s), g: UInt32(s), b: 200, alpha: UInt32(alpha))
                }
                #expect(p[0] == Self.reference(UInt8(s), UInt8(d), UInt8(alpha)))
                #expect(p[1] == Self.reference(UInt8(s), UInt8(255 - d), UInt8(alpha)))
                #expect(p[2] == Self.reference(200, 7, UInt8(alpha)))
                #expect(p[3] == 255)
            }
        }
    }

    @Test func alphaZeroLeavesTheDestinationBitIdenticalAndAlpha255Replaces() {
        var p: [UInt8] = [10, 20, 30, 40]
        p.withUnsafeMutableBufferPointer { Blend.sourceOver($0.baseAddress!, r: 200, g: 100, b: 50, alpha: 0) }
        #expect(p == [10, 20, 30, 40])
        p.withUnsafeMutableBufferPointer { Blend.sourceOver($0.baseAddress!, r: 200, g: 100, b: 50, alpha: 255) }
        #expect(p == [200, 100, 50, 255])
    }

    @Test func translucentDestinationUsesTheStraightAlphaFormula() {
        // 50 % red over 50 % blue: alpha 0.5 + 0.5 * 0.5 = 0.75; red weight 0.5 / 0.75, blue 0.25 / 0.75.
        var p: [UInt8] = [0, 0, 255, 128]
        p.withUnsafeMutableBufferPointer { Blend.sourceOver($0.baseAddress!, r: 255, g: 0, b: 0, alpha: 128) }
        #expect(p[3] == 192)
        #expect(abs(Int(p[0]) - 170) <= 1)
        #expect(abs(Int(p[2]) - 85) <= 1)
        // Onto a fully transparent pixel the source is copied as is.
        var q: [UInt8] = [9, 9, 9, 0]
        q.withUnsafeMutableBufferPointer { Blend.sourceOver($0.baseAddress!, r: 1, g: 2, b: 3, alpha: 77) }
        #expect(q == [1, 2, 3, 77])
    }
}
