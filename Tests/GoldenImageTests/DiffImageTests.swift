import GoldenImage
import Raster
import Testing

@Suite("DiffImage")
struct DiffImageTests {
    let defaults = DiffImage.Options()

    /// pixelmatch's faded background: 255 − (255 − Y)·0.1 for an opaque pixel, Y from its weights.
    func fadedGrey(_ c: Color) -> Int {
        let y = Double(c.r) * 0.29889531 + Double(c.g) * 0.58662247 + Double(c.b) * 0.11448223
        return Int((255 - (255 - y) * 0.1).rounded())
    }

    @Test("red where the actual got darker, green where lighter, faded grey elsewhere, magenta box")
    func colours() {
        let grey = Color(r: 128, g: 128, b: 128)
        let expected = TestImages.solid(12, 12, grey)
        var actual = TestImages.changed(expected, at: [(3, 4)], to: .black)
        actual = TestImages.changed(actual, at: [(7, 8)], to: .white)
        let result = ImageComparison.compare(expected: expected, actual: actual)
        let diff = DiffImage.render(expected: expected, actual: actual, result: result)
        #expect(diff.width == 12 && diff.height == 12)
        #expect(diff[3, 4] == defaults.darkerColor)
        #expect(diff[7, 8] == defaults.lighterColor)
        // The box sits one pixel outside the changed area 3,4 … 7,8.
        let box = Color(r: 255, g: 0, b: 255)
        for (x, y) in [(2, 3), (8, 3), (2, 9), (8, 9), (5, 3), (2, 6)] {
            #expect(diff[x, y] == box, "box at \(x),\(y)")
        }
        let g = fadedGrey(grey)
        for (x, y) in [(0, 0), (5, 5), (11, 11), (1, 3)] {
            let c = diff[x, y]
            #expect(c.r == c.g && c.g == c.b && c.a == 255)
            #expect(abs(Int(c.r) - g) <= 1, "faded grey at \(x),\(y): \(c)")
        }
    }

    @Test("anti-aliasing pixels are yellow, not red or green")
    func antialiasingYellow() {
        let expected = TestImages.edge(24, 24, nx: 1, ny: 0, d: 10)
        let actual = TestImages.edge(24, 24, nx: 1, ny: 0, d: 10.3)
        let result = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(threshold: 0.1, detectAntialiasing: true))
        #expect(result.antialiasedPixels == 24)
        let diff = DiffImage.render(expected: expected, actual: actual, result: result)
        for y in 0..<24 {
            #expect(diff[10, y] == defaults.antialiasColor)
            #expect(diff[9, y] != defaults.antialiasColor)
            #expect(diff[11, y] != defaults.antialiasColor)
        }
        // Nothing differs, so no box and no red or green anywhere.
        let words = Set(stride(from: 0, to: diff.pixels.count, by: 4).map { diff[$0 / 4 % 24, $0 / 4 / 24] })
        #expect(!words.contains(defaults.darkerColor))
        #expect(!words.contains(defaults.lighterColor))
        #expect(!words.contains(defaults.boxColor))
    }

    @Test("ignore regions are hatched with grey diagonal lines")
    func hatching() {
        let expected = TestImages.solid(16, 16, .white)
        let actual = TestImages.changed(expected, at: [(5, 5)], to: .black)
        let region = Rect(x: 4, y: 4, width: 6, height: 6)
        let result = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(ignoreRegions: [region]))
        let diff = DiffImage.render(expected: expected, actual: actual, result: result)
        var hatched = 0
        for y in 0..<16 {
            for x in 0..<16 {
                let onLine = region.contains(x: x, y: y) && (x + y) % 4 == 0
                #expect((diff[x, y] == defaults.ignoredColor) == onLine, "\(x),\(y)")
                if onLine { hatched += 1 }
            }
        }
        #expect(hatched == 9)
        #expect(diff[5, 5] == Color.white)  // the ignored change is not painted; faded white stays white
    }

    @Test("size mismatch: the diff covers both images, the missing area is painted")
    func sizeMismatch() {
        let expected = TestImages.solid(6, 4, .white)
        let actual = TestImages.solid(4, 5, .white)
        let result = ImageComparison.compare(expected: expected, actual: actual)
        #expect(result.verdict == .sizeMismatch)
        let diff = DiffImage.render(expected: expected, actual: actual, result: result)
        #expect(diff.width == 6 && diff.height == 5)
        #expect(diff[5, 0] == defaults.outsideColor)
        #expect(diff[0, 4] == defaults.outsideColor)
        #expect(diff[3, 3] == Color.white)
    }

    @Test(
        "composite is expected | actual | diff with gaps",
        arguments: [(10, 8, 4), (3, 3, 0), (17, 5, 7)])
    func composite(width: Int, height: Int, gap: Int) {
        let expected = TestImages.solid(width, height, .red)
        let actual = TestImages.solid(width, height, .yellow)
        let diff = TestImages.solid(width, height, .black)
        let c = DiffImage.composite(expected: expected, actual: actual, diff: diff, gap: gap)
        #expect(c.width == 3 * width + 2 * gap)
        #expect(c.height == height)
        #expect(c[width - 1, 0] == .red)
        #expect(c[width + gap, height - 1] == .yellow)
        #expect(c[2 * (width + gap), 0] == .black)
        #expect(c[c.width - 1, height - 1] == .black)
        if gap > 0 { #expect(c[width, 0] == Color(r: 128, g: 128, b: 128)) }
    }

    @Test("composite from a result renders the diff panel")
    func compositeFromResult() {
        let expected = TestImages.solid(8, 6, .white)
        let actual = TestImages.changed(expected, at: [(2, 2)], to: .black)
        let result = ImageComparison.compare(expected: expected, actual: actual)
        let c = DiffImage.composite(expected: expected, actual: actual, result: result, gap: 2)
        #expect(c.width == 3 * 8 + 2 * 2 && c.height == 6)
        #expect(c[2 * (8 + 2) + 2, 2] == defaults.darkerColor)
        #expect(c[8 + 2 + 2, 2] == .black)
    }
}
