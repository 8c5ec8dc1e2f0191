import Foundation
import GoldenImage
import Raster
import Testing

@Suite("ImageComparison.compare")
struct ComparisonTests {
    @Test("identical images pass with nothing counted", arguments: [(1, 1), (7, 5), (64, 48), (0, 0)])
    func identical(width: Int, height: Int) {
        let image = TestImages.pattern(width, height)
        let copy = Pixmap(width: width, height: height, pixels: Array(image.pixels))
        for options in [CompareOptions.exact, .pixelmatch] {
            let r = ImageComparison.compare(expected: image, actual: copy, options: options)
            #expect(r.verdict == .pass)
            #expect(r.differingPixels == 0)
            #expect(r.antialiasedPixels == 0)
            #expect(r.largestChannelDelta == 0)
            #expect(r.largestYIQDelta == 0)
            #expect(r.changedBounds == nil)
            #expect(r.psnr == .infinity)
            #expect(r.comparedPixels == width * height)
        }
    }

    @Test(
        "a one-pixel change is found, counted and boxed",
        arguments: [(0, 0), (39, 0), (0, 29), (39, 29), (17, 11)])
    func onePixel(x: Int, y: Int) {
        let expected = TestImages.pattern(40, 30)
        let old = expected[x, y]
        let new = Color(r: old.r &+ 100, g: old.g, b: old.b &+ 3, a: 255)
        let actual = TestImages.changed(expected, at: [(x, y)], to: new)
        let r = ImageComparison.compare(expected: expected, actual: actual)
        #expect(r.verdict == .differs)
        #expect(r.differingPixels == 1)
        #expect(r.differingRatio == 1.0 / 1200)
        #expect(r.changedBounds == Rect(x: x, y: y, width: 1, height: 1))
        #expect(r.largestChannelDelta == Int(max(new.r, old.r) - min(new.r, old.r)))
        #expect(r.largestYIQDelta > 0 && r.largestYIQDelta <= 1)
        #expect(r.summary.hasPrefix("FAIL: 1 px differ > 0 allowed; exact comparison"))
    }

    @Test("several changes: the bounding box spans them all")
    func boundingBox() {
        let expected = TestImages.solid(50, 50, .white)
        let actual = TestImages.changed(expected, at: [(10, 40), (30, 5), (12, 12)], to: .black)
        let r = ImageComparison.compare(expected: expected, actual: actual)
        #expect(r.differingPixels == 3)
        #expect(r.changedBounds == Rect(x: 10, y: 5, width: 21, height: 36))
    }

