import Raster

/// Pictures of a comparison: the diff image and the expected | actual | diff composite.
///
/// The diff image is the expected image faded to grey (its brightness blended towards white, like
/// pixelmatch), with differing pixels red where the actual got darker and green where it got lighter
/// (or kept the same brightness: red), anti-aliasing pixels yellow, ignore regions hatched with grey
/// diagonal lines, and a 1-px magenta box just outside the bounding box of the differing pixels.
/// For images of different sizes it is as large as both together: the overlap is compared as usual and
/// pixels present in only one image are painted `outsideColor`.
public enum DiffImage {
    /// Colours and fading of the diff image.
    public struct Options: Sendable, Hashable {
        /// How much of the expected image's darkness survives the fade, 0…1 (pixelmatch's `alpha`).
        public var fade: Double
        /// Differing pixels where the actual is darker (or as bright).
        public var darkerColor: Color
        /// Differing pixels where the actual is lighter.
        public var lighterColor: Color
        /// Pixels classified as anti-aliasing.
        public var antialiasColor: Color
        /// The hatching of ignore regions.
        public var ignoredColor: Color
        /// Pixels outside the overlap of two images of different sizes.
        public var outsideColor: Color
        /// The box around the changed area.
        public var boxColor: Color
        /// Whether to draw the box.
        public var drawsBox: Bool

        /// The pixelmatch-like defaults: fade 0.1, red / green / yellow, grey hatching, magenta box.
        public init(
            fade: Double = 0.1, darkerColor: Color = .red, lighterColor: Color = .green,
            antialiasColor: Color = .yellow, ignoredColor: Color = Color(r: 128, g: 128, b: 128),
            outsideColor: Color = .red, boxColor: Color = Color(r: 255, g: 0, b: 255), drawsBox: Bool = true
        ) {
            self.fade = fade
            self.darkerColor = darkerColor
            self.lighterColor = lighterColor
            self.antialiasColor = antialiasColor
            self.ignoredColor = ignoredColor
            self.outsideColor = outsideColor
            self.boxColor = boxColor
            self.drawsBox = drawsBox
        }
    }

    /// The size `render` (or, with `composite`, `composite`) draws for images of these sizes, or nil when its pixel
    /// count would exceed `maxPixels(expected:actual:)`. Callers check it before drawing: images of different sizes
    /// give a diff as large as both together (`100000×1` and `1×100000`: 10¹⁰ pixels).
    public static func size(expected: ImageSize, actual: ImageSize, composite: Bool, gap: Int = 4) -> ImageSize? {
        let width = max(expected.width, actual.width)
        let height = max(expected.height, actual.height)
        var total = ImageSize(width: width, height: height)
        if composite {
            var sum = 0
            for part in [expected.width, actual.width, width, max(gap, 0), max(gap, 0)] {
                let (next, overflow) = sum.addingReportingOverflow(part)
                if overflow { return nil }
                sum = next
            }
            total.width = sum
        }
        let (pixels, overflow) = total.width.multipliedReportingOverflow(by: total.height)
        return overflow || pixels > maxPixels(expected: expected, actual: actual) ? nil : total
    }

    /// The most pixels a diff image of two images may have: four times both images' pixels plus 2²⁴ (64 MiB of
    /// RGBA), so a composite of equal sizes always fits and no pair of images makes more than its own size again.
    public static func maxPixels(expected: ImageSize, actual: ImageSize) -> Int {
        let (e, o1) = expected.width.multipliedReportingOverflow(by: expected.height)
        let (a, o2) = actual.width.multipliedReportingOverflow(by: actual.height)
        let (both, o3) = e.addingReportingOverflow(a)
        let (four, o4) = both.multipliedReportingOverflow(by: 4)
        let (limit, o5) = four.addingReportingOverflow(1 << 24)
        return o1 || o2 || o3 || o4 || o5 ? .max : limit
    }

    /// Hatch lines are the pixels with `(x + y) % hatchPeriod == 0`.
    static let hatchPeriod = 4

