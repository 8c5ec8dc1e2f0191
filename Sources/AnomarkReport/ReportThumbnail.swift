import AnomarkKit
import Raster

/// Downscaling for report thumbnails and contact-sheet cells: an area average (box filter).
///
/// Each destination pixel averages the block of source pixels that maps onto it; block edges are the integer
/// positions `d · source / destination`, so every source pixel counts exactly once and no pixel is
/// interpolated (no ringing, text edges stay clean). Colours are averaged weighted by alpha (straight alpha in,
/// straight alpha out), so transparent pixels do not darken their neighbours. One pass over the source with a
/// row of accumulators (unweighted for opaque images, where the weights cancel exactly: 16-bit column sums and
/// 32-bit block sums; 64-bit otherwise); no allocation per pixel.
///
/// This is a Raster-level concern kept here while only reports need it; it could move to Raster as
/// `Pixmap.downscaled(toWidth:height:)`.
enum ReportThumbnail {
    /// The size that fits in `maxWidth`×`maxHeight` keeping the aspect ratio, never larger than the image and
    /// at least 1×1.
    static func fittedSize(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0 else { return (1, 1) }
        if width <= maxWidth && height <= maxHeight { return (width, height) }
        // Compare the ratios in integers: maxWidth/width ≤ maxHeight/height ⇔ maxWidth·height ≤ maxHeight·width
        if maxWidth * height <= maxHeight * width {
            return (maxWidth, max(1, (height * maxWidth + width / 2) / width))
        }
        return (max(1, (width * maxHeight + height / 2) / height), maxHeight)
    }

    /// `image` scaled down to fit `maxWidth`×`maxHeight` (aspect kept); returned unchanged when it already fits.
    static func fitting(_ image: Pixmap, maxWidth: Int, maxHeight: Int) -> Pixmap {
        let size = fittedSize(width: image.width, height: image.height, maxWidth: maxWidth, maxHeight: maxHeight)
        if size.width == image.width && size.height == image.height { return image }
        return downscaled(image, width: size.width, height: size.height)
    }

    /// `image` averaged down to `width`×`height`, each at most the source's (and at least 1).
    static func downscaled(_ image: Pixmap, width: Int, height: Int) -> Pixmap {
        precondition(width >= 1 && height >= 1 && width <= image.width && height <= image.height, "downscale only")
        // Annotated photos are opaque: there the alpha weights are all 255 and cancel exactly (see
        // `downscaledOpaque`), so the sums need no multiplication and fit 32 bits. The weighted loop was 13 % of
        // a report's instructions on sample photos (callgrind); this path takes half as many.
        // 256·n bounds a block's rounded sum (255·n plus n/2), which must fit 32 bits.
        // The opaque path checks opacity itself, from the alpha sums it makes anyway, so opaque images (all
        // annotated photos) take no separate `isOpaque` pass over the full-size pixels.
        let blockArea = (image.width / width + 1) * (image.height / height + 1)
        if blockArea <= Int(UInt32.max / 256), let small = downscaledOpaque(image, width: width, height: height) {
            return small
        }
        return downscaledWeighted(image, width: width, height: height)
    }

    /// `downscaled` for an opaque image, bit for bit: with every alpha 255 the weighted mean
    /// ⌊(255·Σc + ⌊255·n/2⌋) / (255·n)⌋ equals ⌊(Σc + ⌊n/2⌋) / n⌋ for every block of n pixels (for even n the
    /// 255s cancel; for odd n the weighted form adds 127/255 to an integer before dividing, which cannot reach
    /// the next multiple of n), and the mean alpha is 255. Block sums are 32-bit (the caller checks that a block's
    /// rounded sum, below 256·n, fits), column sums 16-bit where they fit.
    ///
    /// nil if `image` is not opaque after all: a block of n pixels is opaque exactly when its alpha sum is 255·n,
    /// and the blocks cover every pixel. It stops at the first destination row that shows it.
    static func downscaledOpaque(_ image: Pixmap, width: Int, height: Int) -> Pixmap? {
        let yEdges = (0...height).map { $0 * image.height / height }
        // Column sums of up to 257 rows of 255 fit 16 bits, which vectorise twice as wide as 32-bit ones and halve
        // the traffic; thumbnails sum 2–3 rows, contact-sheet cells 2.
        let tallest = (0..<height).lazy.map { yEdges[$0 + 1] - yEdges[$0] }.max() ?? 1
        if tallest <= Int(UInt16.max / 255) {
            return downscaledOpaque(
                image, width: width, height: height, yEdges: yEdges, tallest: tallest, columnSum: UInt16.self)
        }
        return downscaledOpaque(
            image, width: width, height: height, yEdges: yEdges, tallest: tallest, columnSum: UInt32.self)
    }

