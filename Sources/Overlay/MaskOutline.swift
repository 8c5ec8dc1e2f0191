import Raster

/// Opaque contours around labelled regions, drawn just OUTSIDE each region.
///
/// A region is the set of pixels with one label (mask pixels of one type with alpha ≥ 128). The contour of
/// width `r` is every pixel whose label is 0 and whose Euclidean distance (between pixel centres) to the
/// nearest labelled pixel is at most `r`; it takes the colour of that nearest pixel's type (ties: the upper,
/// then the left one). So:
/// - the translucent fill inside a region stays visible, thin cracks included;
/// - a region's own boundary pixels (in the region, with a 4-neighbour outside) are exactly what the
///   contour hugs: the first contour ring is their 4-neighbours outside the region;
/// - contours never cover another type's region; they do cover a region's anti-aliased edge (alpha < 128),
///   unlisted colours and background;
/// - pixels farther than `r` from every labelled pixel are not touched.
///
/// Algorithm: an exact separable distance transform limited to `r`. Pass 1 finds, per row, the nearest
/// labelled pixel to the left or right within `r` (its label and distance `dx`). Pass 2 takes, per pixel,
/// the minimum of `dy² + dx²` over the `2r + 1` rows around it. Pass 1 rows live in a ring of `2r + 1` rows,
/// so the extra memory is `2 · (2r + 1) · width` bytes; 8-byte words of zeros are skipped at a time, so
/// the cost is proportional to the area near regions.
enum MaskOutline {
    /// Draws the contours and returns how many pixels it set.
    ///
    /// - Parameters:
    ///   - labels: one byte per pixel, 0 = no region, else an index into `colors`.
    ///   - rowHasLabels: per row, whether `labels` has any non-zero byte in it (rows without are skipped).
    ///   - colors: per label, the opaque pixel word (RGBA bytes in memory order) to write.
    ///   - r: contour width, 1…255.
    static func draw(
        on photo: inout Pixmap, labels: [UInt8], rowHasLabels: [Bool], colors: UnsafePointer<UInt32>, width r: Int
    ) -> Int {
        let w = photo.width
        let h = photo.height
        guard w > 0, h > 0, r > 0, r < 256 else { return 0 }
        precondition(labels.count == w * h && rowHasLabels.count == h, "label buffer does not match the image")
        let ringRows = 2 * r + 1
        // Ring rows: nearest label (0 = none within r) and its horizontal distance, per pixel.
        let ringLabel = UnsafeMutablePointer<UInt8>.allocate(capacity: ringRows * w)
        ringLabel.initialize(repeating: 0, count: ringRows * w)
        defer { ringLabel.deallocate() }
        let ringDistance = UnsafeMutablePointer<UInt8>.allocate(capacity: ringRows * w)
        ringDistance.initialize(repeating: 0, count: ringRows * w)
        defer { ringDistance.deallocate() }
        let slotUsed = UnsafeMutablePointer<Bool>.allocate(capacity: ringRows)
        slotUsed.initialize(repeating: false, count: ringRows)
        defer { slotUsed.deallocate() }
        // The non-empty ring rows around the output row, with their squared vertical distance.
        let candLabel = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>.allocate(capacity: ringRows)
        defer { candLabel.deallocate() }
        let candDistance = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>.allocate(capacity: ringRows)
        defer { candDistance.deallocate() }
        let candDy2 = UnsafeMutablePointer<Int>.allocate(capacity: ringRows)
        defer { candDy2.deallocate() }

        let r2 = r * r
        var outlined = 0
        photo.withUnsafeMutableBytes { dst in
            labels.withUnsafeBufferPointer { lab in
                rowHasLabels.withUnsafeBufferPointer { rowHas in
                    guard let out = dst.baseAddress, let L = lab.baseAddress else { return }
                    // Row y enters the ring; row y - r, whose neighbourhood is then complete, is drawn.
                    for y in 0..<(h + r) {
                        if y < h {
                            let slot = y % ringRows
                            let hl = ringLabel + slot * w
                            if slotUsed[slot] {
                                hl.update(repeating: 0, count: w)
                                slotUsed[slot] = false
                            }
                            if rowHas[y] {
                                nearestInRow(L + y * w, label: hl, distance: ringDistance + slot * w, width: w, r: r)
                                slotUsed[slot] = true
                            }
                        }
                        let yo = y - r
                        if yo < 0 { continue }
                        var n = 0
                        for yr in max(0, yo - r)...min(h - 1, yo + r) {
                            let slot = yr % ringRows
                            guard slotUsed[slot] else { continue }
                            candLabel[n] = ringLabel + slot * w
                            candDistance[n] = ringDistance + slot * w
                            candDy2[n] = (yr - yo) * (yr - yo)
                            n += 1
                        }
                        if n == 0 { continue }
                        let own = L + yo * w
                        let row = out + yo * w * 4
                        var x = 0
                        while x < w {
                            if x + 8 <= w {
                                // Eight pixels inside regions: nothing to draw (no byte of the word is 0).
                                let inside = UnsafeRawPointer(own + x).loadUnaligned(as: UInt64.self)
                                if (inside &- 0x0101_0101_0101_0101) & ~inside & 0x8080_8080_8080_8080 == 0 {
                                    x += 8
                                    continue
                                }
                                var any: UInt64 = 0
                                for c in 0..<n {
                                    any |= UnsafeRawPointer(candLabel[c] + x).loadUnaligned(as: UInt64.self)
                                }
                                if any == 0 {
                                    x += 8
                                    continue
                                }
                            }
                            let end = min(x + 8, w)
                            while x < end {
                                if own[x] == 0 {
                                    var best = r2 + 1
                                    var bestLabel: UInt8 = 0
                                    for c in 0..<n {
                                        let l = candLabel[c][x]
                                        if l != 0 {
                                            let dx = Int(candDistance[c][x])
                                            let dd = candDy2[c] + dx * dx
                                            if dd < best {
                                                best = dd
                                                bestLabel = l
                                            }
                                        }
                                    }
                                    if bestLabel != 0 {
                                        row.storeBytes(of: colors[Int(bestLabel)], toByteOffset: x * 4, as: UInt32.self)
                                        outlined += 1
                                    }
                                }
                                x += 1
                            }
                        }
                    }
                }
            }
        }
        return outlined
    }

