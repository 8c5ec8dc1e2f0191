import Raster

/// Paints an anomaly mask over a photo: each listed anomaly type in its colour, translucent, optionally with
/// an opaque contour.
///
/// Semantics (see `composite`):
/// - A mask pixel is matched by its RGB against the background colour and the types' colours (exactly, or
///   the nearest within `colorTolerance`). Mask alpha 0 is background whatever its RGB.
/// - Background is never painted. A type's pixel is blended over the photo in the type's colour with
///   effective alpha `div255(round(opacity * 255) * maskAlpha)` (integer, rounded), giving exactly the
///   integers of `Blend.sourceOver` (opaque photo pixels take an equivalent two-channels-per-multiply path).
/// - Colours nobody lists are not painted; they are counted for a warning (`CompositeReport.unlistedColors`).
/// - With `outline`, a contour is drawn OUTSIDE each region (see `MaskOutline`).
/// - Photo pixels neither painted nor outlined stay bit-identical.
///
/// All types are composed in one pass over the pixels. Transparent and opaque-background mask pixels (most of
/// a mask) are skipped two at a time. Otherwise masks hold long runs of one colour, so the pass keeps the last
/// colour's label and classifies only when the colour changes: per pixel one load, a few compares and, where
/// painted, one blend. On a 4096×4096 image the pass takes a few milliseconds for a typical mask and about
/// 50 ms when every pixel is painted; the contour adds 10–20 ms.
public enum MaskCompositor {
    /// The label buffer holds one byte per pixel: 0 is "none" and 255 is reserved.
    static let maxTypes = 254
    /// How many unlisted colours the report names.
    static let reportedUnlistedColors = 5
    /// Widest contour accepted.
    package static let maxOutlineWidth = 64

    /// Composites `mask` over `photo` in place and reports what it found (with `keepLabels`, the `LabelMap` its
    /// measured areas come from).
    ///
    /// - Parameters:
    ///   - photo: the photo in stored orientation (the mask is in the same orientation).
    ///   - mask: the anomaly mask, exactly the photo's size.
    ///   - types: the anomaly types (one per class of the `Detection`, background excluded). A type
    ///     whose colour equals the background colour is never painted; with duplicate colours the first wins.
    ///   - options: opacity, colour tolerance and outlines.
    ///   - keepLabels: return the pass's labelling (`CompositeReport.labels`), for a caller that measures more
    ///     than areas (the report's IoU); costs one byte per pixel. It changes no pixel, so it is not an option.
    ///   - findRegions: also return the connected regions of each type and their coverage
    ///     (`CompositeReport.regions`, `.coverage`), found from the labels of this pass, for markers and panel
    ///     placement. Like `keepLabels`, it changes no pixel.
    /// - Throws: `CompositeError` for a size mismatch, an option out of range or too many types; the photo is
    ///   untouched then.
    public static func composite(
        _ photo: inout Pixmap, mask: Pixmap, types: [AnomalyType], options: CompositeOptions = .init(),
        keepLabels: Bool = false, findRegions: Bool = false
    ) throws(CompositeError) -> CompositeReport {
        guard photo.width == mask.width, photo.height == mask.height else {
            throw .sizeMismatch(
                photoWidth: photo.width, photoHeight: photo.height, maskWidth: mask.width, maskHeight: mask.height)
        }
        guard options.opacity >= 0 && options.opacity <= 1 else {  // also refuses NaN
            throw .invalidOption(name: "opacity", expected: "a number in 0...1", got: "\(options.opacity)")
        }
        guard (0...255).contains(options.colorTolerance) else {
            throw .invalidOption(name: "colorTolerance", expected: "0...255", got: "\(options.colorTolerance)")
        }
        guard types.count <= maxTypes else { throw .tooManyTypes(count: types.count, max: maxTypes) }
        var outlineWidth = 0
        if options.outline {
            outlineWidth = options.outlineWidth ?? defaultOutlineWidth(width: photo.width, height: photo.height)
            guard (1...maxOutlineWidth).contains(outlineWidth) else {
                throw .invalidOption(name: "outlineWidth", expected: "1...\(maxOutlineWidth)", got: "\(outlineWidth)")
            }
        }

        let width = photo.width
        let height = photo.height
        let classifier = ColorClassifier(
            background: rgb24(options.backgroundColor), types: types.map { rgb24($0.color) },
            tolerance: options.colorTolerance)
        let opacity = UInt32((options.opacity * 255).rounded())

        // Per-label tables (index = label), read through pointers: no bounds checks, no copy-on-write.
        // `lanes`: the colour as R | B << 16, then (at 256 + label) G | 255 << 16, for the two-channels-at-once
        // blend. `opaque`: the colour as one opaque pixel word in memory order, for contours.
        let lanes = UnsafeMutablePointer<UInt32>.allocate(capacity: 512)
        lanes.initialize(repeating: 0, count: 512)
        defer { lanes.deallocate() }
        let opaque = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        opaque.initialize(repeating: 0, count: 256)
        defer { opaque.deallocate() }
        for (k, type) in types.enumerated() {
            let c = type.paintColor ?? type.color
            lanes[k + 1] = UInt32(c.r) | UInt32(c.b) << 16
            lanes[256 + k + 1] = UInt32(c.g) | 255 << 16
            opaque[k + 1] = c.withAlpha(255).packed.littleEndian
        }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 256)
        counts.initialize(repeating: 0, count: 256)
        defer { counts.deallocate() }

