import Raster

/// Where a mask's anomaly pixels are (alpha ≥ 128, any type), as the runs the compositor's region finder read:
/// answers "how many anomaly pixels lie under this rectangle" without touching the pixels again.
public struct MaskCoverage: Sendable, Equatable {
    /// Rows, starts and ends (one past) of the runs, in reading order.
    var ys: [Int32] = []
    var x0s: [Int32] = []
    var x1s: [Int32] = []

    /// No anomaly pixels.
    public init() {}

    /// Appends a run; runs must come in reading order.
    mutating func append(y: Int, x0: Int, x1: Int) {
        ys.append(Int32(y))
        x0s.append(Int32(x0))
        x1s.append(Int32(x1))
    }

    /// The anomaly pixels inside `rect` (mask coordinates).
    public func pixels(in rect: Rect) -> Int {
        guard !rect.isEmpty else { return 0 }
        // First run on or below the rectangle's top row.
        var low = 0
        var high = ys.count
        while low < high {
            let mid = (low + high) / 2
            if Int(ys[mid]) < rect.minY { low = mid + 1 } else { high = mid }
        }
        var count = 0
        var i = low
        while i < ys.count && Int(ys[i]) < rect.maxY {
            let start = max(Int(x0s[i]), rect.minX)
            let end = min(Int(x1s[i]), rect.maxX)
            if end > start { count += end - start }
            i += 1
        }
        return count
    }
}
