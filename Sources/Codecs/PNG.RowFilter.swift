import CAnomarkShim
import Raster

extension PNG {
    /// Turns RGBA8 pixmap rows into PNG scanlines: one filter-type byte, then the filtered samples
    /// (RGB or RGBA, 8 bits), as the libdeflate encoder compresses them.
    ///
    /// `.adaptive` scores all five filters on each row, in one pass, and writes the one with the
    /// smallest sum of absolute values (filtered bytes read as signed): libpng's heuristic, and a good
    /// predictor of what deflate will make of the row. Ties go to the lower filter type.
    ///
    /// The scoring is C (`anomark_png_best_filter`: SSE2 sums 16 bytes per instruction, AVX2 32 where the CPU
    /// has it, which Swift cannot express); the filters themselves run straight over the row with wrapping
    /// integer arithmetic and selects instead of branches, so the compiler vectorises them; encoding has no
    /// loop-carried dependency (filters read the *raw* left neighbour). Each band is filtered by whoever
    /// compresses it: an instance is a value, and its scratch rows live only for one `filter(…)` call.
    struct RowFilter {
        /// Which filter every row gets, or `.adaptive` for the per-row choice.
        let filter: Filter
        /// Bytes per pixel in the output: 3 (RGB) or 4 (RGBA).
        let channels: Int
        /// Pixels per row.
        let width: Int

        /// Sample bytes per scanline, without the filter-type byte.
        var rowBytes: Int { width &* channels }
        /// Bytes per filtered scanline: filter-type byte plus samples.
        var scanlineBytes: Int { rowBytes &+ 1 }

        /// Writes the scanlines for `rows` of `image` to `out`, which holds
        /// `rows.count * scanlineBytes` bytes. Row `rows.lowerBound - 1` (if any) is the prior row of
        /// the first one, exactly as for a whole-image pass, so bands filtered separately join up.
        /// Returns, for `.adaptive`, the sum over the rows of the chosen filter's score (the least sum of
        /// |filtered byte as Int8|), which says how predictable the rows are; `nil` for a fixed filter.
        @discardableResult
        func filter(_ image: Pixmap, rows: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>) -> UInt64? {
            precondition(out.count >= rows.count * scanlineBytes, "scanline buffer too small")
            precondition(channels == 3 || channels == 4, "PNG rows are RGB or RGBA")
            let n = rowBytes
            // Scratch: a zero prior row for the first image row, and two RGB rows (current, prior).
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: n * 3)
            defer { scratch.deallocate() }
            scratch.initialize(repeating: 0, count: n * 3)
            let zero = UnsafePointer(scratch)
            var rgbCurrent = scratch + n
            var rgbPrior = scratch + 2 * n
            var score: UInt64 = 0

            image.pixels.withUnsafeBufferPointer { pixels in
                let rgba = pixels.baseAddress!
                let stride = width * 4
                var prior: UnsafePointer<UInt8> = zero
                if rows.lowerBound > 0 {
                    if channels == 4 {
                        prior = rgba + (rows.lowerBound - 1) * stride
                    } else {
                        Self.rgb(from: rgba + (rows.lowerBound - 1) * stride, to: rgbPrior, pixels: width)
                        prior = UnsafePointer(rgbPrior)
                    }
                }
                var dst = out.baseAddress!
                for y in rows {
                    let raw: UnsafePointer<UInt8>
                    if channels == 4 {
                        raw = rgba + y * stride
                    } else {
                        Self.rgb(from: rgba + y * stride, to: rgbCurrent, pixels: width)
                        raw = UnsafePointer(rgbCurrent)
                    }
                    score &+= UInt64(filterRow(raw: raw, prior: prior, into: dst))
                    dst += n + 1
                    prior = raw
                    if channels == 3 { swap(&rgbCurrent, &rgbPrior) }
                }
            }
            return filter == .adaptive ? score : nil
        }

        /// One scanline: type byte at `out[0]`, samples after it. Returns the chosen filter's score for
        /// `.adaptive`, 0 otherwise.
        private func filterRow(
            raw: UnsafePointer<UInt8>, prior: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>
        ) -> UInt32 {
            let type: UInt8
            var score: UInt32 = 0
            switch filter {
            case .none: type = 0
            case .sub: type = 1
            case .up: type = 2
            case .average: type = 3
            case .paeth: type = 4
            case .adaptive: (type, score) = Self.bestType(raw, prior, rowBytes, channels)
            }
            out[0] = type
            Self.apply(type, raw, prior, out + 1, rowBytes, channels)
            return score
        }