        // Region labels (type index + 1 where alpha ≥ 128) and which rows hold any: only the contour and the
        // caller's label map
        // and regions need them.
        let labelled = outlineWidth > 0 || keepLabels || findRegions
        var labels = [UInt8](repeating: 0, count: labelled ? width * height : 0)
        var rowHasLabels = [Bool](repeating: false, count: labelled ? height : 0)

        var tally = ColorTally()
        var painted = 0
        photo.withUnsafeMutableBufferPointer { dst in
            mask.pixels.withUnsafeBytes { src in
                labels.withUnsafeMutableBufferPointer { lab in
                    rowHasLabels.withUnsafeMutableBufferPointer { rows in
                        guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                        painted = fillPass(
                            photo: d, mask: s, labels: labelled ? lab.baseAddress : nil,
                            rowHasLabels: labelled ? rows.baseAddress : nil, width: width, height: height,
                            opacity: opacity,
                            background: rgb24(options.backgroundColor), classifier: classifier, lanes: lanes,
                            counts: counts, tally: &tally)
                    }
                }
            }
        }

        var outlined = 0
        if outlineWidth > 0 {
            outlined = MaskOutline.draw(
                on: &photo, labels: labels, rowHasLabels: rowHasLabels, colors: opaque, width: outlineWidth)
        }

