import Raster

/// Counts pixels per 24-bit RGB colour, for the warning about mask colours no entry lists.
///
/// A fixed open-addressing table instead of a `Dictionary`: it is fed once per RUN of equal pixels (not per
/// pixel), never reallocates, and stays bounded on a noisy mask (a JPEG-compressed mask can hold millions of
/// colours). Once `maxColors` distinct colours are known, further new colours still add to `total` but are
/// not told apart, so `top` is exact only for masks with fewer colours than that.
struct ColorTally {
    static let slotBits = 14
    static let maxColors = 1 << (slotBits - 1)  // at most half full, so probes stay short

    /// `rgb | 1 << 24` per used slot, 0 for a free one.
    private var keys = [UInt32](repeating: 0, count: 1 << slotBits)
    private var counts = [Int](repeating: 0, count: 1 << slotBits)
    /// Slot of each colour in first-seen order (for stable ties).
    private var order: [Int] = []
    /// Every pixel added, including colours past `maxColors`.
    private(set) var total = 0

    mutating func add(_ rgb: UInt32, count: Int) {
        guard count > 0 else { return }
        total += count
        let mask = (1 << ColorTally.slotBits) - 1
        let key = rgb & 0xFF_FFFF | 1 << 24
        // Fibonacci hashing: the top bits of the product spread neighbouring colours apart.
        var slot = Int((key &* 0x9E37_79B1) >> UInt32(32 - ColorTally.slotBits))
        while true {
            let k = keys[slot]
            if k == key {
                counts[slot] += count
                return
            }
            if k == 0 {
                guard order.count < ColorTally.maxColors else { return }
                keys[slot] = key
                counts[slot] = count
                order.append(slot)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The `limit` most frequent colours (opaque), most frequent first; ties in first-seen order.
    func top(_ limit: Int) -> [(color: Color, count: Int)] {
        let ranked = order.enumerated().sorted { a, b in
            let ca = counts[a.element]
            let cb = counts[b.element]
            return ca != cb ? ca > cb : a.offset < b.offset
        }
        return ranked.prefix(limit).map { entry in
            let k = keys[entry.element]
            let color = Color(
                r: UInt8(truncatingIfNeeded: k), g: UInt8(truncatingIfNeeded: k >> 8),
                b: UInt8(truncatingIfNeeded: k >> 16))
            return (color: color, count: counts[entry.element])
        }
    }
}