    /// The body of `downscaledOpaque`, with column sums of type `Sum` (wide enough for the tallest block).
    ///
    /// Per destination row: the source rows of its blocks are summed column by column (all four bytes of each
    /// pixel, one straight loop the compiler vectorises; the first row is copied, not added to zeros), then each
    /// block's columns. The per-block work thus happens once per destination row instead of once per source
    /// row, and its three divisions are multiplications by a reciprocal (`ExactDivision`).
    @inline(__always)
    private static func downscaledOpaque<Sum: FixedWidthInteger & UnsignedInteger>(
        _ image: Pixmap, width: Int, height: Int, yEdges: [Int], tallest: Int, columnSum: Sum.Type
    ) -> Pixmap? {
        let sw = image.width
        let xEdges = (0...width).map { $0 * sw / width }
        let rowBytes = sw * 4
        var columnSums = [Sum](repeating: 0, count: rowBytes)
        let widest = (0..<width).lazy.map { xEdges[$0 + 1] - xEdges[$0] }.max() ?? 1
        let division = ExactDivision(upTo: widest * tallest)
        // Any bit set: some block's alpha sum was not 255·n.
        var translucent: UInt32 = 0
        let small = Pixmap(width: width, height: height) { out in
            image.pixels.withUnsafeBufferPointer { src in
                xEdges.withUnsafeBufferPointer { xs in
                    columnSums.withUnsafeMutableBufferPointer { columns in
                        for dy in 0..<height {
                            let y0 = yEdges[dy]
                            let y1 = yEdges[dy + 1]
                            let first = y0 &* rowBytes
                            for j in 0..<rowBytes { columns[j] = Sum(truncatingIfNeeded: src[first &+ j]) }
                            for sy in (y0 + 1)..<y1 {
                                let row = sy &* rowBytes
                                for j in 0..<rowBytes { columns[j] &+= Sum(truncatingIfNeeded: src[row &+ j]) }
                            }
                            let rows = y1 - y0
                            var p = dy &* width &* 4
                            for dx in 0..<width {
                                var r: UInt32 = 0
                                var g: UInt32 = 0
                                var b: UInt32 = 0
                                var a: UInt32 = 0
                                var c = xs[dx] &* 4
                                for _ in xs[dx]..<xs[dx + 1] {
                                    r &+= UInt32(truncatingIfNeeded: columns[c])
                                    g &+= UInt32(truncatingIfNeeded: columns[c &+ 1])
                                    b &+= UInt32(truncatingIfNeeded: columns[c &+ 2])
                                    a &+= UInt32(truncatingIfNeeded: columns[c &+ 3])
                                    c &+= 4
                                }
                                let count = (xs[dx + 1] &- xs[dx]) &* rows
                                translucent |= a ^ (255 &* UInt32(truncatingIfNeeded: count))
                                out[p] = division.roundedMean(sum: r, count: count)
                                out[p &+ 1] = division.roundedMean(sum: g, count: count)
                                out[p &+ 2] = division.roundedMean(sum: b, count: count)
                                out[p &+ 3] = 255
                                p &+= 4
                            }
                            if translucent != 0 { break }
                        }
                    }
                }
            }
        }
        return translucent == 0 ? small : nil
    }

