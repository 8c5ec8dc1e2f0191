import Detections
import Overlay
import Raster
import Testing

/// Deterministic test images and a floating-point reference for the blend, independent of Raster's integers.
enum TestImages {
    /// An opaque photo of pseudo-random pixels, so every blend result differs per pixel.
    static func photo(width: Int, height: Int, seed: UInt32 = 1) -> Pixmap {
        var state = seed &* 2_654_435_761 | 1
        var bytes = [UInt8](repeating: 255, count: width * height * 4)
        for i in 0..<(width * height) {
            for c in 0..<3 {
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                bytes[i * 4 + c] = UInt8(truncatingIfNeeded: state >> 8)
            }
        }
        return Pixmap(width: width, height: height, pixels: bytes)
    }

    /// A mask whose pixel (x, y) is `color(x, y)`.
    static func mask(width: Int, height: Int, _ color: (Int, Int) -> Color) -> Pixmap {
        var m = Pixmap(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { m[x, y] = color(x, y) }
        }
        return m
    }

    /// `color` painted over the opaque `photo` pixel at `opacity`, weighted by `maskAlpha`, in floating point:
    /// effective alpha `round(round(opacity·255) · maskAlpha / 255)`, channels `round((c·a + p·(255 − a)) / 255)`.
    static func blend(_ photo: Color, _ color: Color, opacity: Double, maskAlpha: Int) -> Color {
        let o = Int((opacity * 255).rounded())
        let a = Int((Double(o * maskAlpha) / 255).rounded())
        func mix(_ c: UInt8, _ p: UInt8) -> UInt8 {
            UInt8((Double(Int(c) * a + Int(p) * (255 - a)) / 255).rounded())
        }
        return Color(r: mix(color.r, photo.r), g: mix(color.g, photo.g), b: mix(color.b, photo.b), a: 255)
    }

    /// Pixel-by-pixel equality with the first difference named, for readable failures.
    static func firstDifference(_ a: Pixmap, _ b: Pixmap) -> String? {
        guard a.width == b.width, a.height == b.height else { return "sizes differ" }
        for y in 0..<a.height {
            for x in 0..<a.width where a[x, y] != b[x, y] { return "(\(x), \(y)): \(a[x, y]) vs \(b[x, y])" }
        }
        return nil
    }
}

@Suite("Mask compositor")
struct MaskCompositorTests {
    static let cracked = AnomalyType(name: "cracked", color: Color(hex: "#23A436")!)
    static let burnt = AnomalyType(name: "burnt", color: Color(hex: "#FF0000")!)
    static let unlisted = Color(hex: "#123456")!

    /// Six kinds of mask pixel in columns: cracked opaque, cracked alpha 128, background, unlisted,
    /// cracked alpha 0, burnt alpha 200.
    static func mixedMask(width: Int, height: Int) -> Pixmap {
        TestImages.mask(width: width, height: height) { x, _ in
            switch x % 6 {
            case 0: return cracked.color
            case 1: return cracked.color.withAlpha(128)
            case 2: return .white
            case 3: return unlisted
            case 4: return cracked.color.withAlpha(0)
            default: return burnt.color.withAlpha(200)
            }
        }
    }

