import Testing

@testable import Raster

/// Expected results built from primitive operations, written independently of `Pixmap.applying`.
private func flipH(_ p: Pixmap) -> Pixmap {
    var o = Pixmap(width: p.width, height: p.height)
    for y in 0..<p.height { for x in 0..<p.width { o[p.width - 1 - x, y] = p[x, y] } }
    return o
}

private func flipV(_ p: Pixmap) -> Pixmap {
    var o = Pixmap(width: p.width, height: p.height)
    for y in 0..<p.height { for x in 0..<p.width { o[x, p.height - 1 - y] = p[x, y] } }
    return o
}

/// Rotates 90° clockwise: the left column becomes the top row.
private func rotateCW(_ p: Pixmap) -> Pixmap {
    var o = Pixmap(width: p.height, height: p.width)
    for y in 0..<p.height { for x in 0..<p.width { o[p.height - 1 - y, x] = p[x, y] } }
    return o
}

@Suite("EXIF orientation")
struct OrientationTests {
    static func sample() -> Pixmap {
        var p = Pixmap(width: 3, height: 2)
        for y in 0..<2 { for x in 0..<3 { p[x, y] = Color(r: UInt8(x), g: UInt8(y), b: UInt8(10 * y + x)) } }
        return p
    }

    @Test("each orientation turns the image upright", arguments: Orientation.allCases)
    func orientation(_ o: Orientation) {
        let p = Self.sample()
        let expected: Pixmap
        switch o {
        case .up: expected = p
        case .upMirrored: expected = flipH(p)
        case .down: expected = rotateCW(rotateCW(p))
        case .downMirrored: expected = flipV(p)
        case .leftMirrored: expected = flipH(rotateCW(p))  // transpose
        case .right: expected = rotateCW(p)
        case .rightMirrored: expected = flipV(rotateCW(p))  // transverse
        case .left: expected = rotateCW(rotateCW(rotateCW(p)))
        }
        #expect(p.applying(o) == expected)
        #expect(p.applying(o).width == (o.swapsDimensions ? 2 : 3))
    }
}
