import Testing

@testable import Raster

@Suite("Colour parsing and geometry")
struct ColorAndGeometryTests {
    @Test(
        "valid colours",
        arguments: [
            ("#23A436", Color(r: 0x23, g: 0xA4, b: 0x36)), ("#23a436", Color(r: 0x23, g: 0xA4, b: 0x36)),
            ("#00000080", Color(r: 0, g: 0, b: 0, a: 0x80)), ("lime", .lime), ("BLACK", .black), ("white", .white),
        ])
    func parses(_ text: String, _ color: Color) {
        #expect(Color(parsing: text) == color)
    }

    @Test("invalid colours", arguments: ["", "#", "23A436", "#23A43", "#23A4367", "#GGGGGG", "#23A436 ", "chartreuse"])
    func rejects(_ text: String) {
        #expect(Color(parsing: text) == nil)
    }

    @Test func hexStringRoundTrips() {
        #expect(Color(r: 0x23, g: 0xA4, b: 0x36).hexString == "#23A436")
        #expect(Color(r: 1, g: 2, b: 3, a: 4).hexString == "#01020304")
    }

    @Test func rectIntersectionAndUnion() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        let b = Rect(x: 5, y: 7, width: 10, height: 10)
        #expect(a.intersection(b) == Rect(x: 5, y: 7, width: 5, height: 3))
        #expect(a.union(b) == Rect(x: 0, y: 0, width: 15, height: 17))
        #expect(a.intersection(Rect(x: 20, y: 20, width: 1, height: 1)).isEmpty)
    }

    /// `anomark diff --ignore 9223372036854775807,1,1,1` trapped in `maxX` (issue 10): edges now saturate.
    @Test func rectArithmeticSaturatesInsteadOfTrapping() {
        let image = Rect(x: 0, y: 0, width: 576, height: 768)
        let farRight = Rect(x: .max, y: 1, width: 1, height: 1)
        #expect(farRight.maxX == .max)
        #expect(farRight.intersection(image).isEmpty)
        let huge = Rect(x: 1, y: 1, width: .max, height: .max)
        #expect(huge.maxX == .max && huge.maxY == .max)
        #expect(huge.intersection(image) == Rect(x: 1, y: 1, width: 575, height: 767))
        let everything = Rect(x: .min, y: .min, width: .max, height: .max)
        #expect(everything.maxX == -1)
        let whole = Rect(x: .min, y: .min, width: .max, height: .max).union(Rect(x: 0, y: 0, width: .max, height: 1))
        #expect(whole.width == .max && whole.x == .min)
        #expect(everything.intersection(huge).isEmpty)
        #expect(
            everything.intersection(Rect(x: -10, y: -10, width: .max, height: .max))
                == Rect(x: -10, y: -10, width: 9, height: 9))
        #expect(image.insetBy(.max).isEmpty && image.outsetBy(.min).isEmpty)
        #expect(image.outsetBy(1) == Rect(x: -1, y: -1, width: 578, height: 770))
        #expect(!farRight.contains(x: .max, y: 1) && huge.contains(x: .max - 1, y: 2))
    }

    /// isOpaque reads whole pixels as words: whatever the colour bytes, one alpha below 255 anywhere (first,
    /// last, middle pixel; every alpha bit) makes the image not opaque.
    @Test func isOpaqueLooksAtEveryAlphaAndOnlyAlpha() {
        var image = Pixmap(width: 7, height: 5, fill: Color(r: 0, g: 0, b: 0, a: 255))
        image.withUnsafeMutableBytes { p in
            for i in 0..<p.count where i % 4 != 3 { p[i] = UInt8(truncatingIfNeeded: i &* 37) }
        }
        #expect(image.isOpaque)
        for (x, y) in [(0, 0), (6, 4), (3, 2)] {
            for bit in 0..<8 {
                var copy = image
                copy[x, y] = Color(r: 255, g: 255, b: 255, a: 255 ^ (1 << UInt8(bit)))
                #expect(!copy.isOpaque, "pixel (\(x), \(y)) alpha bit \(bit) cleared")
            }
        }
        #expect(Pixmap(width: 0, height: 0).isOpaque)
    }

    @Test func croppingCopiesTheRegion() {
        var image = Pixmap(width: 4, height: 3, fill: .black)
        image[2, 1] = .red
        let crop = image.cropped(to: Rect(x: 1, y: 1, width: 10, height: 10))
        #expect(crop.width == 3 && crop.height == 2)
        #expect(crop[1, 0] == .red && crop[0, 0] == .black)
        #expect(image.isOpaque)
        image[0, 0] = Color(r: 0, g: 0, b: 0, a: 254)
        #expect(!image.isOpaque)
    }
}
