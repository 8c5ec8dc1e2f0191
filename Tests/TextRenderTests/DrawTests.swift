import Raster
import Testing

@testable import TextRender

@Suite("Drawing")
struct DrawTests {
    let renderer: TextRenderer

    init() throws { renderer = try TestSupport.bundledRenderer() }

    @Test func limeOnBlackBecomesLimeAtFullCoverage() {
        let image = TestSupport.render(renderer, "HIL", size: 32)
        var touched = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image[x, y]
                // Blending lime over black can only move the green channel.
                #expect(p.r == 0 && p.b == 0 && p.a == 255)
                if p.g != 0 { touched += 1 }
            }
        }
        // The straight stems of H, I and L are fully covered pixels.
        let lime = TestSupport.count(.lime, in: image)
        #expect(lime > 100)
        #expect(touched > lime)
    }

    @Test func translucentColourBlendsByCoverage() {
        let image = TestSupport.render(renderer, "I", size: 32, color: Color.white.withAlpha(128))
        let opaque = TestSupport.render(renderer, "I", size: 32, color: .white)
        var fullPixels = 0
        for y in 0..<image.height {
            for x in 0..<image.width where opaque[x, y] == .white {
                #expect(image[x, y] == Color(r: 128, g: 128, b: 128))
                fullPixels += 1
            }
        }
        #expect(fullPixels > 20)
    }

    @Test(arguments: [(1, 0), (0, 1), (3, 2)])
    func glyphOriginsAreWholePixels(dx: Int, dy: Int) {
        let base = TestSupport.render(renderer, "Hi AV", size: 19, x: 10, baseline: 30)
        let moved = TestSupport.render(renderer, "Hi AV", size: 19, x: 10 + dx, baseline: 30 + dy)
        #expect(TestSupport.count(.black, in: base) < base.pixelCount)
        for y in 0..<base.height {
            for x in 0..<base.width {
                let expected = x >= dx && y >= dy ? base[x - dx, y - dy] : Color.black
                if moved[x, y] != expected {
                    Issue.record("pixel \(x),\(y) differs after moving by \(dx),\(dy)")
                    return
                }
            }
        }
    }

    @Test func sameTextGivesIdenticalPixels() throws {
        let other = try TestSupport.bundledRenderer()
        let text = "Anomaly: 0.97 — crack, ÄÖÜ ß"
        let a = TestSupport.render(renderer, text, size: 15, width: 300)
        let b = TestSupport.render(renderer, text, size: 15, width: 300)
        let c = TestSupport.render(other, text, size: 15, width: 300)
        #expect(TestSupport.count(.black, in: a) < a.pixelCount)
        #expect(TestSupport.differingPixels(a, b) == 0)
        #expect(TestSupport.differingPixels(a, c) == 0)
    }

    @Test func drawingClipsAtTheEdges() {
        var clipped = Pixmap(width: 40, height: 20, fill: .black)
        renderer.draw("Wxyz", size: 24, into: &clipped, x: -5, baseline: 10, color: .lime)
        let full = TestSupport.render(renderer, "Wxyz", size: 24, width: 100, height: 60, x: 15, baseline: 30)
        #expect(TestSupport.differingPixels(clipped, full.cropped(to: Rect(x: 20, y: 20, width: 40, height: 20))) == 0)
        #expect(TestSupport.count(.black, in: clipped) < clipped.pixelCount)
    }

    @Test func advanceWidthIsWherePenStops() {
        // Drawing two pieces one after the other at the measured width equals drawing them at once when no
        // kerning pair spans the join.
        let left = "mill"
        let right = "line"
        let whole = TestSupport.render(renderer, left + right, size: 18)
        var pieces = Pixmap(width: 200, height: 60, fill: .black)
        renderer.draw(left, size: 18, into: &pieces, x: 4, baseline: 40, color: .lime)
        let advance = renderer.measure(left, size: 18).width
        renderer.draw(right, size: 18, into: &pieces, x: 4 + advance, baseline: 40, color: .lime)
        #expect(renderer.measure(left + right, size: 18).width == advance + renderer.measure(right, size: 18).width)
        #expect(TestSupport.differingPixels(pieces, whole) == 0)
    }

    @Test func sharedRendererIsSafeAcrossThreads() async throws {
        // Latin, Arabic and Hebrew: shaping and bidi ordering run under the lock too.
        let texts = (0..<16).map { i in
            ["Sample \(i): anomaly \(i * 7 % 100) %", "عينة \(i): كسر", "דוגמה \(i) סדק"][i % 3]
        }
        let serial = try TestSupport.bundledRenderer()
        let expected = texts.indices.map { TestSupport.render(serial, texts[$0], size: 11 + $0 % 5, width: 260) }
        let shared = renderer
        let results = await withTaskGroup(of: (Int, Pixmap).self) { group in
            for (i, text) in texts.enumerated() {
                group.addTask { (i, TestSupport.render(shared, text, size: 11 + i % 5, width: 260)) }
            }
            var out = [Pixmap?](repeating: nil, count: texts.count)
            for await (i, image) in group { out[i] = image }
            return out
        }
        for i in texts.indices {
            let image = try #require(results[i])
            #expect(TestSupport.differingPixels(image, expected[i]) == 0, "text \(i)")
        }
    }
}