    @Test("opacity 0 leaves the photo bit-identical")
    func opacityZero() throws {
        let original = TestImages.photo(width: 30, height: 7)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: Self.mixedMask(width: 30, height: 7), types: [Self.cracked, Self.burnt],
            options: CompositeOptions(opacity: 0))
        #expect(photo == original)
        #expect(report.paintedPixels == 0)
        #expect(report.typePixels == [5 * 7 * 2, 5 * 7])  // alpha 128 counts, alpha 0 does not; burnt alpha 200
        #expect(report.unlistedPixels == 5 * 7)
    }

    @Test("opacity 1 with an opaque mask gives exactly the colour; other pixels follow the reference")
    func opacityOne() throws {
        let original = TestImages.photo(width: 12, height: 5)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: Self.mixedMask(width: 12, height: 5), types: [Self.cracked, Self.burnt],
            options: CompositeOptions(opacity: 1))
        for y in 0..<5 {
            for x in 0..<12 {
                let p = original[x, y]
                switch x % 6 {
                case 0: #expect(photo[x, y] == Self.cracked.color)
                case 1: #expect(photo[x, y] == TestImages.blend(p, Self.cracked.color, opacity: 1, maskAlpha: 128))
                case 5: #expect(photo[x, y] == TestImages.blend(p, Self.burnt.color, opacity: 1, maskAlpha: 200))
                default: #expect(photo[x, y] == p)
                }
            }
        }
        #expect(report.paintedPixels == 3 * 2 * 5)
    }

    @Test(
        "a translucent mask pixel blends in proportion to its alpha",
        arguments: [0.5, 0.25, 0.3, 1.0], [1, 2, 64, 127, 128, 200, 254, 255])
    func alphaWeightedBlend(opacity: Double, maskAlpha: Int) throws {
        let original = TestImages.photo(width: 9, height: 4, seed: UInt32(maskAlpha))
        var photo = original
        let mask = Pixmap(width: 9, height: 4, fill: Self.cracked.color.withAlpha(UInt8(maskAlpha)))
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.cracked], options: CompositeOptions(opacity: opacity))
        let effective = Int((Double(Int((opacity * 255).rounded()) * maskAlpha) / 255).rounded())
        #expect(report.paintedPixels == (effective > 0 ? 36 : 0))
        for y in 0..<4 {
            for x in 0..<9 {
                let want = TestImages.blend(original[x, y], Self.cracked.color, opacity: opacity, maskAlpha: maskAlpha)
                #expect(photo[x, y] == want, "pixel (\(x), \(y))")
            }
        }
    }

    @Test("half opacity over a half-alpha pixel: the exact integers")
    func halfAlphaExample() throws {
        // round(0.5·255) = 128; effective alpha round(128·128/255) = 64; channel round((c·64 + p·191)/255).
        var photo = Pixmap(width: 1, height: 1, fill: Color(r: 200, g: 100, b: 0))
        let mask = Pixmap(width: 1, height: 1, fill: Self.cracked.color.withAlpha(128))
        _ = try MaskCompositor.composite(&photo, mask: mask, types: [Self.cracked])
        // 0x23 = 35, 0xA4 = 164, 0x36 = 54.
        #expect(photo[0, 0] == Color(r: 159, g: 116, b: 14))
    }

    @Test("translucent photo pixels get the straight-alpha source-over of Raster")
    func translucentPhoto() throws {
        let photoAlphas: [UInt8] = [0, 1, 100, 254]
        let original = TestImages.mask(width: 4, height: 1) { x, _ in Color(r: 200, g: 50, b: 9, a: photoAlphas[x]) }
        var photo = original
        let mask = Pixmap(width: 4, height: 1, fill: Self.cracked.color.withAlpha(200))
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.cracked], options: CompositeOptions(opacity: 0.7))
        let effective = UInt8((Double(Int((0.7 * 255).rounded()) * 200) / 255).rounded())
        var want = original
        want.fill(want.bounds, with: Self.cracked.color.withAlpha(effective))
        #expect(TestImages.firstDifference(photo, want) == nil)
        #expect(report.paintedPixels == 4)
    }

    @Test("background is never painted, even when a type lists the background colour")
    func backgroundNeverPainted() throws {
        let original = TestImages.photo(width: 8, height: 8)
        var photo = original
        let white = Pixmap(width: 8, height: 8, fill: .white)
        let report = try MaskCompositor.composite(
            &photo, mask: white, types: [AnomalyType(name: "odd", color: .white), Self.cracked],
            options: CompositeOptions(opacity: 1, colorTolerance: 10))
        #expect(photo == original)
        #expect(report.paintedPixels == 0 && report.unlistedPixels == 0 && report.typePixels == [0, 0])

        // Another background colour: black is background, white becomes an unlisted colour.
        let split = TestImages.mask(width: 8, height: 8) { x, _ in x < 4 ? .black : .white }
        let other = try MaskCompositor.composite(
            &photo, mask: split, types: [Self.cracked], options: CompositeOptions(opacity: 1, backgroundColor: .black))
        #expect(photo == original)
        #expect(other.unlistedPixels == 32)
        #expect(other.unlistedColors.map(\.color) == [.white])
    }

    @Test("mask pixels with alpha 0 are never painted nor counted, whatever their colour")
    func alphaZeroNeverPainted() throws {
        let original = TestImages.photo(width: 10, height: 3)
        var photo = original
        let mask = TestImages.mask(width: 10, height: 3) { x, _ in
            x.isMultiple(of: 2) ? Self.cracked.color.withAlpha(0) : Self.unlisted.withAlpha(0)
        }
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.cracked], options: CompositeOptions(opacity: 1))
        #expect(photo == original)
        #expect(report.paintedPixels == 0 && report.unlistedPixels == 0 && report.typePixels == [0])
    }

    @Test("unlisted colours are counted, ranked and not painted")
    func unlistedColours() throws {
        let a = Color(r: 1, g: 2, b: 3)
        let b = Color(r: 200, g: 0, b: 0)
        let c = Color(r: 0, g: 0, b: 200)
        // Row: a a a a a b b b c c c cracked, then b, c alternate with translucent alpha (still unlisted).
        let row: [Color] = [a, a, a, a, a, b, b, b, c, c, c, Self.cracked.color, b.withAlpha(10), c.withAlpha(10)]
        let original = TestImages.photo(width: row.count, height: 1)
        var photo = original
        let mask = TestImages.mask(width: row.count, height: 1) { x, _ in row[x] }
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: [Self.cracked], options: CompositeOptions(opacity: 1))
        #expect(report.unlistedPixels == 13)
        #expect(report.unlistedColors.map(\.color) == [a, b, c])  // b and c tie at 4; b was seen first
        #expect(report.unlistedColors.map(\.count) == [5, 4, 4])
        for x in 0..<row.count where x != 11 { #expect(photo[x, 0] == original[x, 0]) }
        #expect(photo[11, 0] == Self.cracked.color)
    }

    @Test("at most five unlisted colours are named; the pixel count stays exact beyond the tally's capacity")
    func manyUnlistedColours() throws {
        // 120×100 = 12 000 distinct colours, more than the tally tells apart.
        let mask = TestImages.mask(width: 120, height: 100) { x, y in
            Color(r: UInt8(x), g: UInt8(y), b: 7)
        }
        var photo = TestImages.photo(width: 120, height: 100)
        let report = try MaskCompositor.composite(&photo, mask: mask, types: [Self.cracked])
        #expect(report.unlistedPixels == 12_000)
        #expect(report.unlistedColors.count == 5)
        #expect(report.unlistedColors.map(\.count) == [1, 1, 1, 1, 1])
        #expect(report.unlistedColors.first?.color == Color(r: 0, g: 0, b: 7))
    }

    @Test(
        "colour tolerance is the largest per-channel difference",
        arguments: [
            (0, 0, true), (0, 1, false), (0, -1, false), (3, 3, true), (3, -3, true), (3, 4, false), (3, -4, false),
            (255, 90, true),
        ])
    func tolerance(tolerance: Int, delta: Int, matches: Bool) throws {
        let base = Self.cracked.color
        let near = Color(r: base.r, g: UInt8(Int(base.g) + delta), b: UInt8(max(0, Int(base.b) - abs(delta) / 2)))
        let original = TestImages.photo(width: 3, height: 3)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: Pixmap(width: 3, height: 3, fill: near), types: [Self.cracked],
            options: CompositeOptions(opacity: 1, colorTolerance: tolerance))
        #expect(report.typePixels == [matches ? 9 : 0])
        #expect(report.unlistedPixels == (matches ? 0 : 9))
        #expect(photo[1, 1] == (matches ? base : original[1, 1]))
    }

    @Test("within tolerance the nearest colour wins; ties go to the background, then the earlier type")
    func nearestWithinTolerance() throws {
        let a = AnomalyType(name: "a", color: Color(r: 16, g: 0, b: 0))
        let b = AnomalyType(name: "b", color: Color(r: 32, g: 0, b: 0))
        let near = AnomalyType(name: "near-white", color: Color(r: 235, g: 235, b: 235))
        let row: [Color] = [
            Color(r: 28, g: 0, b: 0),  // 12 from a, 4 from b → b
            Color(r: 24, g: 0, b: 0),  // 8 from both → a
            Color(r: 20, g: 3, b: 0),  // 4 from a → a
            Color(r: 250, g: 250, b: 250),  // 5 from white, 15 from near-white → background
            Color(r: 245, g: 245, b: 245),  // 10 from both → background
            Color(r: 238, g: 235, b: 235),  // 20 from white, 3 from near-white → near-white
            Color(r: 60, g: 0, b: 0),  // 28 from b: beyond tolerance → unlisted
        ]
        var photo = TestImages.photo(width: row.count, height: 1)
        let original = photo
        let report = try MaskCompositor.composite(
            &photo, mask: TestImages.mask(width: row.count, height: 1) { x, _ in row[x] }, types: [a, b, near],
            options: CompositeOptions(opacity: 1, colorTolerance: 20))
        #expect(photo[0, 0] == b.color)
        #expect(photo[1, 0] == a.color)
        #expect(photo[2, 0] == a.color)
        #expect(photo[3, 0] == original[3, 0])
        #expect(photo[4, 0] == original[4, 0])
        #expect(photo[5, 0] == near.color)
        #expect(photo[6, 0] == original[6, 0])
        #expect(report.typePixels == [2, 1, 1])
        #expect(report.unlistedColors.map(\.color) == [Color(r: 60, g: 0, b: 0)])
    }

    @Test("colours from the result match the mask whatever their case")
    func caseInsensitiveColours() throws {
        let json =
            #"{"IsAnomalous": true, "Confidence": 0.9, "Anomalies": ["#
            + ##"{"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.5, "Color": "#ffffff"}}, "##
            + ##"{"Name": "cracked", "PixelAnomaly": {"TotalPercentageArea": 0.25, "Color": "#23a436"}}, "##
            + ##"{"Name": "dent", "PixelAnomaly": {"TotalPercentageArea": 0.25, "Color": "#aBcDeF"}}]}"##
        let result = try DetectAnomaliesResult.parse(Array(json.utf8))
        let mask = TestImages.mask(width: 4, height: 1) { x, _ in
            [Color(hex: "#FFFFFF")!, Color(hex: "#23A436")!, Color(hex: "#ABCDEF")!, Color(hex: "#abcdef")!][x]
        }
        let original = TestImages.photo(width: 4, height: 1)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: result.defectTypes.map(\.anomalyType),
            options: CompositeOptions(opacity: 1, backgroundColor: result.background!.color))
        #expect(photo[0, 0] == original[0, 0])
        #expect(photo[1, 0] == Color(r: 0x23, g: 0xA4, b: 0x36))
        #expect(photo[2, 0] == Color(r: 0xAB, g: 0xCD, b: 0xEF))
        #expect(photo[3, 0] == Color(r: 0xAB, g: 0xCD, b: 0xEF))
        #expect(report.typePixels == [1, 2] && report.unlistedPixels == 0)
    }

    @Test("eight types at once, with translucency, background and unlisted pixels, match the reference")
    func eightTypes() throws {
        let types = (0..<8).map { (k: Int) -> AnomalyType in
            let color = Color(r: UInt8(30 * k), g: UInt8(255 - 20 * k), b: UInt8(17 * k + 3))
            return AnomalyType(name: "t\(k)", color: color)
        }
        let alphas: [UInt8] = [255, 255, 200, 128, 127, 60, 1, 0]
        let width = 37
        let height = 23
        var state: UInt32 = 12_345
        var kinds: [Int] = []  // 0…7 type, 8 background, 9 unlisted
        var maskAlphas: [UInt8] = []
        let mask = TestImages.mask(width: width, height: height) { _, _ in
            state = state &* 1_103_515_245 &+ 12_345
            let kind = Int((state >> 16) % 10)
            let alpha = alphas[Int((state >> 8) % 8)]
            kinds.append(kind)
            maskAlphas.append(alpha)
            switch kind {
            case 8: return Color.white.withAlpha(alpha)
            case 9: return Self.unlisted.withAlpha(alpha)
            default: return types[kind].color.withAlpha(alpha)
            }
        }
        let original = TestImages.photo(width: width, height: height, seed: 99)
        var photo = original
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: types, options: CompositeOptions(opacity: 0.6))
        var expectedCounts = [Int](repeating: 0, count: 8)
        var expectedUnlisted = 0
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                let kind = kinds[i]
                let alpha = Int(maskAlphas[i])
                var want = original[x, y]
                if kind < 8 && alpha > 0 {
                    want = TestImages.blend(want, types[kind].color, opacity: 0.6, maskAlpha: alpha)
                    if alpha >= 128 { expectedCounts[kind] += 1 }
                }
                if kind == 9 && alpha > 0 { expectedUnlisted += 1 }
                #expect(photo[x, y] == want, "pixel (\(x), \(y)), kind \(kind), alpha \(alpha)")
            }
        }
        #expect(report.typePixels == expectedCounts)
        #expect(report.unlistedPixels == expectedUnlisted)
        #expect(report.measuredArea == expectedCounts.map { Double($0) / Double(width * height) })
    }

    @Test("measured area counts pixels with alpha ≥ 128 over all pixels")
    func measuredArea() throws {
        var photo = TestImages.photo(width: 10, height: 10)
        let mask = TestImages.mask(width: 10, height: 10) { x, y in
            switch (x, y) {
            case (0..<4, 0): return Self.cracked.color  // 4
            case (0..<3, 1): return Self.cracked.color.withAlpha(128)  // 3
            case (0..<3, 2): return Self.cracked.color.withAlpha(127)  // painted, not counted
            case (5, 5): return Self.burnt.color  // 1
            default: return .white
            }
        }
        let report = try MaskCompositor.composite(&photo, mask: mask, types: [Self.cracked, Self.burnt])
        #expect(report.typePixels == [7, 1])
        #expect(report.measuredArea == [0.07, 0.01])
        #expect(report.paintedPixels == 11)
    }

    @Test(
        "bad sizes and options are refused without painting",
        arguments: [
            (CompositeOptions(opacity: 1.5), "opacity: expected a number in 0...1, got 1.5"),
            (CompositeOptions(opacity: -0.1), "opacity: expected a number in 0...1, got -0.1"),
            (CompositeOptions(opacity: .nan), "opacity: expected a number in 0...1, got nan"),
            (CompositeOptions(colorTolerance: -1), "colorTolerance: expected 0...255, got -1"),
            (CompositeOptions(colorTolerance: 256), "colorTolerance: expected 0...255, got 256"),
            (CompositeOptions(outline: true, outlineWidth: 0), "outlineWidth: expected 1...64, got 0"),
            (CompositeOptions(outline: true, outlineWidth: 65), "outlineWidth: expected 1...64, got 65"),
        ])
    func badOptions(options: CompositeOptions, message: String) {
        let original = TestImages.photo(width: 4, height: 4)
        var photo = original
        #expect(throws: CompositeError.self) {
            _ = try MaskCompositor.composite(
                &photo, mask: Pixmap(width: 4, height: 4, fill: Self.cracked.color), types: [Self.cracked],
                options: options)
        }
        do {
            _ = try MaskCompositor.composite(
                &photo, mask: Pixmap(width: 4, height: 4, fill: Self.cracked.color), types: [Self.cracked],
                options: options)
        } catch {
            #expect(error.description == message)
        }
        #expect(photo == original)
    }

    @Test("a mask of another size, or too many types, is refused")
    func sizeAndTypeLimits() {
        var photo = TestImages.photo(width: 4, height: 3)
        #expect(throws: CompositeError.sizeMismatch(photoWidth: 4, photoHeight: 3, maskWidth: 3, maskHeight: 4)) {
            _ = try MaskCompositor.composite(&photo, mask: Pixmap(width: 3, height: 4), types: [])
        }
        #expect(
            CompositeError.sizeMismatch(photoWidth: 4, photoHeight: 3, maskWidth: 3, maskHeight: 4).description
                == "the mask is 3×4 pixels but the photo is 4×3; they must be the same size")
        let many = (0..<255).map { AnomalyType(name: "\($0)", color: Color(r: UInt8($0), g: 1, b: 2)) }
        #expect(throws: CompositeError.tooManyTypes(count: 255, max: 254)) {
            _ = try MaskCompositor.composite(&photo, mask: Pixmap(width: 4, height: 3), types: many)
        }
        #expect(
            throws: Never.self,
            performing: {
                _ = try MaskCompositor.composite(
                    &photo, mask: Pixmap(width: 4, height: 3), types: Array(many.prefix(254)))
            })
    }

    @Test("an empty image composes to an empty report")
    func emptyImage() throws {
        var photo = Pixmap(width: 0, height: 0)
        let report = try MaskCompositor.composite(
            &photo, mask: Pixmap(width: 0, height: 0), types: [Self.cracked],
            options: CompositeOptions(outline: true))
        #expect(report.measuredArea == [0] && report.paintedPixels == 0 && report.outlinedPixels == 0)
    }
}

