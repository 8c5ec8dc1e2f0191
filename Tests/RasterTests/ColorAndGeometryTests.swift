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
