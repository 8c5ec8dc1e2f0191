import Raster
import Testing

@testable import TextRender

@Suite("Measuring")
struct MeasureTests {
    let renderer: TextRenderer

    init() throws { renderer = try TestSupport.bundledRenderer() }

    @Test(arguments: [8, 13, 20, 40])
    func widthGrowsWithEachCharacter(size: Int) {
        let text = Array("The quick brown fox, 0123.jpg")
        var previous = 0
        for n in 1...text.count {
            let width = renderer.measure(String(text[..<n]), size: size).width
            #expect(width >= previous, "\(String(text[..<n])) at \(size) px")
            previous = width
        }
        #expect(previous > renderer.measure("T", size: size).width)
    }

    @Test func metricsGrowWithSize() {
        var previous = renderer.measure("Hello, world", size: 6)
        for size in 7...48 {
            let m = renderer.measure("Hello, world", size: size)
            #expect(m.width >= previous.width, "width at \(size) px")
            #expect(m.ascent >= previous.ascent && m.descent >= previous.descent, "line at \(size) px")
            #expect(m.lineHeight >= previous.lineHeight, "line height at \(size) px")
            previous = m
        }
        #expect(previous.width > renderer.measure("Hello, world", size: 6).width * 4)
    }

    @Test func kerningTightensAV() {
        let pair = renderer.measure("AV", size: 40).width
        let separate = renderer.measure("A", size: 40).width + renderer.measure("V", size: 40).width
        #expect(pair < separate)
        // Without kerning two glyphs always measure the sum of their advances.
        #expect(renderer.measure("HH", size: 40).width == 2 * renderer.measure("H", size: 40).width)
    }

    @Test func lineMetricsDoNotDependOnTheText() {
        let plain = renderer.measure("ace", size: 20)
        let tall = renderer.measure("ÉÅjgq|", size: 20)
        #expect(plain.ascent == tall.ascent)
        #expect(plain.descent == tall.descent)
        #expect(plain.lineHeight == tall.lineHeight)
        #expect(plain.ascent > 0 && plain.descent > 0)
        #expect(plain.lineHeight >= plain.height)
        // The line box holds the ink of tall accented letters and descenders.
        #expect(-tall.inkBounds.minY <= tall.ascent)
        #expect(tall.inkBounds.maxY <= tall.descent)
        #expect(tall.inkBounds.maxY > 0)
    }

    @Test func emptyAndBlankTextHaveNoInk() {
        let empty = renderer.measure("", size: 20)
        #expect(empty.width == 0)
        #expect(empty.inkBounds.isEmpty)
        let blank = renderer.measure("   ", size: 20)
        #expect(blank.width > 0)
        #expect(blank.inkBounds.isEmpty)
        #expect(blank.ascent == empty.ascent)
    }

    @Test(arguments: ["Hg", "Ajy", "éü…", "|1/"])
    func inkBoundsEncloseTheDrawnPixels(text: String) {
        let metrics = renderer.measure(text, size: 30)
        let image = TestSupport.render(renderer, text, size: 30, width: 120, height: 70, x: 10, baseline: 45)
        let drawn = TestSupport.changedBounds(image)
        let ink = Rect(
            x: metrics.inkBounds.x + 10, y: metrics.inkBounds.y + 45, width: metrics.inkBounds.width,
            height: metrics.inkBounds.height)
        #expect(!drawn.isEmpty)
        #expect(drawn.intersection(ink) == drawn)
        // FreeType's bitmaps are tight boxes, so the drawn pixels reach (nearly) every edge of the ink box.
        #expect(drawn.minX - ink.minX <= 1 && ink.maxX - drawn.maxX <= 1)
        #expect(drawn.minY - ink.minY <= 1 && ink.maxY - drawn.maxY <= 1)
    }

    @Test func repeatedTextMakesNoFreeTypeCalls() throws {
        let fresh = try TestSupport.bundledRenderer()
        let first = fresh.measure("Anomaly 97.5 %", size: 17)
        var image = Pixmap(width: 200, height: 40, fill: .black)
        fresh.draw("Anomaly 97.5 %", size: 17, into: &image, x: 2, baseline: 30, color: .lime)
        let calls = fresh.freetypeCallCount
        #expect(calls > 0)
        for _ in 0..<3 {
            #expect(fresh.measure("Anomaly 97.5 %", size: 17) == first)
            fresh.draw("Anomaly 97.5 %", size: 17, into: &image, x: 2, baseline: 30, color: .lime)
        }
        #expect(fresh.freetypeCallCount == calls)
        _ = fresh.measure("Anomaly", size: 18)
        #expect(fresh.freetypeCallCount > calls)
    }
}
