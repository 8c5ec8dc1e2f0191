import Raster

/// One byte per pixel, non-zero inside an ignore region: overlapping regions count once and the hot
/// loop tests a byte instead of walking a list of rectangles.
struct IgnoreMask {
    /// Row length in pixels.
    let width: Int
    /// 1 for ignored pixels, 0 elsewhere; `width × height` bytes.
    private(set) var bytes: [UInt8]
    /// Number of ignored pixels.
    private(set) var count = 0

    /// The mask of `regions` clipped to `width` × `height`; nil when they cover no pixel.
    init?(regions: [Rect], width: Int, height: Int) {
        let bounds = Rect(x: 0, y: 0, width: width, height: height)
        let clipped = regions.map { $0.intersection(bounds) }.filter { !$0.isEmpty }
        guard !clipped.isEmpty else { return nil }
        self.width = width
        bytes = [UInt8](repeating: 0, count: width * height)
        var count = 0
        bytes.withUnsafeMutableBufferPointer { m in
            for r in clipped {
                for y in r.minY..<r.maxY {
                    let row = y * width
                    for x in r.minX..<r.maxX where m[row + x] == 0 {
                        m[row + x] = 1
                        count += 1
                    }
                }
            }
        }
        self.count = count
    }
}
