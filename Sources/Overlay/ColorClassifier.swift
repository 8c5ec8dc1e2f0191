/// Maps a mask pixel's packed RGB to a label: 0 = background, 1…n = anomaly type n-1, `unlisted` = no entry.
///
/// Called once per run of equal mask colours (the compositor caches the last answer), so a linear scan over
/// the few candidates is cheaper than any table build. The background is candidate 0, so it wins exact
/// duplicates and ties; among types, the earlier one wins.
struct ColorClassifier {
    static let background: UInt8 = 0
    static let unlisted: UInt8 = 255

    /// Packed 24-bit RGB (`r | g << 8 | b << 16`, as `Color.packed` without alpha) of each candidate.
    private let rgb: [UInt32]
    private let labels: [UInt8]
    private let tolerance: UInt32

    /// `background` and `types` are packed 24-bit RGB values; `tolerance` is the largest channel difference.
    init(background: UInt32, types: [UInt32], tolerance: Int) {
        rgb = [background] + types
        labels = [ColorClassifier.background] + types.indices.map { UInt8($0 + 1) }
        self.tolerance = UInt32(tolerance)
    }

    func label(for color: UInt32) -> UInt8 {
        if tolerance == 0 {
            for k in rgb.indices where rgb[k] == color { return labels[k] }
            return ColorClassifier.unlisted
        }
        var best = ColorClassifier.unlisted
        var bestDistance = tolerance + 1
        for k in rgb.indices {
            let d = ColorClassifier.distance(rgb[k], color)
            if d < bestDistance {
                bestDistance = d
                best = labels[k]
            }
        }
        return best
    }

    /// The largest per-channel difference (Chebyshev distance), the measure `colorTolerance` bounds.
    static func distance(_ a: UInt32, _ b: UInt32) -> UInt32 {
        func channel(_ shift: UInt32) -> UInt32 {
            let x = Int32((a >> shift) & 0xFF) - Int32((b >> shift) & 0xFF)
            return x.magnitude
        }
        return max(channel(0), channel(8), channel(16))
    }
}
