import AnomarkKit
import Raster

/// Downscaling for report thumbnails and contact-sheet cells: an area average (box filter).
///
/// Each destination pixel averages the block of source pixels that maps onto it; block edges are the integer
/// positions `d · source / destination`, so every source pixel counts exactly once and no pixel is
/// interpolated (no ringing, text edges stay clean). Colours are averaged weighted by alpha (straight alpha in,
/// straight alpha out), so transparent pixels do not darken their neighbours. One pass over the source with a
/// row of 64-bit accumulators; no allocation per pixel.
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
        let sw = image.width
        let sh = image.height
        precondition(width >= 1 && height >= 1 && width <= sw && height <= sh, "downscale only")
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
