import Testing

@testable import Raster

@Suite("Canvas")
struct CanvasTests {
    let grey = Color(r: 100, g: 100, b: 100)

    @Test func opaqueFillReplacesExactlyTheRectangle() {
        var image = Pixmap(width: 10, height: 8, fill: grey)
        image.fill(Rect(x: 2, y: 3, width: 4, height: 2), with: .lime)
        for y in 0..<8 {
            for x in 0..<10 {
                let inside = (2..<6).contains(x) && (3..<5).contains(y)
                #expect(image[x, y] == (inside ? .lime : grey))
            }
        }
    }

    @Test func fillsClipToTheImage() {
        var image = Pixmap(width: 4, height: 4, fill: grey)
        image.fill(Rect(x: -10, y: -10, width: 12, height: 11), with: .black)  // covers (0…1, 0)
        image.fill(Rect(x: 3, y: 3, width: 100, height: 100), with: .white)
        image.fill(Rect(x: 50, y: 50, width: 5, height: 5), with: .red)  // entirely outside: no effect
        #expect(image[0, 0] == .black && image[1, 0] == .black && image[2, 0] == grey && image[0, 1] == grey)
        #expect(image[3, 3] == .white && image[2, 3] == grey)
    }

    @Test func translucentFillBlendsWithIntegerRounding() {
        var image = Pixmap(width: 2, height: 1, fill: Color(r: 0, g: 100, b: 255))
        image.fill(Rect(x: 0, y: 0, width: 1, height: 1), with: Color(r: 255, g: 0, b: 0, a: 128))
        #expect(image[0, 0] == Color(r: 128, g: 50, b: 127))
        #expect(image[1, 0] == Color(r: 0, g: 100, b: 255))
    }

    @Test func transparentFillChangesNothing() {
        var image = Pixmap(width: 3, height: 3, fill: grey)
        let before = image
        image.fill(image.bounds, with: Color(r: 255, g: 0, b: 0, a: 0))
        #expect(image == before)
    }

    @Test func strokeDrawsOnlyTheBorder() {
        var image = Pixmap(width: 7, height: 7, fill: grey)
        image.stroke(Rect(x: 1, y: 1, width: 5, height: 5), with: .red, thickness: 1)
        #expect(image[1, 1] == .red && image[5, 5] == .red && image[3, 1] == .red && image[1, 3] == .red)
        #expect(image[3, 3] == grey && image[0, 0] == grey && image[6, 6] == grey)
    }

    @Test func blitCopiesAndClips() {
        var source = Pixmap(width: 3, height: 2, fill: .white)
        source[2, 1] = .red
        var image = Pixmap(width: 4, height: 4, fill: grey)
        image.blit(source, x: 2, y: 3)  // only the top-left 2×1 of the source lands
        #expect(image[2, 3] == .white && image[3, 3] == .white && image[3, 2] == grey)
        image.blit(source, x: -2, y: -1)  // only source (2, 1) lands, at (0, 0)
        #expect(image[0, 0] == .red && image[1, 0] == grey)
    }

    @Test func blendingBlitUsesSourceAlpha() {
        let source = Pixmap(width: 1, height: 1, fill: Color(r: 255, g: 255, b: 255, a: 51))  // 20 %
        var image = Pixmap(width: 1, height: 1, fill: .black)
        image.blit(source, x: 0, y: 0, blend: true)
        #expect(image[0, 0] == Color(r: 51, g: 51, b: 51))
    }

    @Test func coverageMaskScalesTheColourAlpha() {
        let coverage: [UInt8] = [0, 255, 128, 0, 64, 255]  // 3×2 in a pitch of 3
        var image = Pixmap(width: 5, height: 5, fill: .black)
        coverage.withUnsafeBufferPointer { bytes in
            image.draw(CoverageMask(width: 3, height: 2, pitch: 3, bytes: bytes), x: 1, y: 1, color: .lime)
        }
        #expect(image[1, 1] == .black)
        #expect(image[2, 1] == .lime)
        #expect(image[3, 1] == Color(r: 0, g: 128, b: 0))
        #expect(image[2, 2] == Color(r: 0, g: 64, b: 0))
        #expect(image[0, 0] == .black && image[4, 4] == .black)
        // Half-transparent colour at full coverage: alpha 128.
        coverage.withUnsafeBufferPointer { bytes in
            image.draw(
                CoverageMask(width: 3, height: 2, pitch: 3, bytes: bytes), x: 1, y: 3,
                color: Color(r: 255, g: 255, b: 255, a: 128))
        }
        #expect(image[2, 3] == Color(r: 128, g: 128, b: 128))
    }

    @Test func coverageMaskClipsAtEveryEdge() {
        let coverage = [UInt8](repeating: 255, count: 16)
        var image = Pixmap(width: 3, height: 3, fill: .black)
        coverage.withUnsafeBufferPointer { bytes in
            let mask = CoverageMask(width: 4, height: 4, pitch: 4, bytes: bytes)
            image.draw(mask, x: -2, y: -2, color: .white)
            image.draw(mask, x: 2, y: 2, color: .red)
        }
        #expect(image[0, 0] == .white && image[1, 1] == .white && image[2, 0] == .black)
        #expect(image[2, 2] == .red)
    }
}