        /// Writes filter `type` (0…4) of row `raw` (above it: `prior`) to `out`.
        private static func apply(
            _ type: UInt8, _ raw: UnsafePointer<UInt8>, _ prior: UnsafePointer<UInt8>,
            _ out: UnsafeMutablePointer<UInt8>,
            _ n: Int, _ bpp: Int
        ) {
            // The first pixel has no left neighbour: a = c = 0, so sub is a copy, average halves the
            // byte above, and Paeth picks the byte above (b).
            let head = Swift.min(bpp, n)
            switch type {
            case 0:
                out.update(from: raw, count: n)
            case 1:
                for i in 0..<head { out[i] = raw[i] }
                for i in head..<n { out[i] = raw[i] &- raw[i &- bpp] }
            case 2:
                for i in 0..<n { out[i] = raw[i] &- prior[i] }
            case 3:
                for i in 0..<head { out[i] = raw[i] &- (prior[i] >> 1) }
                for i in head..<n { out[i] = raw[i] &- mean(raw[i &- bpp], prior[i]) }
            default:
                for i in 0..<head { out[i] = raw[i] &- prior[i] }
                for i in head..<n { out[i] = raw[i] &- paethPredictor(raw[i &- bpp], prior[i], prior[i &- bpp]) }
            }
        }

        /// The filter type with the smallest sum of |filtered byte as Int8| (lowest type on ties) and that
        /// sum, scoring all five in one pass over the row without storing anything: `anomark_png_best_filter`,
        /// in C for SSE2's byte sums (PSADBW), which took the score's share of a report's CPU samples from 4.9 % to
        /// 3.4 % (`perf`, 2 jobs); AVX2, where the CPU has it, runs 2.7× the SSE2 loop's speed and took a report's
        /// CPU down another 2.3 %.
        private static func bestType(
            _ raw: UnsafePointer<UInt8>, _ prior: UnsafePointer<UInt8>, _ n: Int, _ bpp: Int
        ) -> (type: UInt8, score: UInt32) {
            var score: UInt32 = 0
            let type = anomark_png_best_filter(raw, prior, n, bpp, &score)
            return (UInt8(truncatingIfNeeded: type), score)
        }

        /// floor((a + b) / 2) without overflow.
        @inline(__always)
        private static func mean(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8(truncatingIfNeeded: (UInt16(a) &+ UInt16(b)) >> 1)
        }

        /// PNG's Paeth predictor without branches: the spec's "a if pa ≤ pb and pa ≤ pc, else b if
        /// pb ≤ pc, else c" as two selects on 16-bit distances.
        @inline(__always)
        static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
            let ia = Int16(a)
            let ib = Int16(b)
            let ic = Int16(c)
            let pa = absolute(ib &- ic)
            let pb = absolute(ia &- ic)
            let pc = absolute(ia &+ ib &- ic &- ic)
            let nearAB = pa <= pb ? a : b
            let distanceAB = pa <= pb ? pa : pb
            return distanceAB <= pc ? nearAB : c
        }

        @inline(__always)
        private static func absolute(_ x: Int16) -> Int16 {
            let sign = x >> 15
            return (x ^ sign) &- sign
        }

        /// Drops the alpha byte of each pixel: four pixels (four 32-bit loads, R in the low byte) become three
        /// 32-bit words of RGB instead of twelve byte moves, which the compiler does not vectorise without SSSE3's
        /// byte shuffle (the byte loop was 65 % of `filter`'s samples; this saves 0.9 M instructions per 576×768
        /// image, callgrind).
        private static func rgb(from rgba: UnsafePointer<UInt8>, to rgb: UnsafeMutablePointer<UInt8>, pixels: Int) {
            let source = UnsafeRawPointer(rgba)
            let target = UnsafeMutableRawPointer(rgb)
            var x = 0
            while x &+ 4 <= pixels {
                let p0 = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 &* x, as: UInt32.self))
                let p1 = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 &* x &+ 4, as: UInt32.self))
                let p2 = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 &* x &+ 8, as: UInt32.self))
                let p3 = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 &* x &+ 12, as: UInt32.self))
                let o = 3 &* x
                target.storeBytes(of: ((p0 & 0xFF_FFFF) | p1 << 24).littleEndian, toByteOffset: o, as: UInt32.self)
                target.storeBytes(
                    of: ((p1 >> 8 & 0xFFFF) | p2 << 16).littleEndian, toByteOffset: o &+ 4, as: UInt32.self)
                target.storeBytes(of: ((p2 >> 16 & 0xFF) | p3 << 8).littleEndian, toByteOffset: o &+ 8, as: UInt32.self)
                x &+= 4
            }
            while x < pixels {
                rgb[3 &* x] = rgba[4 &* x]
                rgb[3 &* x &+ 1] = rgba[4 &* x &+ 1]
                rgb[3 &* x &+ 2] = rgba[4 &* x &+ 2]
                x &+= 1
            }
        }
    }
}