    /// ⌊(sum + ⌊count/2⌋) / count⌋ for sums of at most 255·count, as a multiplication where it is exact.
    ///
    /// With m = ⌈2³²/c⌉ and e = m·c − 2³² (0 ≤ e < c), x·m/2³² = ⌊x/c⌋ + r/c + x·e/(c·2³²) for x = ⌊x/c⌋·c + r;
    /// the floor is ⌊x/c⌋ whenever x·e < 2³², which holds for every x < 256·c once c ≤ 4096 (256·c² ≤ 2³²). A
    /// division costs 10–20 times a multiplication, and the thumbnail took three per pixel. Larger blocks (a huge
    /// image down to a thumbnail) divide.
    struct ExactDivision {
        /// The largest count with a reciprocal.
        static let limit = 4096
        /// m for each count 0…min(largest, limit) (index 0 unused).
        private let reciprocals: [UInt64]

        /// Reciprocals for counts up to `largest` (at most `limit`).
        init(upTo largest: Int) {
            let n = Swift.min(Swift.max(largest, 1), Self.limit)
            reciprocals = (0...n).map { c in c == 0 ? 0 : ((1 << 32) + UInt64(c) - 1) / UInt64(c) }
        }

        /// The rounded mean of `count` bytes summing to `sum` (`count` ≥ 1, `sum` ≤ 255·count).
        @inline(__always)
        func roundedMean(sum: UInt32, count: Int) -> UInt8 {
            let x = sum &+ UInt32(truncatingIfNeeded: count / 2)
            if count < reciprocals.count {
                return UInt8(truncatingIfNeeded: (UInt64(x) &* reciprocals[count]) >> 32)
            }
            return UInt8(truncatingIfNeeded: x / UInt32(truncatingIfNeeded: count))
        }
    }

    /// `downscaled` for any image: colours weighted by alpha, 64-bit sums.
    static func downscaledWeighted(_ image: Pixmap, width: Int, height: Int) -> Pixmap {
        let sw = image.width
        let sh = image.height
        let xEdges = (0...width).map { $0 * sw / width }
        let yEdges = (0...height).map { $0 * sh / height }
        var sums = [UInt64](repeating: 0, count: width * 4)
        return Pixmap(width: width, height: height) { out in
            image.pixels.withUnsafeBufferPointer { src in
                xEdges.withUnsafeBufferPointer { xs in
                    sums.withUnsafeMutableBufferPointer { acc in
                        for dy in 0..<height {
                            for i in 0..<acc.count { acc[i] = 0 }
                            let y0 = yEdges[dy]
                            let y1 = yEdges[dy + 1]
                            for sy in y0..<y1 {
                                var s = sy * sw * 4
                                for dx in 0..<width {
                                    var r: UInt64 = 0
                                    var g: UInt64 = 0
                                    var b: UInt64 = 0
                                    var a: UInt64 = 0
                                    for _ in xs[dx]..<xs[dx + 1] {
                                        let alpha = UInt64(src[s + 3])
                                        r &+= UInt64(src[s]) &* alpha
                                        g &+= UInt64(src[s + 1]) &* alpha
                                        b &+= UInt64(src[s + 2]) &* alpha
                                        a &+= alpha
                                        s &+= 4
                                    }
                                    let o = dx * 4
                                    acc[o] &+= r
                                    acc[o + 1] &+= g
                                    acc[o + 2] &+= b
                                    acc[o + 3] &+= a
                                }
                            }
                            let rowOut = dy * width * 4
                            for dx in 0..<width {
                                let o = dx * 4
                                let count = UInt64((xs[dx + 1] - xs[dx]) * (y1 - y0))
                                let alphaSum = acc[o + 3]
                                let p = rowOut + o
                                if alphaSum == 0 {
                                    out[p] = 0
                                    out[p + 1] = 0
                                    out[p + 2] = 0
                                    out[p + 3] = 0
                                    continue
                                }
                                let half = alphaSum / 2
                                out[p] = UInt8(truncatingIfNeeded: (acc[o] + half) / alphaSum)
                                out[p + 1] = UInt8(truncatingIfNeeded: (acc[o + 1] + half) / alphaSum)
                                out[p + 2] = UInt8(truncatingIfNeeded: (acc[o + 2] + half) / alphaSum)
                                out[p + 3] = UInt8(truncatingIfNeeded: (alphaSum + count / 2) / count)
                            }
                        }
                    }
                }
            }
        }
    }
}
