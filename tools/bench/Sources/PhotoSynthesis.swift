import Raster

/// Makes a large photo-like image from a small photo: bilinear upscaling plus mild noise.
///
/// Upscaling alone gives smooth gradients that compress far better than a real 4096×4096 photo; the noise
/// (±3 per channel, a fixed xorshift sequence, so the output is the same on every machine) restores
/// realistic entropy for the JPEG and PNG codecs.
enum PhotoSynthesis {
    static func upscaled(_ source: Pixmap, width: Int, height: Int, noise: Bool = true) -> Pixmap {
        // Sample positions in 24.8 fixed point, pixel centres aligned, clamped to the source.
        func positions(_ count: Int, _ sourceCount: Int) -> (index: [Int], weight: [Int]) {
            var index = [Int](repeating: 0, count: count)
            var weight = [Int](repeating: 0, count: count)
            for i in 0..<count {
                let p = ((2 * i + 1) * sourceCount * 256) / (2 * count) - 128
                let clamped = min(max(p, 0), (sourceCount - 1) * 256)
                index[i] = min(clamped >> 8, sourceCount - 2 < 0 ? 0 : sourceCount - 2)
                weight[i] = clamped - index[i] * 256
            }
            return (index, weight)
        }
        let xs = positions(width, source.width)
        let ys = positions(height, source.height)
        let sw = source.width
        let step = source.width > 1 ? 4 : 0
        let rowStep = source.height > 1 ? sw * 4 : 0
        var state: UInt32 = 0x9E37_79B9
        return Pixmap(width: width, height: height) { dst in
            source.pixels.withUnsafeBufferPointer { src in
                for y in 0..<height {
                    let y0 = ys.index[y]
                    let fy = ys.weight[y]
                    for x in 0..<width {
                        let x0 = xs.index[x]
                        let fx = xs.weight[x]
                        let i = (y0 * sw + x0) * 4
                        let o = (y * width + x) * 4
                        state ^= state << 13
                        state ^= state >> 17
                        state ^= state << 5
                        for c in 0..<3 {
                            let top = Int(src[i + c]) * (256 - fx) + Int(src[i + c + step]) * fx
                            let bottom = Int(src[i + c + rowStep]) * (256 - fx) + Int(src[i + c + rowStep + step]) * fx
                            var v = (top * (256 - fy) + bottom * fy + 32768) >> 16
                            if noise { v += Int((state >> UInt32(8 * c)) % 7) - 3 }
                            dst[o + c] = UInt8(min(max(v, 0), 255))
                        }
                        dst[o + 3] = 255
                    }
                }
            }
        }
    }
}
