import Detections
import Raster
import Testing

@testable import Overlay

@Suite("Outlines")
struct OutlineTests {
    static let a = AnomalyType(name: "a", color: Color(r: 0x23, g: 0xA4, b: 0x36))
    static let b = AnomalyType(name: "b", color: Color(r: 0xE0, g: 0x10, b: 0x80))

    /// The expected picture, computed the slow, obvious way: the fill-only composite, then every pixel that is
    /// not in a region (type colour with alpha ≥ 128) and lies within Euclidean distance `r` of one takes the
    /// nearest region's colour, opaque (ties: upper, then left — raster order).
    static func reference(
        photo: Pixmap, mask: Pixmap, types: [AnomalyType], opacity: Double, r: Int
    ) throws -> (image: Pixmap, outlined: Int) {
        var filled = photo
        _ = try MaskCompositor.composite(&filled, mask: mask, types: types, options: CompositeOptions(opacity: opacity))
        func region(_ x: Int, _ y: Int) -> Int? {
            let m = mask[x, y]
            guard m.a >= 128 else { return nil }
            return types.firstIndex { $0.color == m.withAlpha(255) }
        }
        var out = filled
        var outlined = 0
        for y in 0..<mask.height {
            for x in 0..<mask.width where region(x, y) == nil {
                var best = r * r + 1
                var bestType: Int?
                for yy in max(0, y - r)...min(mask.height - 1, y + r) {
                    for xx in max(0, x - r)...min(mask.width - 1, x + r) {
                        guard let t = region(xx, yy) else { continue }
                        let d = (xx - x) * (xx - x) + (yy - y) * (yy - y)
                        if d < best {
                            best = d
                            bestType = t
                        }
                    }
                }
                if let bestType {
                    out[x, y] = types[bestType].color.withAlpha(255)
                    outlined += 1
                }
            }
        }
        return (out, outlined)
    }

    /// A 41×33 mask with a square (anti-aliased edge), a one-pixel dot, a diagonal line, two touching regions
    /// of different types, a region on the image border and some unlisted pixels.
    static func designedMask() -> Pixmap {
        TestImages.mask(width: 41, height: 33) { x, y in
            switch (x, y) {
            case (5...11, 5...10): return a.color  // square
            case (4, 5...10), (12, 5...10), (5...11, 4), (5...11, 11): return a.color.withAlpha(90)  // soft edge
            case (20, 3): return b.color  // dot
            case _ where x == y + 12 && (15...27).contains(y): return b.color  // diagonal
            case (18...22, 20...24): return a.color  // touching pair: a…
            case (23...26, 20...24): return b.color  // …and b
            case (0...3, 28...32): return b.color  // corner region
            case (35...37, 5...6): return Color(r: 1, g: 2, b: 3)  // unlisted
            default: return .white
            }
        }
    }