    /// Draws the diff image of `result` (classifying pixels again with `result.options`). Opaque,
    /// `max(widths)` × `max(heights)`.
    public static func render(
        expected: Pixmap, actual: Pixmap, result: CompareResult, options: Options = Options()
    ) -> Pixmap {
        let outWidth = max(expected.width, actual.width)
        let outHeight = max(expected.height, actual.height)
        let width = min(expected.width, actual.width)
        let height = min(expected.height, actual.height)
        let compareOptions = result.options.normalized(within: Rect(x: 0, y: 0, width: width, height: height))
        let mask = IgnoreMask(regions: compareOptions.ignoreRegions, width: width, height: height)
        var classes = [UInt8](repeating: PixelClass.same, count: width * height)
        let totals = classes.withUnsafeMutableBufferPointer { c in
            PixelScanner.scan(
                expected: expected, actual: actual, width: width, height: height, options: compareOptions,
                ignore: mask, classes: c.baseAddress)
        }
        var out = Pixmap(width: outWidth, height: outHeight, fill: options.outsideColor.withAlpha(255))
        let palette: [UInt32] = [
            0, options.darkerColor.withAlpha(255).packed, options.lighterColor.withAlpha(255).packed,
            options.antialiasColor.withAlpha(255).packed,
        ]
        let hatch = options.ignoredColor.withAlpha(255).packed
        let fade = UInt32((min(max(options.fade.isNaN ? 0 : options.fade, 0), 1) * 255).rounded())
        let noMask: [UInt8] = []
        let maskBytes = mask?.bytes ?? noMask
        out.withUnsafeMutableBytes { o in
            expected.pixels.withUnsafeBufferPointer { e in
                classes.withUnsafeBufferPointer { c in
                    maskBytes.withUnsafeBufferPointer { m in
                        palette.withUnsafeBufferPointer { colors in
                            for y in 0..<height {
                                let eRow = e.baseAddress! + y * expected.width * 4
                                let oRow = y * outWidth * 4
                                for x in 0..<width {
                                    let i = y * width + x
                                    let cls = c[i]
                                    let word: UInt32
                                    if cls != PixelClass.same {
                                        word = colors[Int(cls)]
                                    } else if !m.isEmpty && m[i] != 0 && (x + y) % hatchPeriod == 0 {
                                        word = hatch
                                    } else {
                                        word = faded(eRow + x * 4, fade: fade)
                                    }
                                    o.storeBytes(of: word, toByteOffset: oRow + x * 4, as: UInt32.self)
                                }
                            }
                        }
                    }
                }
            }
        }
        if options.drawsBox, let box = totals.bounds {
            out.stroke(box.outsetBy(1), with: options.boxColor.withAlpha(255))
        }
        return out
    }

    /// The expected pixel's brightness blended towards white: `255 − (255 − Y) · fade · a`, opaque grey.
    @inline(__always)
    private static func faded(_ p: UnsafePointer<UInt8>, fade: UInt32) -> UInt32 {
        // Y in 14-bit fixed point with pixelmatch's coefficients (0.29889531, 0.58662247, 0.11448223).
        let y = (UInt32(p[0]) &* 4897 &+ UInt32(p[1]) &* 9611 &+ UInt32(p[2]) &* 1876 &+ 8192) >> 14
        let k = fade &* UInt32(p[3])  // ≤ 255·255
        let v = 255 &- ((255 &- y) &* k &+ 32512) / 65025
        return v | v << 8 | v << 16 | 0xFF00_0000
    }

    /// `expected | actual | diff` side by side, top-aligned, separated by `gap` pixels of `background`
    /// (which also fills below shorter panels). Width = sum of the three widths + 2 · gap.
    public static func composite(
        expected: Pixmap, actual: Pixmap, diff: Pixmap, gap: Int = 4,
        background: Color = Color(r: 128, g: 128, b: 128)
    ) -> Pixmap {
        let gap = max(gap, 0)
        let panels = [expected, actual, diff]
        let width = panels.reduce(0) { $0 + $1.width } + 2 * gap
        let height = panels.reduce(0) { max($0, $1.height) }
        var out = Pixmap(width: width, height: height, fill: background)
        var x = 0
        for panel in panels {
            out.blit(panel, x: x, y: 0)
            x += panel.width + gap
        }
        return out
    }

    /// Renders the diff of `result` and returns the `expected | actual | diff` composite.
    public static func composite(
        expected: Pixmap, actual: Pixmap, result: CompareResult, options: Options = Options(), gap: Int = 4
    ) -> Pixmap {
        let diff = render(expected: expected, actual: actual, result: result, options: options)
        return composite(expected: expected, actual: actual, diff: diff, gap: gap)
    }
}
