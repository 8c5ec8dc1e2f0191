import Raster

// The per-pixel kernel: the scan loop and the YIQ colour math share this file on purpose. Debug builds
// compile files separately (no whole-module optimisation), and a call across files is never inlined;
// a call per differing pixel would triple the cost of a full YIQ comparison.

/// What a scan found, before it becomes a `CompareResult`.
struct ScanTotals {
    var differing = 0
    var antialiased = 0
    var largestChannelDelta = 0
    /// Largest raw YIQ Δ (0…35215), not normalised.
    var largestRawYIQ = 0.0
    /// Σ of squared channel differences (R, G, B, A) over compared pixels.
    var squaredError: UInt64 = 0
    var minX = Int.max
    var minY = Int.max
    var maxX = -1
    var maxY = -1

    /// Bounding box of the differing pixels, nil when there are none.
    var bounds: Rect? {
        maxX < 0 ? nil : Rect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }
}

/// Per-pixel classes a scan writes for the diff image; untouched pixels stay `same`.
enum PixelClass {
    static let same: UInt8 = 0
    static let darker: UInt8 = 1
    static let lighter: UInt8 = 2
    static let antialiased: UInt8 = 3
}

/// The comparison kernel shared by `ImageComparison.compare` and `DiffImage.render`.
enum PixelScanner {
    /// Compares the top-left `width` × `height` window of both images (each may be larger, as when the
    /// diff image of a size mismatch compares the overlap).
    ///
    /// Rows whose bytes are identical are skipped with one vectorised pass; inside other rows, pixels
    /// with equal words are skipped before any arithmetic. `ignore` must be `width` wide. When `classes`
    /// is given (zeroed, `width × height` bytes), the class of every non-equal pixel is written there.
    static func scan(
        expected: Pixmap, actual: Pixmap, width: Int, height: Int, options: CompareOptions,
        ignore: IgnoreMask?, classes: UnsafeMutablePointer<UInt8>?
    ) -> ScanTotals {
        guard width > 0, height > 0 else { return ScanTotals() }
        precondition(expected.width >= width && actual.width >= width, "scan window wider than an image")
        precondition(expected.height >= height && actual.height >= height, "scan window taller than an image")
        return expected.pixels.withUnsafeBufferPointer { e in
            actual.pixels.withUnsafeBufferPointer { a in
                if let ignore {
                    return ignore.bytes.withUnsafeBufferPointer { m in
                        scan(
                            e.baseAddress!, expected.width, a.baseAddress!, actual.width, width, height, options,
                            m.baseAddress, classes)
                    }
                }
                return scan(
                    e.baseAddress!, expected.width, a.baseAddress!, actual.width, width, height, options, nil,
                    classes)
            }
        }
    }

    /// The 4 bytes at `p` as one word (for equality only).
    @inline(__always)
    private static func word(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
    }

    private static func scan(
        _ e: UnsafePointer<UInt8>, _ ew: Int, _ a: UnsafePointer<UInt8>, _ aw: Int, _ width: Int, _ height: Int,
        _ options: CompareOptions, _ mask: UnsafePointer<UInt8>?, _ classes: UnsafeMutablePointer<UInt8>?
    ) -> ScanTotals {
        var t = ScanTotals()
        let cap = options.maxChannelDelta
        // Without a threshold no Δ (≥ 0) is "within", so -1 disables the test without a branch on nil.
        let maxDelta = options.threshold.map { YIQ.maxDelta * $0 * $0 } ?? -1
        let detectAA = options.detectAntialiasing
        let rowBytes = width * 4
        for y in 0..<height {
            let eRow = e + y * ew * 4
            let aRow = a + y * aw * 4
            if ByteComparison.equal(UnsafeRawPointer(eRow), UnsafeRawPointer(aRow), count: rowBytes) { continue }
            let index0 = y * width
            for x in 0..<width {
                let pe = eRow + x * 4
                let pa = aRow + x * 4
                if word(pe) == word(pa) { continue }
                if let mask, mask[index0 + x] != 0 { continue }

                let dr = abs(Int(pe[0]) - Int(pa[0]))
                let dg = abs(Int(pe[1]) - Int(pa[1]))
                let db = abs(Int(pe[2]) - Int(pa[2]))
                let da = abs(Int(pe[3]) - Int(pa[3]))
                t.squaredError &+= UInt64(dr * dr + dg * dg + db * db + da * da)
                let channel = max(max(dr, dg), max(db, da))
                if channel > t.largestChannelDelta { t.largestChannelDelta = channel }
                let (delta, lighter) = YIQ.delta(pe, pa)
                if delta > t.largestRawYIQ { t.largestRawYIQ = delta }

                if channel <= cap || delta <= maxDelta { continue }
                if detectAA
                    && (Antialiasing.isAntialiased(
                        e, imageWidth: ew, other: a, otherWidth: aw, x: x, y: y, width: width, height: height)
                        || Antialiasing.isAntialiased(
                            a, imageWidth: aw, other: e, otherWidth: ew, x: x, y: y, width: width, height: height))
                {
                    t.antialiased += 1
                    classes?[index0 + x] = PixelClass.antialiased
                    continue
                }
                t.differing += 1
                if x < t.minX { t.minX = x }
                if x > t.maxX { t.maxX = x }
                if y < t.minY { t.minY = y }
                t.maxY = y
                classes?[index0 + x] = lighter ? PixelClass.lighter : PixelClass.darker
            }
        }
        return t
    }
}

