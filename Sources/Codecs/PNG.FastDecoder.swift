import CLibDeflate
import Raster

extension PNG {
    /// A fast path for the PNGs Anomark reads most: masks, photos and goldens that are non-interlaced, 8 bits per
    /// sample, RGB, RGBA, palette (with `tRNS`) or grey. libpng inflates with zlib at ~300 MB/s; libdeflate inflates the whole
    /// image data at several times that, and RGBA rows are unfiltered in place in the final pixel buffer, so a
    /// 4096² RGBA mask decodes in well under half libpng's time with no extra buffer.
    ///
    /// It is strictly an accelerator: anything it does not handle, or any irregularity at all — a bad CRC, a
    /// truncated or unusual chunk sequence, corrupt image data — returns nil, and `PNG.decode` hands the file to
    /// libpng, which produces the same pixels or the proper error message.
    enum FastDecoder {
        static func decode(_ bytes: [UInt8], header: Header) -> Pixmap? {
            guard header.bitDepth == 8, !header.interlaced, [0, 2, 3, 6].contains(header.colorType) else { return nil }
            return bytes.withUnsafeBufferPointer { decode($0, header: header) }
        }

        private static func decode(_ file: UnsafeBufferPointer<UInt8>, header: Header) -> Pixmap? {
            guard let chunks = Chunks(file) else { return nil }
            let width = header.width
            let height = header.height
            let channels = header.colorType == 6 ? 4 : header.colorType == 2 ? 3 : 1
            let rowBytes = width * channels
            let filteredCount = height * (rowBytes + 1)

            // The palette (colour type 3) or the grey key (colour type 0) as RGBA words.
            var palette = [UInt32](repeating: 0xFF00_0000, count: 256)
            var greyKey: Int?
            if header.colorType == 3 {
                guard let plte = chunks.palette, !plte.isEmpty, plte.count % 3 == 0, plte.count / 3 <= 256 else {
                    return nil
                }
                let trns = chunks.transparency ?? []
                guard trns.count <= plte.count / 3 else { return nil }
                for i in 0..<(plte.count / 3) {
                    let a = i < trns.count ? UInt32(trns[i]) : 255
                    palette[i] =
                        UInt32(plte[3 * i]) | UInt32(plte[3 * i + 1]) << 8 | UInt32(plte[3 * i + 2]) << 16 | a << 24
                }
            } else if header.colorType == 0, let trns = chunks.transparency {
                guard trns.count == 2 else { return nil }
                greyKey = Int(trns[0]) << 8 | Int(trns[1])
            } else if header.colorType == 2, chunks.transparency != nil {
                return nil  // an RGB colour key: rare, left to libpng
            }

            guard let inflater = libdeflate_alloc_decompressor() else { return nil }
            defer { libdeflate_free_decompressor(inflater) }
            let pixelBytes = Pixmap.byteCount(width: width, height: height)

            if channels == 4 {
                // RGBA: inflate into the pixel buffer itself (one spare byte per row for the filter types), then
                // unfilter forwards in place: row y moves left by y + 1 bytes, and every byte is read before the
                // write that could overwrite it (destinations are always at or before their sources).
                var ok = false
                let pixels = [UInt8](unsafeUninitializedCapacity: filteredCount) { buffer, count in
                    count = 0
                    guard inflate(inflater, chunks.imageData, into: buffer.baseAddress!, count: filteredCount) else {
                        return
                    }
                    ok = unfilterInPlace(buffer.baseAddress!, width: width, height: height, bpp: 4)
                    count = ok ? pixelBytes : 0
                }
                return ok ? Pixmap(width: width, height: height, pixels: pixels) : nil
            }

            // RGB, palette or grey: inflate the samples beside, unfilter in place, expand to RGBA.
            let filtered = UnsafeMutablePointer<UInt8>.allocate(capacity: filteredCount)
            defer { filtered.deallocate() }
            guard inflate(inflater, chunks.imageData, into: filtered, count: filteredCount),
                unfilterInPlace(filtered, width: width, height: height, bpp: channels)
            else { return nil }
            if channels == 3 {
                return Pixmap(width: width, height: height) { dst in
                    var s = filtered
                    var d = dst.baseAddress!
                    for _ in 0..<(width * height) {
                        d[0] = s[0]
                        d[1] = s[1]
                        d[2] = s[2]
                        d[3] = 255
                        s += 3
                        d += 4
                    }
                }
            }
            if header.colorType == 0 {
                for v in 0..<256 {
                    let g = UInt32(v)
                    palette[v] = g | g << 8 | g << 16 | (greyKey == v ? 0 : 0xFF00_0000)
                }
            }
            return palette.withUnsafeBufferPointer { table in
                Pixmap(width: width, height: height) { dst in
                    dst.withMemoryRebound(to: UInt32.self) { out in
                        for i in 0..<(width * height) { out[i] = table[Int(filtered[i])] }
                    }
                }
            }
        }

        /// Inflates the zlib stream (Adler-32 checked) into exactly `count` bytes.
        private static func inflate(
            _ inflater: OpaquePointer, _ data: [UInt8], into out: UnsafeMutablePointer<UInt8>, count: Int
        ) -> Bool {
            var produced = 0
            let result = data.withUnsafeBufferPointer { input in
                libdeflate_zlib_decompress(inflater, input.baseAddress, input.count, out, count, &produced)
            }
            return result == LIBDEFLATE_SUCCESS && produced == count
        }