    @Test("contours match the brute-force reference", arguments: [1, 2, 3, 4, 6])
    func matchesReference(width: Int) throws {
        let original = TestImages.photo(width: 41, height: 33, seed: 7)
        let mask = Self.designedMask()
        let (want, outlined) = try Self.reference(
            photo: original, mask: mask, types: [Self.a, Self.b], opacity: 0.5, r: width)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.a, Self.b], options: CompositeOptions(outline: true, outlineWidth: width))
        #expect(TestImages.firstDifference(photo, want) == nil)
        #expect(report.outlinedPixels == outlined)
        #expect(report.outlineWidth == width)
    }

    @Test("random masks match the brute-force reference", arguments: [1, 2, 3], [2, 3])
    func randomMasks(seed: UInt32, width: Int) throws {
        var state = seed &* 747_796_405 &+ 1
        func next(_ n: UInt32) -> UInt32 {
            state = state &* 1_103_515_245 &+ 12_345
            return (state >> 16) % n
        }
        // Blobs: rectangles of random type and alpha on a white mask.
        var mask = Pixmap(width: 64, height: 48, fill: .white)
        let types = [Self.a, Self.b, AnomalyType(name: "c", color: Color(r: 10, g: 20, b: 250))]
        let alphas: [UInt8] = [255, 255, 200, 128, 127, 40]
        for _ in 0..<14 {
            let rect = Rect(x: Int(next(64)), y: Int(next(48)), width: Int(next(9)) + 1, height: Int(next(7)) + 1)
            let color = types[Int(next(3))].color.withAlpha(alphas[Int(next(6))])
            for y in rect.minY..<min(rect.maxY, 48) {
                for x in rect.minX..<min(rect.maxX, 64) { mask[x, y] = color }
            }
        }
        let original = TestImages.photo(width: 64, height: 48, seed: seed)
        let (want, outlined) = try Self.reference(photo: original, mask: mask, types: types, opacity: 0.4, r: width)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: types,
            options: CompositeOptions(opacity: 0.4, outline: true, outlineWidth: width))
        #expect(TestImages.firstDifference(photo, want) == nil)
        #expect(report.outlinedPixels == outlined)
    }

    @Test("contour pixels have the exact colour; the region keeps its fill; pixels beyond the width are untouched")
    func contourAroundSquare() throws {
        let original = TestImages.photo(width: 20, height: 20)
        var photo = original
        let mask = TestImages.mask(width: 20, height: 20) { x, y in
            (5..<10).contains(x) && (5..<10).contains(y) ? Self.a.color : .white
        }
        _ = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.a], options: CompositeOptions(outline: true, outlineWidth: 2))
        let solid = Self.a.color
        #expect(photo[4, 7] == solid)  // distance 1, left
        #expect(photo[3, 7] == solid)  // distance 2
        #expect(photo[7, 11] == solid)  // distance 2, below
        #expect(photo[4, 4] == solid)  // diagonal corner, distance √2
        #expect(photo[2, 7] == original[2, 7])  // distance 3
        #expect(photo[3, 3] == original[3, 3])  // distance √8 > 2
        #expect(photo[12, 7] == original[12, 7])
        #expect(photo[7, 7] == TestImages.blend(original[7, 7], solid, opacity: 0.5, maskAlpha: 255))
        #expect(photo[5, 5] == TestImages.blend(original[5, 5], solid, opacity: 0.5, maskAlpha: 255))
    }

    @Test("pixels farther than the width from every anomaly pixel stay bit-identical", arguments: [1, 2, 4])
    func farPixelsUntouched(width: Int) throws {
        let original = TestImages.photo(width: 41, height: 33, seed: 3)
        let mask = Self.designedMask()
        var photo = original
        _ = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.a, Self.b], options: CompositeOptions(outline: true, outlineWidth: width))
        // Anomaly pixels: any listed type colour with alpha > 0 (translucent edges included).
        var anomaly: [(Int, Int)] = []
        for y in 0..<33 {
            for x in 0..<41 {
                let m = mask[x, y]
                if m.a > 0 && (m.withAlpha(255) == Self.a.color || m.withAlpha(255) == Self.b.color) {
                    anomaly.append((x, y))
                }
            }
        }
        var far = 0
        for y in 0..<33 {
            for x in 0..<41 {
                let isFar = anomaly.allSatisfy { (ax, ay) in (ax - x) * (ax - x) + (ay - y) * (ay - y) > width * width }
                if isFar {
                    far += 1
                    #expect(photo[x, y] == original[x, y], "pixel (\(x), \(y))")
                }
            }
        }
        #expect(far > 500)  // the check covered most of the image
    }

    @Test("a contour never covers another type's region, but covers soft edges")
    func contoursRespectOtherRegions() throws {
        let original = TestImages.photo(width: 12, height: 3)
        var photo = original
        // a a a b b b, then a soft a pixel (alpha 90), then white.
        let mask = TestImages.mask(width: 12, height: 3) { x, _ in
            switch x {
            case 0..<3: return Self.a.color
            case 3..<6: return Self.b.color
            case 6: return Self.a.color.withAlpha(90)
            default: return .white
            }
        }
        _ = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.a, Self.b],
            options: CompositeOptions(opacity: 0.5, outline: true, outlineWidth: 3))
        for y in 0..<3 {
            #expect(photo[2, y] == TestImages.blend(original[2, y], Self.a.color, opacity: 0.5, maskAlpha: 255))
            #expect(photo[3, y] == TestImages.blend(original[3, y], Self.b.color, opacity: 0.5, maskAlpha: 255))
            #expect(photo[6, y] == Self.b.color)  // the soft a pixel lies 1 px from b's region: b's contour
            #expect(photo[8, y] == Self.b.color)
            #expect(photo[9, y] == original[9, y])
        }
    }

    @Test("regions on the image border are outlined inside the image only")
    func borderRegion() throws {
        let original = TestImages.photo(width: 10, height: 10)
        var photo = original
        let mask = TestImages.mask(width: 10, height: 10) { x, y in x < 2 && y < 2 ? Self.b.color : .white }
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.b], options: CompositeOptions(outline: true, outlineWidth: 1))
        #expect(report.outlinedPixels == 4)  // (2,0), (2,1), (0,2), (1,2)
        #expect(photo[2, 0] == Self.b.color && photo[1, 2] == Self.b.color)
        #expect(photo[2, 2] == original[2, 2])
    }

    @Test("no regions, no contour")
    func noRegions() throws {
        let original = TestImages.photo(width: 16, height: 9)
        var photo = original
        let mask = Pixmap(width: 16, height: 9, fill: Self.a.color.withAlpha(100))  // all soft: no region
        var fillOnly = original
        _ = try MaskCompositor.composite(&fillOnly, mask: mask, types: [Self.a])
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.a], options: CompositeOptions(outline: true, outlineWidth: 3))
        #expect(report.outlinedPixels == 0)
        #expect(photo == fillOnly)
    }

    @Test(
        "the default width grows with the image",
        arguments: [
            (576, 768, 2), (768, 576, 2), (4096, 4096, 4), (4096, 3072, 4), (100, 100, 1), (0, 0, 1), (384, 300, 1),
            (1024, 1024, 2), (2048, 1536, 3), (8192, 8192, 5),
        ])
    func defaultWidth(width: Int, height: Int, expected: Int) {
        #expect(MaskCompositor.defaultOutlineWidth(width: width, height: height) == expected)
    }

    @Test("without an explicit width the default for the photo's size is used")
    func defaultWidthUsed() throws {
        var photo = Pixmap(width: 576, height: 768, fill: .black)
        var mask = Pixmap(width: 576, height: 768, fill: .white)
        mask.fill(Rect(x: 100, y: 100, width: 10, height: 10), with: Self.a.color)
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.a], options: CompositeOptions(outline: true))
        #expect(report.outlineWidth == 2)
        #expect(photo[98, 105] == Self.a.color && photo[97, 105] == .black)
    }
}
