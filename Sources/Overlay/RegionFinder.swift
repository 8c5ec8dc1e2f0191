import Raster

/// Connected regions of the compositor's label buffer, found from its runs — no second pass over the pixels.
///
/// Only rows the fill pass marked as holding labels are read, each once, as runs of one label; a run joins the
/// runs of the row above with the same label that touch it (8-connected: overlapping or diagonal), through
/// union-find over run indices, walking both rows' runs left to right. The work is proportional to the labelled
/// rows, not the image, and memory to the runs — capped, because a noisy mask can have millions.
enum RegionFinder {
    /// More runs than this (a noisy, e.g. JPEG-compressed, mask) and no regions are reported: 1 Mi runs keep
    /// the buffers near 16 MB.
    static let maxRuns = 1 << 20

    /// One horizontal run of a label (32-bit fields: 16 bytes a run).
    struct Run {
        var y: Int32
        var x0: Int32
        /// One past the last pixel.
        var x1: Int32
        var label: UInt8
    }

    /// The regions of `labels` (0 = none, k = type k - 1), largest first, ties in reading order, and the runs as
    /// a coverage map; nil when the mask has more than `maxRuns` runs.
    static func regions(labels: [UInt8], rowHasLabels: [Bool], width: Int, height: Int) -> (
        regions: [MaskRegion], coverage: MaskCoverage
    )? {
        var runs: [Run] = []
        var parent: [Int32] = []
        func root(_ i: Int) -> Int {
            var i = i
            while Int(parent[i]) != i {
                parent[i] = parent[Int(parent[i])]
                i = Int(parent[i])
            }
            return i
        }
        var previousRow = 0..<0  // the runs of row y - 1 (empty when it had none)
        var overflow = false
        labels.withUnsafeBufferPointer { lab in
            for y in 0..<height {
                guard rowHasLabels[y] else {
                    previousRow = 0..<0
                    continue
                }
                let row = y * width
                let first = runs.count
                var above = previousRow.lowerBound
                var x = 0
                while x < width {
                    let label = lab[row + x]
                    if label == 0 {
                        x += 1
                        continue
                    }
                    var end = x + 1
                    while end < width && lab[row + end] == label { end += 1 }
                    if runs.count == maxRuns {
                        overflow = true
                        return
                    }
                    let index = runs.count
                    runs.append(Run(y: Int32(y), x0: Int32(x), x1: Int32(end), label: label))
                    parent.append(Int32(index))
                    // Runs above that end before x - 1 touch neither this run nor any later one.
                    while above < previousRow.upperBound && Int(runs[above].x1) < x { above += 1 }
                    var q = above
                    while q < previousRow.upperBound && Int(runs[q].x0) <= end {
                        if runs[q].label == label {
                            let a = root(q)
                            let b = root(index)
                            if a != b { parent[max(a, b)] = Int32(min(a, b)) }
                        }
                        q += 1
                    }
                    x = end
                }
                previousRow = first..<runs.count
            }
        }
        if overflow { return nil }
        // Each root's bounds and pixel count, regions in order of their first run (reading order).
        var slot = [Int32](repeating: -1, count: runs.count)
        var regions: [MaskRegion] = []
        var maxX: [Int] = []
        var maxY: [Int] = []
        for i in runs.indices {
            let r = root(i)
            let run = runs[i]
            let (x0, x1, y) = (Int(run.x0), Int(run.x1), Int(run.y))
            if slot[r] < 0 {
                slot[r] = Int32(regions.count)
                regions.append(
                    MaskRegion(typeIndex: Int(run.label) - 1, bounds: Rect(x: x0, y: y, width: 0, height: 0), pixels: 0)
                )
                maxX.append(x1)
                maxY.append(y + 1)
            }
            let k = Int(slot[r])
            regions[k].pixels += x1 - x0
            regions[k].bounds.x = min(regions[k].bounds.x, x0)
            maxX[k] = max(maxX[k], x1)
            maxY[k] = max(maxY[k], y + 1)
        }
        for k in regions.indices {
            regions[k].bounds.width = maxX[k] - regions[k].bounds.x
            regions[k].bounds.height = maxY[k] - regions[k].bounds.y
        }
        let order = regions.indices.sorted {
            regions[$0].pixels != regions[$1].pixels ? regions[$0].pixels > regions[$1].pixels : $0 < $1
        }
        var coverage = MaskCoverage()
        for run in runs { coverage.append(y: Int(run.y), x0: Int(run.x0), x1: Int(run.x1)) }
        return (order.map { regions[$0] }, coverage)
    }
}
