import Detections
import Raster

/// Paints an anomaly score map over a photo as a heat map: a colour per score from a 256-colour `Colormap`,
/// translucent, nothing below the floor, and an opaque contour where the scores cross the threshold.
///
/// Semantics:
/// - The map is in the photo's stored orientation. A map of another size (a model's 256×256) is scaled to the
///   photo bilinearly — scores are continuous, unlike a label mask's colours. The sample for photo pixel
///   (x, y) is at `((2x + 1) · mapWidth / (2 · width) − ½)` (likewise for y), clamped to the map, with weights
///   in 1/256.
/// - Scores are taken to a fixed-point level over the range, `⌊(s − lo) / (hi − lo) · 65536⌋`, once per map
///   score; everything after is integer. A pixel is painted when its level is at least the floor's, in colour
///   `colors[clamp((level · 255 + 32768) >> 16, 0, 255)]`, source-over with alpha `round(opacity · 255)`.
///   Pixels below the floor stay bit-identical.
/// - With `outline`, an opaque white contour is drawn on the pixels just outside the region whose level is at
///   least the threshold's (`MaskOutline`, as for masks).
public enum HeatMapCompositor {
    /// The contour colour: white reads on every colour scale's dark and bright ends.
    static let contourColor = Color(r: 255, g: 255, b: 255)

    /// Paints `map` over `photo` in place; with `keepLabels`, also returns the pixels at or above the threshold
    /// (`HeatMapReport.labels`, one class), as a mask to compare with ground truth. It changes no pixel.
    ///
    /// - Throws: `CompositeError` for an option out of range or an empty range; the photo is untouched then.
    public static func composite(
        _ photo: inout Pixmap, map: ScoreMap, options: HeatMapOptions = .init(), composite: CompositeOptions = .init(),
        keepLabels: Bool = false
    ) throws(CompositeError) -> HeatMapReport {
        guard composite.opacity >= 0 && composite.opacity <= 1 else {
            throw .invalidOption(name: "opacity", expected: "a number in 0...1", got: "\(composite.opacity)")
        }
        let threshold = map.threshold
        let floor = options.floor(threshold: threshold)
        let range = options.range(threshold: threshold)
        guard threshold.isFinite, floor.isFinite, range.lowerBound.isFinite, range.upperBound.isFinite,
            range.upperBound > range.lowerBound
        else {
            throw .invalidOption(
                name: "range", expected: "finite scores with LO < HI",
                got: "\(range.lowerBound),\(range.upperBound) (floor \(floor), threshold \(threshold))")
        }
        var outlineWidth = 0
        if composite.outline {
            outlineWidth =
                composite.outlineWidth ?? MaskCompositor.defaultOutlineWidth(width: photo.width, height: photo.height)
            guard (1...MaskCompositor.maxOutlineWidth).contains(outlineWidth) else {
                throw .invalidOption(
                    name: "outlineWidth", expected: "1...\(MaskCompositor.maxOutlineWidth)", got: "\(outlineWidth)")
            }
        }
        let width = photo.width
        let height = photo.height
        guard width > 0, height > 0, map.width > 0, map.height > 0 else {
            return HeatMapReport(
                areaAboveThreshold: 0, paintedPixels: 0, outlinedPixels: 0, range: range, floor: floor,
                threshold: threshold, colormap: options.colormap)
        }

        let scale = Level(range)
        let source = levels(of: map, scale: scale)
        let floorLevel = scale.level(floor)
        let thresholdLevel = scale.level(threshold)
        let colors = options.colormap.colors
        let lut = colors.map { UInt32($0.r) | UInt32($0.g) << 8 | UInt32($0.b) << 16 }
        let alpha = UInt32((composite.opacity * 255).rounded())

        var labels = [UInt8](repeating: 0, count: width * height)
        var rowHasLabels = [Bool](repeating: false, count: height)
        var row = [Int32](repeating: 0, count: width)
        var painted = 0
        var above = 0
        var coverage = MaskCoverage()
        let columns = BilinearAxis(source: map.width, destination: width)
        let rows = BilinearAxis(source: map.height, destination: height)
        photo.withUnsafeMutableBufferPointer { dst in
            guard let d = dst.baseAddress else { return }
            for y in 0..<height {
                sample(source, mapWidth: map.width, row: y, rows: rows, columns: columns, into: &row)
                var rowHas = false
                var runStart = -1  // the run of pixels at or above the threshold this row is in, if any
                for x in 0..<width {
                    let level = row[x]
                    if level >= thresholdLevel {
                        if runStart < 0 { runStart = x }
                    } else if runStart >= 0 {
                        coverage.append(y: y, x0: runStart, x1: x)
                        runStart = -1
                    }
                    if level < floorLevel { continue }
                    let index = y &* width &+ x
                    if level >= thresholdLevel {
                        labels[index] = 1
                        rowHas = true
                        above &+= 1
                    }
                    if alpha == 0 { continue }
                    let k = min(255, max(0, (Int(level) &* 255 &+ 32768) >> 16))
                    let c = lut[k]
                    Blend.sourceOver(d + index &* 4, r: c & 0xFF, g: (c >> 8) & 0xFF, b: c >> 16, alpha: alpha)
                    painted &+= 1
                }
                if runStart >= 0 { coverage.append(y: y, x0: runStart, x1: width) }
                if rowHas { rowHasLabels[y] = true }
            }
        }
        var outlined = 0
        if outlineWidth > 0 {
            var palette = [UInt32](repeating: 0, count: 256)
            palette[1] = contourColor.withAlpha(255).packed.littleEndian
            outlined = palette.withUnsafeBufferPointer { p in
                MaskOutline.draw(
                    on: &photo, labels: labels, rowHasLabels: rowHasLabels, colors: p.baseAddress!, width: outlineWidth)
            }
        }
        var report = HeatMapReport(
            areaAboveThreshold: Double(above) / Double(width * height), paintedPixels: painted,
            outlinedPixels: outlined, range: range, floor: floor, threshold: threshold, colormap: options.colormap,
            coverage: coverage, outlineWidth: outlineWidth)
        if keepLabels { report.labels = LabelMap(width: width, height: height, labels: labels, counts: [above]) }
        return report
    }