        /// Reverses the PNG row filters. Input: `height` rows of `1 + width * bpp` bytes (filter type first);
        /// output: the unfiltered rows packed from the start of the same buffer. False on an unknown filter type.
        static func unfilterInPlace(_ base: UnsafeMutablePointer<UInt8>, width: Int, height: Int, bpp: Int) -> Bool {
            let n = width * bpp
            for y in 0..<height {
                let src = base + y * (n + 1)
                let type = src[0]
                let line = src + 1
                let out = base + y * n
                let prior: UnsafeMutablePointer<UInt8>? = y == 0 ? nil : base + (y - 1) * n
                // `out` may overlap `line` (out ≤ line): each byte is read before it can be overwritten.
                switch type {
                case 0:
                    for i in 0..<n { out[i] = line[i] }  // forwards: out ≤ line, so this is a safe memmove
                case 1:
                    for i in 0..<min(bpp, n) { out[i] = line[i] }
                    var i = bpp
                    while i < n {
                        out[i] = line[i] &+ out[i - bpp]
                        i += 1
                    }
                case 2:
                    if let prior {
                        for i in 0..<n { out[i] = line[i] &+ prior[i] }
                    } else {
                        for i in 0..<n { out[i] = line[i] }
                    }
                case 3:
                    for i in 0..<n {
                        let left = i >= bpp ? UInt16(out[i - bpp]) : 0
                        let up = prior.map { UInt16($0[i]) } ?? 0
                        out[i] = line[i] &+ UInt8(truncatingIfNeeded: (left + up) >> 1)
                    }
                case 4:
                    for i in 0..<n {
                        let a = i >= bpp ? Int16(out[i - bpp]) : 0
                        let b = prior.map { Int16($0[i]) } ?? 0
                        let c = (i >= bpp ? prior.map { Int16($0[i - bpp]) } : nil) ?? 0
                        let p = a + b - c
                        let pa = abs(p - a)
                        let pb = abs(p - b)
                        let pc = abs(p - c)
                        let predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                        out[i] = line[i] &+ UInt8(truncatingIfNeeded: predictor)
                    }
                default:
                    return false
                }
            }
            return true
        }

        /// The chunks the fast path needs, from a well-formed file only: every chunk complete and named by four ASCII
        /// letters, the CRC right for every chunk whose contents matter (the critical ones and tRNS), IHDR first and
        /// once, at most one PLTE and one tRNS, in that order, both before the image data, IDATs consecutive, IEND
        /// last. libpng tolerates more (it drops a tRNS with a bad CRC or out of place, with a warning) and refuses
        /// some of what a lax reader would take (a chunk type that is not letters), so anything else is left to it:
        /// the fast path must never decode a file that libpng refuses or decodes to other pixels.
        struct Chunks {
            var imageData: [UInt8] = []
            var palette: [UInt8]?
            var transparency: [UInt8]?

            init?(_ file: UnsafeBufferPointer<UInt8>) {
                guard file.count >= 8 else { return nil }
                var i = 8
                var sawIEND = false
                var idatState = 0  // 0 before, 1 inside, 2 after the IDAT run
                func isLetter(_ c: UInt8) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }
                func be32(_ o: Int) -> Int {
                    Int(file[o]) << 24 | Int(file[o + 1]) << 16 | Int(file[o + 2]) << 8 | Int(file[o + 3])
                }
                while i + 12 <= file.count {
                    let length = be32(i)
                    guard length <= 0x7FFF_FFFF, i + 12 + length <= file.count else { return nil }
                    let type = (file[i + 4], file[i + 5], file[i + 6], file[i + 7])
                    // libpng refuses a file with a chunk type that is not four ASCII letters, wherever it stands.
                    guard isLetter(type.0), isLetter(type.1), isLetter(type.2), isLetter(type.3) else { return nil }
                    let critical = type.0 & 0x20 == 0
                    let isTransparency = type == (0x74, 0x52, 0x4E, 0x53)
                    let data = UnsafeBufferPointer(rebasing: file[(i + 8)..<(i + 8 + length)])
                    if critical || isTransparency {
                        let crc = libdeflate_crc32(0, file.baseAddress! + i + 4, length + 4)
                        guard crc == UInt32(be32(i + 8 + length)) else { return nil }
                    }
                    switch type {
                    case (0x49, 0x44, 0x41, 0x54):  // IDAT
                        guard idatState != 2 else { return nil }
                        idatState = 1
                        imageData.append(contentsOf: data)
                    case (0x49, 0x45, 0x4E, 0x44):  // IEND
                        sawIEND = true
                    case (0x50, 0x4C, 0x54, 0x45):  // PLTE
                        guard palette == nil, transparency == nil, idatState == 0 else { return nil }
                        palette = Array(data)
                    case (0x74, 0x52, 0x4E, 0x53):  // tRNS
                        guard transparency == nil, idatState == 0 else { return nil }
                        transparency = Array(data)
                    case (0x49, 0x48, 0x44, 0x52):  // IHDR (already read by libpng's header pass)
                        guard i == 8 else { return nil }
                    default:
                        if critical { return nil }  // an unknown critical chunk: let libpng decide
                    }
                    if i == 8 && type != (0x49, 0x48, 0x44, 0x52) { return nil }
                    if idatState == 1 && type != (0x49, 0x44, 0x41, 0x54) { idatState = 2 }
                    i += 12 + length
                    if sawIEND { break }
                }
                guard sawIEND, idatState == 2 else { return nil }
            }
        }
    }
}