// pixelmatch's colour distance ("Measuring perceived color difference using YIQ NTSC transmission color
// space in mobile applications", Kotsarenko & Ramos). Pixels are blended over white first, so alpha
// only matters as far as it changes what is seen on a white page: transparent black and opaque white are
// the same colour here. Only called for pixels whose bytes differ, so Double is affordable.

/// YIQ brightness and distance of straight-alpha RGBA8 pixels, blended over white.
enum YIQ {
    /// The largest possible Δ between two colours; a threshold t compares Δ against `maxDelta · t²`.
    static let maxDelta = 35215.0

    /// The pixel at `p` (R, G, B, A bytes) blended over white: `255 + (c − 255) · a/255`.
    @inline(__always)
    static func overWhite(_ p: UnsafePointer<UInt8>) -> (r: Double, g: Double, b: Double) {
        let r = Double(p[0])
        let g = Double(p[1])
        let b = Double(p[2])
        let a = p[3]
        if a == 255 { return (r, g, b) }
        let f = Double(a) / 255
        return (255 + (r - 255) * f, 255 + (g - 255) * f, 255 + (b - 255) * f)
    }

    /// Brightness (Y) of an RGB triple.
    @inline(__always)
    static func y(_ r: Double, _ g: Double, _ b: Double) -> Double {
        r * 0.298_895_31 + g * 0.586_622_47 + b * 0.114_482_23
    }

    /// Brightness of the pixel at `p` over white.
    @inline(__always)
    static func brightness(_ p: UnsafePointer<UInt8>) -> Double {
        let c = overWhite(p)
        return y(c.r, c.g, c.b)
    }

    /// Squared YIQ distance Δ (0…35215) from the pixel at `e` to the one at `a`, and whether `a` is
    /// strictly brighter.
    ///
    /// Y, I and Q are linear in R, G and B, so their differences are computed from the channel
    /// differences directly; only translucent pixels need the blend over white first.
    @inline(__always)
    static func delta(_ e: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>) -> (delta: Double, lighter: Bool) {
        let dr: Double
        let dg: Double
        let db: Double
        if e[3] & a[3] == 255 {
            dr = Double(Int32(e[0]) &- Int32(a[0]))
            dg = Double(Int32(e[1]) &- Int32(a[1]))
            db = Double(Int32(e[2]) &- Int32(a[2]))
        } else {
            let c1 = overWhite(e)
            let c2 = overWhite(a)
            dr = c1.r - c2.r
            dg = c1.g - c2.g
            db = c1.b - c2.b
        }
        let dy = y(dr, dg, db)
        let di = dr * 0.595_977_99 - dg * 0.274_176_10 - db * 0.321_801_89
        let dq = dr * 0.211_470_17 - dg * 0.522_617_11 + db * 0.311_146_94
        return (0.5053 * dy * dy + 0.299 * di * di + 0.1957 * dq * dq, dy < 0)
    }
}
