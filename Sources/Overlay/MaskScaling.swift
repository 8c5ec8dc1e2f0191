import Raster

extension Pixmap {
    /// This image resized to `width`×`height` by nearest-neighbour sampling (for `--fit-mask`).
    ///
    /// Nearest, never interpolated: a mask's colours are labels, and blending two of them would invent a
    /// colour no entry lists. Each destination pixel takes the source pixel under its centre:
    /// `sx = ((2·dx + 1) · sourceWidth) / (2 · width)`, likewise for y, in integers (so scaling by a whole
    /// factor repeats or picks pixels evenly). The same size returns `self`; an empty source gives a
    /// transparent image. Traps on negative sizes, like `Pixmap.init`.
    package func scaledNearest(to width: Int, height: Int) -> Pixmap {
        if width == self.width && height == self.height { return self }
        guard self.width > 0 && self.height > 0 else { return Pixmap(width: width, height: height) }
        let sw = self.width
        let sh = self.height
        // Source column of each destination column, computed once.
        let columns = (0..<width).map { ((2 * $0 + 1) * sw) / (2 * width) }
        return Pixmap(width: width, height: height) { dst in
            pixels.withUnsafeBytes { src in
                columns.withUnsafeBufferPointer { col in
                    guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                    let out = UnsafeMutableRawPointer(d)
                    var previousSource = -1
                    for dy in 0..<height {
                        let sy = ((2 * dy + 1) * sh) / (2 * height)
                        let rowOut = out + dy * width * 4
                        if sy == previousSource {  // enlarging: the row is the one above
                            rowOut.copyMemory(from: rowOut - width * 4, byteCount: width * 4)
                            continue
                        }
                        previousSource = sy
                        let rowIn = s + sy * sw * 4
                        for dx in 0..<width {
                            let word = rowIn.loadUnaligned(fromByteOffset: col[dx] * 4, as: UInt32.self)
                            rowOut.storeBytes(of: word, toByteOffset: dx * 4, as: UInt32.self)
                        }
                    }
                }
            }
        }
    }
}
