// An independent, tiny PNG writer for tests: stored (uncompressed) deflate blocks, every colour type,
// bit depth and Adam7 interlacing. It shares no code with libpng, so decoding what it writes checks
// the decoder against expectations computed here.

/// CRC-32 (ISO 3309, as PNG uses), bitwise: slow and obviously correct.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
    return c ^ 0xFFFF_FFFF
}

func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for x in bytes {
        a = (a + UInt32(x)) % 65521
        b = (b + a) % 65521
    }
    return b << 16 | a
}

func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return be32(UInt32(data.count)) + body + be32(crc32(body))
}

/// zlib stream of stored blocks.
func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var i = 0
    repeat {
        let n = min(65535, data.count - i)
        let final: UInt8 = i + n == data.count ? 1 : 0
        out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
        out += data[i..<i + n]
        i += n
    } while i < data.count
    return out + be32(adler32(data))
}

/// A PNG described by its samples: `samples[y][x]` holds `channels` values each < 2^bitDepth.
struct TestPNG {
    var width: Int
    var height: Int
    var bitDepth: Int
    /// 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
    var colorType: Int
    var interlaced = false
    var palette: [(UInt8, UInt8, UInt8)] = []
    var trns: [UInt8] = []
    var samples: [[[Int]]]

    var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]! }

    /// Packs one row of pixels (given by x positions) with filter type 0.
    func packRow(y: Int, xs: [Int]) -> [UInt8] {
        var out: [UInt8] = [0]
        var acc = 0
        var nbits = 0
        for x in xs {
            for v in samples[y][x] {
                if bitDepth == 16 {
                    out += [UInt8(v >> 8), UInt8(v & 0xFF)]
                } else if bitDepth == 8 {
                    out.append(UInt8(v))
                } else {
                    acc = acc << bitDepth | v
                    nbits += bitDepth
                    if nbits == 8 {
                        out.append(UInt8(acc))
                        acc = 0
                        nbits = 0
                    }
                }
            }
        }
        if nbits > 0 { out.append(UInt8(acc << (8 - nbits))) }
        return out
    }

    /// When true, row y uses filter type y % 5 (none, sub, up, average, paeth) instead of none.
    var cycleFilters = false

    /// Bytes per complete pixel for filtering (at least 1).
    var filterBPP: Int { max(1, channels * bitDepth / 8) }

    /// Applies PNG filter `type` to `raw` given the previous raw row (all zero for the first).
    func filterRow(_ raw: [UInt8], prior: [UInt8], type: Int) -> [UInt8] {
        let bpp = filterBPP
        var out: [UInt8] = [UInt8(type)]
        for i in 0..<raw.count {
            let a = i >= bpp ? Int(raw[i - bpp]) : 0
            let b = Int(prior[i])
            let c = i >= bpp ? Int(prior[i - bpp]) : 0
            let predictor: Int
            switch type {
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = (a + b) / 2
            case 4:
                let p = a + b - c
                let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
            default: predictor = 0
            }
            out.append(UInt8(truncatingIfNeeded: Int(raw[i]) - predictor))
        }
        return out
    }

    func rawData() -> [UInt8] {
        if !interlaced && cycleFilters {
            var out: [UInt8] = []
            var prior: [UInt8] = []
            for y in 0..<height {
                let raw = Array(packRow(y: y, xs: Array(0..<width)).dropFirst())
                if prior.isEmpty { prior = [UInt8](repeating: 0, count: raw.count) }
                out += filterRow(raw, prior: prior, type: y % 5)
                prior = raw
            }
            return out
        }
        if !interlaced { return (0..<height).flatMap { packRow(y: $0, xs: Array(0..<width)) } }
        // Adam7: (x0, y0, dx, dy) per pass.
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        var out: [UInt8] = []
        for (x0, y0, dx, dy) in passes {
            let xs = Array(stride(from: x0, to: width, by: dx))
            if xs.isEmpty { continue }
            for y in stride(from: y0, to: height, by: dy) { out += packRow(y: y, xs: xs) }
        }
        return out
    }

    func bytes() -> [UInt8] {
        var ihdr = be32(UInt32(width)) + be32(UInt32(height))
        ihdr += [UInt8(bitDepth), UInt8(colorType), 0, 0, interlaced ? 1 : 0]
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", ihdr)
        if colorType == 3 { out += chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if !trns.isEmpty { out += chunk("tRNS", trns) }
        out += chunk("IDAT", zlibStored(rawData()))
        out += chunk("IEND", [])
        return out
    }

    /// The RGBA8 pixels a correct decoder must produce, computed from the samples.
    func expectedRGBA() -> [UInt8] {
        func to8(_ v: Int) -> UInt8 {
            switch bitDepth {
            case 16: return UInt8((Double(v) * 255 / 65535).rounded())
            case 8: return UInt8(v)
            default: return UInt8(v * 255 / ((1 << bitDepth) - 1))
            }
        }
        // Grey/RGB tRNS: one sample value (per channel) is transparent.
        func trnsKey() -> [Int]? {
            guard !trns.isEmpty, colorType == 0 || colorType == 2 else { return nil }
            return stride(from: 0, to: trns.count, by: 2).map { Int(trns[$0]) << 8 | Int(trns[$0 + 1]) }
        }
        let key = trnsKey()
        var out: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let s = samples[y][x]
                switch colorType {
                case 0:
                    let g = to8(s[0])
                    out += [g, g, g, key == s ? 0 : 255]
                case 2: out += [to8(s[0]), to8(s[1]), to8(s[2]), key == s ? 0 : 255]
                case 3:
                    let p = palette[s[0]]
                    out += [p.0, p.1, p.2, s[0] < trns.count ? trns[s[0]] : 255]
                case 4:
                    let g = to8(s[0])
                    out += [g, g, g, to8(s[1])]
                default: out += s.map(to8)
                }
            }
        }
        return out
    }
}

/// Deterministic pseudo-random numbers (SplitMix64) so fixtures are the same every run.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