@Suite("Nearest-neighbour mask scaling")
struct MaskScalingTests {
    static func numbered(width: Int, height: Int) -> Pixmap {
        TestImages.mask(width: width, height: height) { x, y in Color(r: UInt8(x), g: UInt8(y), b: 9, a: 200) }
    }

    @Test("enlarging by whole factors repeats each pixel")
    func enlarge() {
        let small = Self.numbered(width: 3, height: 2)
        let big = small.scaledNearest(to: 6, height: 6)
        #expect(big.width == 6 && big.height == 6)
        for y in 0..<6 {
            for x in 0..<6 { #expect(big[x, y] == small[x / 2, y / 3]) }
        }
    }

    @Test("shrinking takes the pixel under each destination centre")
    func shrink() {
        let big = Self.numbered(width: 8, height: 6)
        let small = big.scaledNearest(to: 4, height: 2)
        for y in 0..<2 {
            for x in 0..<4 { #expect(small[x, y] == big[2 * x + 1, 3 * y + 1]) }
        }
    }

    @Test("non-integer factors pick source = floor((d + ½) · source / destination)")
    func oddFactors() {
        let src = Self.numbered(width: 5, height: 3)
        let out = src.scaledNearest(to: 7, height: 4)
        for y in 0..<4 {
            for x in 0..<7 {
                let sx = Int(((Double(x) + 0.5) * 5 / 7).rounded(.down))
                let sy = Int(((Double(y) + 0.5) * 3 / 4).rounded(.down))
                #expect(out[x, y] == src[sx, sy])
            }
        }
    }

    @Test("the same size returns the image; an empty source gives a transparent image")
    func edgeCases() {
        let img = Self.numbered(width: 4, height: 4)
        #expect(img.scaledNearest(to: 4, height: 4) == img)
        #expect(Pixmap(width: 0, height: 0).scaledNearest(to: 2, height: 3) == Pixmap(width: 2, height: 3))
        #expect(img.scaledNearest(to: 0, height: 0).pixelCount == 0)
    }
}