        let total = Double(width * height)
        let typePixels = (0..<types.count).map { counts[$0 + 1] }
        var report = CompositeReport(
            measuredArea: typePixels.map { total > 0 ? Double($0) / total : 0 }, typePixels: typePixels,
            unlistedPixels: tally.total, unlistedColors: tally.top(reportedUnlistedColors), paintedPixels: painted,
            outlinedPixels: outlined, outlineWidth: outlineWidth)
        if keepLabels {
            report.labels = LabelMap(width: width, height: height, labels: labels, counts: typePixels)
        }
        if findRegions {
            let found = RegionFinder.regions(labels: labels, rowHasLabels: rowHasLabels, width: width, height: height)
            report.regions = found?.regions
            report.coverage = found?.coverage
        }
        return report
    }

    /// The one pass over all pixels: classify, count, blend. Returns the number of pixels painted.
    ///
    /// Kept apart from `composite` so that every counter is a local the optimiser can hold in a register.
    /// `lanes[label]` holds the type's colour as `R | B << 16` and `lanes[256 + label]` as `G | 255 << 16`.
    /// `labels` (with `rowHasLabels`) is filled only when non-nil.
    private static func fillPass(
        photo d: UnsafeMutablePointer<UInt8>, mask s: UnsafeRawPointer, labels: UnsafeMutablePointer<UInt8>?,
        rowHasLabels: UnsafeMutablePointer<Bool>?, width: Int, height: Int, opacity: UInt32, background: UInt32,
        classifier: ColorClassifier, lanes: UnsafePointer<UInt32>, counts: UnsafeMutablePointer<Int>,
        tally: inout ColorTally
    ) -> Int {
        // Loop constants as locals (a `static let` read in the loop costs a lazy-initialisation check).
        let backgroundLabel = ColorClassifier.background
        let unlistedLabel = ColorClassifier.unlisted
        let keepLabels = labels != nil
        // An opaque background mask pixel, alone and in pairs as one 64-bit load sees them.
        let backgroundWord = background | 0xFF00_0000
        let backgroundPair = UInt64(backgroundWord) | UInt64(backgroundWord) << 32

        var painted = 0
        var lastRGB: UInt32 = 0xFFFF_FFFF  // no 24-bit colour: the first pixel classifies
        var label = backgroundLabel  // label of lastRGB
        var colorRB: UInt32 = 0  // its colour's lanes
        var colorGA: UInt32 = 0
        var unlistedRun = 0  // pixels of the current unlisted colour not yet tallied
        // Region pixels of the current colour not yet added to `counts`: kept in a register, because a
        // per-pixel increment in memory would chain every iteration to the previous one.
        var regionRun = 0
        for y in 0..<height {
            var i = y &* width
            let end = i &+ width
            var rowHas = false
            while i < end {
                let m = UInt32(littleEndian: s.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                if m < 0x0100_0000 || m == backgroundWord {
                    // Transparent or opaque background: the bulk of a mask. Skip it two pixels at a time. This
                    // does not disturb the colour cache: the tally adds up per colour, not per run.
                    i &+= 1
                    while i &+ 2 <= end {
                        let two = UInt64(littleEndian: s.loadUnaligned(fromByteOffset: i &* 4, as: UInt64.self))
                        guard two & 0xFF00_0000_FF00_0000 == 0 || two == backgroundPair else { break }
                        i &+= 2
                    }
                    continue
                }
                let index = i
                i &+= 1
                let rgb = m & 0xFF_FFFF
                if rgb != lastRGB {
                    if label == unlistedLabel { tally.add(lastRGB, count: unlistedRun) }
                    counts[Int(label)] &+= regionRun
                    unlistedRun = 0
                    regionRun = 0
                    lastRGB = rgb
                    label = classifier.label(for: rgb)
                    colorRB = lanes[Int(label)]
                    colorGA = lanes[256 &+ Int(label)]
                }
                if label == backgroundLabel { continue }
                if label == unlistedLabel {
                    unlistedRun &+= 1
                    continue
                }
                let alpha = m >> 24
                if alpha >= 128 {
                    regionRun &+= 1
                    if keepLabels {
                        labels.unsafelyUnwrapped[index] = label  // checked once, in `keepLabels`
                        rowHas = true
                    }
                }
                let a = alpha == 255 ? opacity : div255(opacity &* alpha)
                if a == 0 { continue }
                painted &+= 1
                let p = UnsafeMutableRawPointer(d + index &* 4)
                let px = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
                if px < 0xFF00_0000 {  // translucent photo pixel: the general formula
                    Blend.sourceOver(
                        d + index &* 4, r: colorRB & 0xFF, g: colorGA & 0xFF, b: colorRB >> 16, alpha: a)
                    continue
                }
                // Opaque photo (the usual case): `Blend.sourceOver`'s opaque branch, two channels per 32-bit
                // multiply. Each 16-bit lane holds c·a + p·(255 − a) + 128 ≤ 65153, and div255's correction
                // adds ≤ 254, so lanes never carry into each other.
                let ia = 255 &- a
                var rb = (px & 0x00FF_00FF) &* ia &+ colorRB &* a &+ 0x0080_0080
                var ga = ((px >> 8) & 0x00FF_00FF) &* ia &+ colorGA &* a &+ 0x0080_0080
                rb = ((rb &+ ((rb >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF
                ga = ((ga &+ ((ga >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF
                p.storeBytes(of: (rb | ga << 8).littleEndian, as: UInt32.self)
            }
            if rowHas, let rowHasLabels { rowHasLabels[y] = true }
        }
        if label == unlistedLabel { tally.add(lastRGB, count: unlistedRun) }
        counts[Int(label)] &+= regionRun
        return painted
    }

    /// The contour width for an image: `round(log2(longer side / 192))`, at least 1. That is 1 px below 543 px
    /// on the longer side, 2 px up to 1085 (the 576×768 samples), 3 px up to 2171, 4 px up to 4344 (4096×4096),
    /// then one more per doubling.
    ///
    /// Logarithmic, not proportional: a contour must stay visible on a small image without swallowing
    /// thin cracks on a large one.
    static func defaultOutlineWidth(width: Int, height: Int) -> Int {
        // round(log2(s / 192)) ≥ k  ⇔  s / 192 ≥ 2^(k - ½)  ⇔  2·s² ≥ 192² · 4^k, in integers.
        let side = UInt(min(max(width, height, 0), 1 << 24))  // clamp: no overflow below
        let twiceSquare = 2 * side * side
        var k = 0
        var threshold: UInt = 192 * 192 * 4
        while k < maxOutlineWidth && threshold <= twiceSquare {
            k += 1
            threshold *= 4
        }
        return max(1, k)
    }

    /// R, G, B packed as in memory (`r | g << 8 | b << 16`): what the compositor compares mask pixels with.
    static func rgb24(_ c: Color) -> UInt32 { UInt32(c.r) | UInt32(c.g) << 8 | UInt32(c.b) << 16 }
}