    /// Pass 1 for one row: for each pixel, the nearest labelled pixel of the row within `r` (label, |dx|).
    /// `label` must be all zero on entry; `distance` is written wherever `label` becomes non-zero.
    /// Ties go to the left.
    private static func nearestInRow(
        _ src: UnsafePointer<UInt8>, label: UnsafeMutablePointer<UInt8>, distance: UnsafeMutablePointer<UInt8>,
        width w: Int, r: Int
    ) {
        var gapStart = 0  // first pixel after the previous run
        var previous: UInt8 = 0  // label of the previous run, 0 before the first
        while true {
            var s = gapStart
            while s + 8 <= w && UnsafeRawPointer(src + s).loadUnaligned(as: UInt64.self) == 0 { s += 8 }
            while s < w && src[s] == 0 { s += 1 }
            if previous != 0 {  // reach of the previous run to the right
                var g = gapStart
                let stop = min(s, gapStart + r)
                while g < stop {
                    label[g] = previous
                    distance[g] = UInt8(truncatingIfNeeded: g - gapStart + 1)
                    g += 1
                }
            }
            if s == w { return }
            let current = src[s]
            var e = s + 1
            while e < w && src[e] == current { e += 1 }
            var g = max(gapStart, s - r)  // reach of this run to the left, where nearer than the previous run
            while g < s {
                let dx = UInt8(truncatingIfNeeded: s - g)
                if label[g] == 0 || dx < distance[g] {
                    label[g] = current
                    distance[g] = dx
                }
                g += 1
            }
            (label + s).update(repeating: current, count: e - s)
            (distance + s).update(repeating: 0, count: e - s)
            gapStart = e
            previous = current
        }
    }
}