    /// Scores to fixed-point levels over a range: `⌊(s − lo) / (hi − lo) · 65536⌋`, clamped to ±2²⁴.
    struct Level {
        let lo: Double
        let unit: Double

        init(_ range: ClosedRange<Double>) {
            lo = range.lowerBound
            unit = 65536 / (range.upperBound - range.lowerBound)
        }

        func level(_ score: Double) -> Int32 {
            let v = ((score - lo) * unit).rounded(.down)
            return Int32(min(max(v, -16_777_216), 16_777_216))
        }
    }

    /// Every map score as a level, row-major. 8-bit maps go through a 256-entry table.
    static func levels(of map: ScoreMap, scale: Level) -> [Int32] {
        switch map.values {
        case .grey8(let v):
            let table = (0..<256).map { scale.level(Double($0) / 255) }
            return v.map { table[Int($0)] }
        case .grey16(let v): return v.map { scale.level(Double($0) / 65535) }
        case .float(let v): return v.map { scale.level(Double($0)) }
        }
    }

    /// For each destination index along one axis, the two source indices and the weight of the second, in 1/256.
    struct BilinearAxis {
        var first: [Int]
        var second: [Int]
        var weight: [Int]

        init(source: Int, destination: Int) {
            first = []
            second = []
            weight = []
            first.reserveCapacity(destination)
            for d in 0..<destination {
                // Centre of destination pixel d in source pixels, in 1/256, less half a source pixel.
                let position = min(max(((2 * d + 1) * source * 256) / (2 * destination) - 128, 0), (source - 1) * 256)
                let index = position >> 8
                first.append(index)
                second.append(min(index + 1, source - 1))
                weight.append(position & 255)
            }
        }
    }

    /// Row `y` of the scaled map, as levels.
    static func sample(
        _ source: [Int32], mapWidth: Int, row y: Int, rows: BilinearAxis, columns: BilinearAxis, into out: inout [Int32]
    ) {
        let top = rows.first[y] * mapWidth
        let bottom = rows.second[y] * mapWidth
        let wy = rows.weight[y]
        if mapWidth == out.count && wy == 0 {  // the map's own row
            for x in 0..<out.count { out[x] = source[top + x] }
            return
        }
        for x in 0..<out.count {
            let x0 = columns.first[x]
            let x1 = columns.second[x]
            let wx = columns.weight[x]
            let upper = Int(source[top + x0]) * (256 - wx) + Int(source[top + x1]) * wx
            let lower = Int(source[bottom + x0]) * (256 - wx) + Int(source[bottom + x1]) * wx
            out[x] = Int32((upper * (256 - wy) + lower * wy + 32768) >> 16)
        }
    }
}