    /// Alpha-only changes: exact mode always sees them; with a YIQ threshold pixels are compared as they
    /// look over white, so a change that is invisible over white passes and a visible one does not.
    @Test(
        "alpha-only differences",
        arguments: [
            // expected, actual, differs under YIQ threshold 0
            (Color(r: 255, g: 255, b: 255, a: 0), Color.white, false),
            (Color(r: 0, g: 0, b: 0, a: 0), Color.white, false),  // transparent black looks white
            (Color(r: 0, g: 0, b: 0, a: 255), Color(r: 0, g: 0, b: 0, a: 128), true),
            (Color(r: 200, g: 30, b: 30, a: 255), Color(r: 200, g: 30, b: 30, a: 254), true),
        ])
    func alphaOnly(expectedColor: Color, actualColor: Color, visible: Bool) {
        let expected = TestImages.changed(TestImages.solid(9, 9, .white), at: [(4, 4)], to: expectedColor)
        let actual = TestImages.changed(TestImages.solid(9, 9, .white), at: [(4, 4)], to: actualColor)
        let exact = ImageComparison.compare(expected: expected, actual: actual)
        #expect(exact.verdict == .differs)
        #expect(exact.differingPixels == 1)
        #expect(exact.largestChannelDelta == abs(Int(expectedColor.a) - Int(actualColor.a)))

        let yiq = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(threshold: 0))
        #expect(yiq.differingPixels == (visible ? 1 : 0))
        #expect(yiq.passed == !visible)
        #expect((yiq.largestYIQDelta > 0) == visible)
    }

    enum EdgeShape: String, CaseIterable, CustomTestStringConvertible {
        case vertical, diagonal, steep, shallow
        var testDescription: String { rawValue }
        /// Normal of the half-plane (black where n·p ≤ d).
        var normal: (Double, Double) {
            switch self {
            case .vertical: (1, 0)
            case .diagonal: (0.5.squareRoot(), 0.5.squareRoot())
            case .steep: (0.9, 0.3)
            case .shallow: (0.3, 0.9)
            }
        }
    }

    @Test(
        "an anti-aliased edge moved by 0.3 px passes only with anti-aliasing detection", arguments: EdgeShape.allCases)
    func shiftedEdge(shape: EdgeShape) {
        let (nx, ny) = shape.normal
        let expected = TestImages.edge(32, 32, nx: nx, ny: ny, d: 14)
        let actual = TestImages.edge(32, 32, nx: nx, ny: ny, d: 14.3)
        let changed = zip(expected.pixels, actual.pixels).enumerated().filter { $0.element.0 != $0.element.1 }
        let changedPixels = Set(changed.map { $0.offset / 4 }).count
        #expect(changedPixels >= 32)

        let withAA = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(threshold: 0.1, detectAntialiasing: true))
        #expect(withAA.verdict == .pass, "\(withAA.summary)")
        #expect(withAA.differingPixels == 0)
        #expect(withAA.antialiasedPixels > 0)
        #expect(withAA.largestYIQDelta > 0.1)

        let without = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(threshold: 0.1))
        #expect(without.verdict == .differs)
        #expect(without.antialiasedPixels == 0)
        #expect(without.differingPixels == withAA.antialiasedPixels)
    }

    @Test("a real change next to the edge is still found with anti-aliasing detection")
    func realChangeNearEdge() {
        let expected = TestImages.edge(32, 32, nx: 1, ny: 0, d: 14)
        var actual = TestImages.edge(32, 32, nx: 1, ny: 0, d: 14.3)
        actual.fill(Rect(x: 20, y: 10, width: 3, height: 3), with: Color(r: 255, g: 0, b: 0))
        let r = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(threshold: 0.1, detectAntialiasing: true))
        #expect(r.verdict == .differs)
        #expect(r.differingPixels == 9)
        #expect(r.changedBounds == Rect(x: 20, y: 10, width: 3, height: 3))
        #expect(r.antialiasedPixels > 0)
    }

    @Test(
        "sizes differing give sizeMismatch with both sizes",
        arguments: [((10, 10), (11, 10)), ((10, 10), (10, 9)), ((0, 0), (1, 1)), ((5, 8), (8, 5))])
    func sizeMismatch(e: (Int, Int), a: (Int, Int)) {
        let r = ImageComparison.compare(
            expected: TestImages.solid(e.0, e.1, .white), actual: TestImages.solid(a.0, a.1, .white),
            options: .pixelmatch)
        #expect(r.verdict == .sizeMismatch)
        #expect(!r.passed)
        #expect(r.expectedSize == ImageSize(width: e.0, height: e.1))
        #expect(r.actualSize == ImageSize(width: a.0, height: a.1))
        #expect(r.summary.contains("expected \(e.0)×\(e.1), actual \(a.0)×\(a.1)"))
    }

    @Test("changes inside ignore regions are ignored and counted as ignored")
    func ignoreRegions() {
        let expected = TestImages.pattern(20, 20)
        let inside = TestImages.changed(expected, at: [(3, 3), (15, 16)], to: .black)
        let regions = [Rect(x: 2, y: 2, width: 4, height: 4), Rect(x: 4, y: 4, width: 3, height: 3)]
        let far = [Rect(x: 14, y: 14, width: 10, height: 10)]  // clipped to 6×6
        let options = CompareOptions(ignoreRegions: regions + far)
        let r = ImageComparison.compare(expected: expected, actual: inside, options: options)
        #expect(r.verdict == .pass, "\(r.summary)")
        #expect(r.differingPixels == 0)
        // 16 + 9 − 4 (overlap 4,4..5,5) + 36
        #expect(r.ignoredPixels == 57)
        #expect(r.comparedPixels == 400 - 57)
        #expect(r.options.ignoreRegions == regions + [Rect(x: 14, y: 14, width: 6, height: 6)])
        #expect(r.summary.contains("57 px ignored in 3 regions"))

        let outside = TestImages.changed(inside, at: [(10, 10)], to: .black)
        let r2 = ImageComparison.compare(expected: expected, actual: outside, options: options)
        #expect(r2.verdict == .differs)
        #expect(r2.differingPixels == 1)
        #expect(r2.changedBounds == Rect(x: 10, y: 10, width: 1, height: 1))
    }

    @Test(
        "per-channel cap: pixels within N on every channel are equal",
        arguments: [
            // channel deltas (r, g, b, a), cap, passes
            ((2, 0, 0, 0), 2, true), ((3, 0, 0, 0), 2, false), ((2, 2, 2, 2), 2, true),
            ((0, 0, 0, 5), 4, false), ((0, 0, 0, 5), 5, true), ((1, 0, 0, 0), 0, false),
        ])
    func channelCap(delta: (Int, Int, Int, Int), cap: Int, passes: Bool) {
        let base = Color(r: 100, g: 100, b: 100, a: 200)
        let expected = TestImages.solid(6, 6, base)
        let moved = Color(
            r: UInt8(100 + delta.0), g: UInt8(100 - delta.1), b: UInt8(100 + delta.2), a: UInt8(200 + delta.3))
        let actual = TestImages.changed(expected, at: [(1, 1), (4, 2)], to: moved)
        let r = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(maxChannelDelta: cap))
        #expect(r.passed == passes)
        #expect(r.differingPixels == (passes ? 0 : 2))
        #expect(r.largestChannelDelta == max(max(delta.0, delta.1), max(delta.2, delta.3)))
        if cap > 0 { #expect(r.summary.contains("per-channel cap \(cap)")) }
    }

    @Test(
        "pixel budget and ratio",
        arguments: [
            // differing pixels of 100, maxDiffPixels, maxDiffRatio, passes
            (5, 5, nil, true), (6, 5, nil, false), (0, nil, nil, true), (1, nil, nil, false),
            (5, nil, 0.05, true), (6, nil, 0.05, false), (5, 10, 0.04, false), (3, 3, 0.04, true),
        ] as [(Int, Int?, Double?, Bool)])
    func budget(count: Int, maxPixels: Int?, maxRatio: Double?, passes: Bool) {
        let expected = TestImages.solid(10, 10, .white)
        let points = (0..<count).map { ($0 % 10, $0 / 10 * 3) }
        let actual = TestImages.changed(expected, at: points, to: .black)
        let options = CompareOptions(maxDiffPixels: maxPixels, maxDiffRatio: maxRatio)
        let r = ImageComparison.compare(expected: expected, actual: actual, options: options)
        #expect(r.differingPixels == count)
        #expect(r.differingRatio == Double(count) / 100)
        #expect(r.passed == passes, "\(r.summary)")
        #expect(r.verdict == (passes ? .pass : .differs))
        if let maxPixels {
            #expect(r.summary.contains("\(count) px differ \(count <= maxPixels ? "≤" : ">") \(maxPixels) allowed"))
        }
    }

    @Test(
        "PSNR matches an independent computation",
        arguments: [
            // changed pixels, channel change per pixel (applied to R and B)
            (1, 10), (3, 1), (50, 255), (100, 77),
        ])
    func psnr(count: Int, delta: Int) {
        let base = Color(r: 0, g: 50, b: 0, a: 255)
        let expected = TestImages.solid(10, 10, base)
        let actual = TestImages.changed(
            expected, at: (0..<count).map { ($0 % 10, $0 / 10) },
            to: Color(r: UInt8(delta), g: 50, b: UInt8(delta), a: 255))
        let r = ImageComparison.compare(expected: expected, actual: actual)
        let mse = Double(count * 2 * delta * delta) / Double(100 * 4)
        let reference = 10 * Foundation.log10(255.0 * 255.0 / mse)
        #expect(abs(r.psnr - reference) < 1e-9, "\(r.psnr) vs \(reference)")
    }

    @Test("PSNR ignores ignored pixels")
    func psnrIgnored() {
        let expected = TestImages.solid(10, 10, .black)
        var actual = expected
        actual[0, 0] = Color(r: 20, g: 0, b: 0)
        actual[9, 9] = .white
        let r = ImageComparison.compare(
            expected: expected, actual: actual,
            options: CompareOptions(ignoreRegions: [Rect(x: 5, y: 5, width: 5, height: 5)]))
        let mse = 400.0 / Double(75 * 4)
        #expect(abs(r.psnr - 10 * Foundation.log10(65025 / mse)) < 1e-9)
        #expect(r.largestChannelDelta == 20)
    }

    @Test("largest YIQ delta is normalised: black against white ≈ sqrt(32857/35215)")
    func yiqScale() {
        let r = ImageComparison.compare(
            expected: TestImages.solid(3, 3, .black), actual: TestImages.solid(3, 3, .white),
            options: CompareOptions(threshold: 0.5))
        // Y of white is 255·(sum of the Y weights = 1); I and Q weights sum to ~0.
        let reference = (0.5053 * 255.0 * 255.0 / 35215).squareRoot()
        #expect(abs(r.largestYIQDelta - reference) < 1e-4)
        #expect(r.differingPixels == 9)
        #expect(r.summary.contains("largest ΔYIQ 0.966"))
    }

    @Test(
        "the YIQ threshold separates small from large changes",
        arguments: [(10, 0.1, true), (40, 0.1, false), (40, 0.2, true), (1, 0.0, false)])
    func threshold(step: Int, threshold: Double, passes: Bool) {
        let expected = TestImages.solid(4, 4, Color(r: 120, g: 120, b: 120))
        let actual = TestImages.changed(
            expected, at: [(2, 2)], to: Color(r: UInt8(120 + step), g: UInt8(120 + step), b: UInt8(120 + step)))
        let r = ImageComparison.compare(
            expected: expected, actual: actual, options: CompareOptions(threshold: threshold))
        #expect(r.passed == passes)
        // For a grey step s only Y changes (I and Q weights sum to ~0): sqrt(0.5053·s² / 35215).
        #expect(abs(r.largestYIQDelta - Double(step) * (0.5053 / 35215).squareRoot()) < 1e-4)
        #expect(r.summary.contains("YIQ threshold \(threshold)"))
    }
}
