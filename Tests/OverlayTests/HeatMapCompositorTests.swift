import Detections
import Raster
import Testing

@testable import Overlay

/// The heat map painter, pixel by pixel: nothing below the floor, the LUT colour above it, the contour where the
/// scores cross the threshold, bilinear scaling of model-resolution maps.
@Suite("heat map compositor")
struct HeatMapCompositorTests {
    /// A 64×48 photo of distinct opaque colours.
    static func photo() -> Pixmap {
        var p = Pixmap(width: 64, height: 48)
        for y in 0..<48 {
            for x in 0..<64 { p[x, y] = Color(r: UInt8(x * 3), g: UInt8(y * 4), b: 90) }
        }
        return p
    }

    /// Scores rising left to right, 0 … 1 over the columns (float).
    static func ramp(width: Int = 64, height: Int = 48) -> ScoreMap {
        let values = (0..<(width * height)).map { Float($0 % width) / Float(width - 1) }
        return ScoreMap(width: width, height: height, values: .float(values), threshold: 0.5)!
    }

    /// What the painter should put at a pixel of score `s`: the LUT colour over the photo at the given opacity.
    static func expected(_ photo: Color, score s: Double, range: ClosedRange<Double>, colormap: Colormap) -> Color {
        let level = Int(((s - range.lowerBound) * (65536 / (range.upperBound - range.lowerBound))).rounded(.down))
        let c = colormap.colors[min(255, max(0, (level * 255 + 32768) >> 16))]
        var px: [UInt8] = [photo.r, photo.g, photo.b, photo.a]
        px.withUnsafeMutableBufferPointer {
            Blend.sourceOver($0.baseAddress!, r: UInt32(c.r), g: UInt32(c.g), b: UInt32(c.b), alpha: 128)
        }
        return Color(r: px[0], g: px[1], b: px[2], a: px[3])
    }

    @Test("below the floor unchanged, above it the LUT colour (no contour)", arguments: Colormap.allCases)
    func fill(_ colormap: Colormap) throws {
        let original = Self.photo()
        var photo = original
        let map = Self.ramp()
        let report = try HeatMapCompositor.composite(
            &photo, map: map, options: HeatMapOptions(colormap: colormap),
            composite: CompositeOptions(opacity: 0.5, outline: false))
        #expect(report.floor == 0.25 && report.range == 0.25...1 && report.threshold == 0.5)
        var painted = 0
        for y in 0..<48 {
            for x in 0..<64 {
                let s = Double(Float(x) / 63)
                if s < 0.25 {
                    #expect(photo[x, y] == original[x, y], "(\(x), \(y)) below the floor")
                } else {
                    painted += 1
                    let want = Self.expected(original[x, y], score: s, range: 0.25...1, colormap: colormap)
                    #expect(photo[x, y] == want, "(\(x), \(y)) score \(s)")
                }
            }
        }
        #expect(report.paintedPixels == painted && painted == 48 * (64 - 16))
        #expect(report.areaAboveThreshold == Double(48 * 32) / Double(64 * 48))
    }

    @Test("the contour lies on the pixels just below the threshold crossing")
    func contour() throws {
        let original = Self.photo()
        var photo = original
        let report = try HeatMapCompositor.composite(
            &photo, map: Self.ramp(), composite: CompositeOptions(opacity: 0.5, outline: true, outlineWidth: 1))
        // Column 32 is the first with score ≥ 0.5 (31/63 < 0.5 ≤ 32/63): the contour is column 31.
        for y in 0..<48 {
            #expect(photo[31, y] == HeatMapCompositor.contourColor, "row \(y)")
            #expect(photo[32, y] != HeatMapCompositor.contourColor && photo[30, y] != HeatMapCompositor.contourColor)
        }
        #expect(report.outlinedPixels == 48)
    }

    @Test("--map-range and --map-floor move the scale and the cut-off")
    func rangeAndFloor() throws {
        let original = Self.photo()
        var photo = original
        _ = try HeatMapCompositor.composite(
            &photo, map: Self.ramp(), options: HeatMapOptions(colormap: .viridis, range: 0...2, floor: 0.75),
            composite: CompositeOptions(opacity: 0.5, outline: false))
        for x in 0..<64 {
            let s = Double(Float(x) / 63)
            let want =
                s < 0.75 ? original[x, 5] : Self.expected(original[x, 5], score: s, range: 0...2, colormap: .viridis)
            #expect(photo[x, 5] == want, "column \(x)")
        }
    }

    @Test("a model-resolution map is scaled bilinearly: a 16×12 ramp paints like its interpolation")
    func bilinear() throws {
        // Constant map: every pixel gets the same colour.
        let constant = ScoreMap(
            width: 16, height: 12, values: .grey8([UInt8](repeating: 204, count: 192)), threshold: 0.5)!
        let original = Self.photo()
        var photo = original
        _ = try HeatMapCompositor.composite(&photo, map: constant, composite: CompositeOptions(outline: false))
        for (x, y) in [(0, 0), (63, 47), (20, 30)] {
            #expect(photo[x, y] == Self.expected(original[x, y], score: 0.8, range: 0.25...1, colormap: .turbo))
        }
        // A horizontal ramp 0…1 over 16 columns, scaled 4×: the painted columns rise monotonically in index, and
        // the cut-off lands between the interpolated neighbours.
        let ramp = Self.ramp(width: 16, height: 12)
        photo = original
        let report = try HeatMapCompositor.composite(&photo, map: ramp, composite: CompositeOptions(outline: false))
        // Destination column x samples source position (x + 0.5) / 4 − 0.5, clamped; score = position / 15.
        for x in 0..<64 {
            let position = min(max((Double(x) + 0.5) / 4 - 0.5, 0), 15)
            let s = position / 15
            if s < 0.25 - 1e-3 { #expect(photo[x, 7] == original[x, 7], "column \(x) below the floor") }
            if s > 0.25 + 1e-3 { #expect(photo[x, 7] != original[x, 7], "column \(x) above the floor") }
        }
        #expect(report.paintedPixels > 0 && report.paintedPixels < 64 * 48)
    }

    @Test("16-bit maps read as value / 65535; an empty range is refused before painting")
    func sixteenBitAndErrors() throws {
        let values = [UInt16](repeating: 65535 / 2, count: 64 * 48)  // 0.49999… < 0.5
        let map = ScoreMap(width: 64, height: 48, values: .grey16(values), threshold: 0.5)!
        var photo = Self.photo()
        let report = try HeatMapCompositor.composite(&photo, map: map)
        #expect(report.areaAboveThreshold == 0 && report.outlinedPixels == 0 && report.paintedPixels == 64 * 48)
        let original = Self.photo()
        photo = original
        #expect(throws: CompositeError.self) {
            try HeatMapCompositor.composite(&photo, map: map, options: HeatMapOptions(range: 1...1))
        }
        #expect(photo == original)
    }

    @Test("the colour bar legend entry marks the threshold along the range")
    func legendEntry() {
        let entry = Panel.ColorBar.legendEntry(colormap: .jet, range: 0.25...1, threshold: 0.5, areaAboveThreshold: 0.1)
        #expect(entry.name == "score 0.25–1.00, ≥ 0.50")
        #expect(entry.colorBar?.colors == Colormap.jet.colors && abs((entry.colorBar?.mark ?? 0) - 1.0 / 3) < 1e-12)
        #expect(Colormap.jet.colors.count == 256 && Colormap.jet.colors.first != Colormap.jet.colors.last)
    }
}
