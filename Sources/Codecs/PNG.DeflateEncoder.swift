import CISAL
import CLibDeflate
import Dispatch
import Raster

extension PNG {
    /// PNG writer on libdeflate and ISA-L (`Compressor.libdeflate`, `.isal`, `.isalByContent`,
    /// `.libdeflateByContent`): Anomark writes the file itself (signature, IHDR, IDAT, IEND) and the libraries
    /// only compress. Neither longjmps, so no shim is needed.
    ///
    /// Pipeline: the image is cut into bands of whole rows (about `bandBytes` of filtered data each, so the
    /// cut depends on the image size only, never on the core count). Each band is filtered
    /// (`RowFilter`) and compressed to raw DEFLATE on its own, bands in parallel. libdeflate ends every
    /// stream with a final block, so each band but the last gets its BFINAL bit cleared and an empty
    /// stored block appended (`DeflateBlockScanner` finds the bit); ISA-L ends non-final bands that way
    /// itself (a full flush). The bands then join into ONE zlib stream, as PNG requires. The Adler-32s of the
    /// bands are combined arithmetically.
    ///
    /// Output is a pure function of pixels and settings: the same bytes with one thread or many.
    struct DeflateEncoder {
        /// libdeflate level, 0…12: of every band, or with `isal` and `isalByContent` of the bands ISA-L does not
        /// write (1 from `init(options:)`).
        var level: Int
        /// Compress every band with ISA-L at `isalLevel` (`Compressor.isal`) instead of libdeflate.
        var isal = false
        /// Choose per band between ISA-L level 3 and libdeflate level 1 from its rows (`Compressor.isalByContent`,
        /// `isalResidual`) instead of `level` and `isal`.
        var isalByContent = false
        var filter: Filter
        /// 3 (RGB) or 4 (RGBA).
        var channels: Int
        /// Target scanline bytes per band; bands are whole rows, evenly spread (see `bandCount`).
        /// Smaller bands spread work over more cores but lose a little ratio: each band starts with an
        /// empty window, and costs a block-boundary walk (`DeflateBlockScanner`, ~5 % of level 6 time).
        var bandBytes = 1 << 20
        /// Choose each band's level from its rows (`contentLevel`) instead of `level`.
        var levelByContent = false
        /// Compress bands concurrently. `false` gives the same bytes, on the calling thread only.
        var parallel = true
        /// Largest IDAT payload.
        var maxIDATLength = 1 << 20

        /// One compressed band, or why it failed.
        private struct Band {
            var deflate: [UInt8] = []
            /// Adler-32 of the band's filtered bytes alone, and their count.
            var adler: UInt32 = 1
            var length = 0
            var failure: EncodeError?
        }

        /// The band results, written from several threads: iteration `i` writes slot `i` only, and the
        /// buffer outlives `concurrentPerform`, which returns after every iteration has finished.
        private struct BandSlots: @unchecked Sendable {
            let buffer: UnsafeMutableBufferPointer<Band>
        }

        func encode(_ image: Pixmap) throws(EncodeError) -> [UInt8] {
            let rows = RowFilter(filter: filter, channels: channels, width: image.width)
            let bandCount = Self.bandCount(
                height: image.height, scanlineBytes: rows.scanlineBytes, bandBytes: bandBytes)
            var bands = [Band](repeating: Band(), count: bandCount)
            bands.withUnsafeMutableBufferPointer { buffer in
                let slots = BandSlots(buffer: buffer)
                let compressOne = { @Sendable (i: Int) in
                    let band = Self.bandRows(i, of: bandCount, height: image.height)
                    slots.buffer[i] = compress(image, rows: band, filter: rows, final: i == bandCount - 1)
                }
                if parallel && bandCount > 1 {
                    DispatchQueue.concurrentPerform(iterations: bandCount, execute: compressOne)
                } else {
                    for i in 0..<bandCount { compressOne(i) }
                }
            }
            if let failure = bands.lazy.compactMap(\.failure).first { throw failure }

            var adler: UInt32 = 1
            var deflateBytes = 0
            for band in bands {
                adler = Self.combineAdler32(adler, band.adler, secondLength: band.length)
                deflateBytes += band.deflate.count
            }
            let zlibBytes = deflateBytes + 6
            var writer = ChunkWriter(
                capacity: 8 + 25 + zlibBytes + 12 * (zlibBytes / maxIDATLength + 1) + 12, maxIDATLength: maxIDATLength)
            writer.appendHeader(width: image.width, height: image.height, colorType: channels == 4 ? 6 : 2)
            Self.zlibHeader(level: levelByContent ? 6 : level).withUnsafeBufferPointer { writer.appendImageData($0) }
            for band in bands { band.deflate.withUnsafeBufferPointer { writer.appendImageData($0) } }
            let trailer: [UInt8] = [
                UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF),
            ]
            trailer.withUnsafeBufferPointer { writer.appendImageData($0) }
            writer.finish()
            return writer.bytes
        }

        /// Bands for an image: enough that none holds much more than `bandBytes` of scanlines, at most
        /// one per row. A function of the image size only, so the output never depends on the cores.
        static func bandCount(height: Int, scanlineBytes: Int, bandBytes: Int) -> Int {
            let (total, overflow) = height.multipliedReportingOverflow(by: scanlineBytes)
            let size = max(1, bandBytes)
            let wanted = overflow ? height : total / size + (total % size == 0 ? 0 : 1)
            return max(1, min(height, wanted))
        }

        /// The rows of band `i` of `count`, spread so that the bands (and threads) finish together.
        ///
        /// Two bands (images of 1–2 MiB of scanlines, such as 576×768 photos) run side by side, one per core, and
        /// only the first also walks its compressed output to join it (`endWithSyncFlush`): a third more work on
        /// photos (callgrind, the 576×768 sample at level 1: 12 M instructions of walk on 38 M of filtering and
        /// compression per band, before the walk took three literals per refill). The first band gets 4/9 of the
        /// rows; with the faster walk, timestamps on that sample still show both ending within 0.3 ms. With more
        /// bands the threads take them in turn, the walks spread over all but the last, and an even split is best.
        /// A function of the image size only, like `bandCount`.
        static func bandRows(_ i: Int, of count: Int, height: Int) -> Range<Int> {
            if count == 2 {
                let cut = Swift.max(1, height * 4 / 9)
                return i == 0 ? 0..<cut : cut..<height
            }
            return (i * height / count)..<((i + 1) * height / count)
        }

        /// Filters and compresses one band. Runs on any thread: touches only its own buffers.
        private func compress(_ image: Pixmap, rows: Range<Int>, filter: RowFilter, final: Bool) -> Band {
            var band = Band()
            band.length = rows.count * filter.scanlineBytes
            let length = band.length
            var bandLevel = level
            var useISAL = isal
            let filtered = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                count = length
                if levelByContent && filter.filter == .adaptive {
                    bandLevel = filterByContent(image, rows: rows, filter: filter, into: buffer)
                } else {
                    let score = filter.filter(image, rows: rows, into: buffer)
                    bandLevel = levelByContent ? Self.contentLevel(score: score, bytes: length) : level
                    if isalByContent { useISAL = Self.hasDetail(score: score, bytes: length) }
                }
            }
            // When igzip cannot write the band within a stored stream's size or has no memory for its tables,
            // libdeflate at `level` (1 for the ISA-L compressors), which always fits its own bound, writes it.
            if useISAL, let deflate = Self.isalCompress(filtered, level: Self.isalLevel, final: final) {
                band.deflate = deflate
                band.adler = filtered.withUnsafeBufferPointer { libdeflate_adler32(1, $0.baseAddress, length) }
                return band
            }
            guard let compressor = libdeflate_alloc_compressor(Int32(bandLevel)) else {
                band.failure = .outOfMemory
                return band
            }
            defer { libdeflate_free_compressor(compressor) }
            // Room for the sync-flush tail (at most 5 bytes) after libdeflate's worst case.
            let bound = libdeflate_deflate_compress_bound(compressor, length)
            var failure: EncodeError?
            // Compress into scratch space of the worst-case size, then keep an exact-size copy: arrays never
            // shrink, and 4096² images have ~50 bands whose worst-case buffers would hold ~50 MB for ~12 MB
            // of output until the file is assembled.
            let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bound + 5)
            defer { scratch.deallocate() }
            var count = filtered.withUnsafeBufferPointer { input in
                band.adler = libdeflate_adler32(1, input.baseAddress, length)
                return libdeflate_deflate_compress(compressor, input.baseAddress, length, scratch.baseAddress, bound)
            }
            if count == 0 {
                failure = .library(format: .png, message: "libdeflate could not compress a band")
            } else if !final {
                if let flushed = Self.endWithSyncFlush(scratch, count: count) {
                    count = flushed
                } else {
                    count = 0
                    failure = .library(format: .png, message: "internal: could not join deflate bands")
                }
            }
            band.deflate = Array(UnsafeBufferPointer(rebasing: scratch[0..<count]))
            band.failure = failure
            return band
        }

        /// The level for a band from the adaptive filter's score (the sum over its rows of the chosen filter's
        /// |residual|, `RowFilter.filter`) over its byte count: the mean residual r says how predictable the
        /// rows are. Measured (`anomark-bench png-curve`, README "PNG output"): smooth content (r ≈ 0.9–1.1:
        /// photos upscaled 7×, flat synthetic images) needs libdeflate 6 (r < 1) or 5 to stay near or below
        /// zlib 6, because its gain comes from long lazy matches. Level 5 is the thin edge: 0.995 of zlib 6 on
        /// the 4096² bench photo (r 1.05) but up to 1.005 on single bands at r ≈ 0.9–1.1 of crops of it, where
        /// level 6 is 1–3 % below at ~1.5× the CPU; kept, for the 4096² speed. At r ≈ 3.6–4.4 (2×, 1.75×
        /// upscales) level 3 is 3–4 % below; at r ≈ 6.3–6.7 (camera photos upscaled 1.25–1.5×) level 2 is 4–5 %
        /// below where level 1 is only 1.2–1.5 % below; camera photos (r ≈ 7.8–11.4, JPEG quality 60–95) are 1.5–2.6 % below zlib 6 at level 1, the
        /// fastest, which is as small as the default needs to be (≈ 0.7× the CPU of level 2). No score (a
        /// fixed filter): level 6.
        static func contentLevel(score: UInt64?, bytes: Int) -> Int {
            guard let score, bytes > 0 else { return 6 }
            let n = UInt64(bytes)
            if score < n { return 6 }
            if score < 2 * n { return 5 }
            if score < 6 * n { return 3 }
            if score < 7 * n { return 2 }
            return 1
        }

        /// ISA-L's level where Anomark uses it: 3, the only one whose output was reproducible under the fuzzer
        /// (`Compressor.isal`).
        static let isalLevel = 3

        /// Bands whose mean adaptive residual r is at least this get ISA-L level 3 under `isalByContent`, the
        /// others libdeflate level 1. Measured (`anomark-bench png-curve`, README "PNG output"): ISA-L 3 is
        /// 1.3–2.3 % larger than libdeflate 1 at 2–2.5× its speed on camera photos (r ≈ 7.6–10) and on 1.25–2×
        /// upscales of them (r ≈ 3.6–6.9), but 12 % larger on the 7× upscale (r ≈ 1.05), where level 1 already
        /// is 15 % above zlib 6. 3 is also where the default's up-filter trial starts (`upTrialResidual`).
        static let isalResidual: UInt64 = 3

        /// Whether a band with adaptive `score` over `bytes` has the detail ISA-L suits (`isalResidual`); false
        /// without a score (a fixed filter).
        static func hasDetail(score: UInt64?, bytes: Int) -> Bool {
            guard let score, bytes > 0 else { return false }
            return score >= isalResidual * UInt64(bytes)
        }

        /// `bytes` compressed by ISA-L at `level` into an exact-size array: a final stream, or (not `final`) one
        /// that ends byte-aligned after an empty stored block, ready for the next band. nil when igzip could
        /// not write it within `capacity` bytes (by default the size of the stored stream, igzip's worst case)
        /// or had no memory.
        static func isalCompress(_ bytes: [UInt8], level: Int, final: Bool, capacity: Int? = nil) -> [UInt8]? {
            // Stored blocks (5 bytes per 65,535) are igzip's worst case; the flush adds at most 5 bytes more.
            let capacity = capacity ?? bytes.count + (bytes.count / 65_535 + 2) * 5 + 64
            // Into scratch space, then an exact-size copy, as the libdeflate path does: an array keeps its
            // capacity, and ~50 bands of a 4096² image would each hold a worst-case buffer until the file is
            // assembled.
            let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
            defer { scratch.deallocate() }
            let written = bytes.withUnsafeBufferPointer { input in
                anomark_isal_deflate(
                    input.baseAddress, input.count, scratch.baseAddress, capacity, Int32(level), final ? 1 : 0)
            }
            return written > 0 ? Array(UnsafeBufferPointer(rebasing: scratch[0..<written])) : nil
        }

        /// The level a band gets when `filterByContent` chose the up filter for it. Measured (`anomark-bench
        /// png-curve`, README "PNG output"): photos upscaled 2.5–7× with the up filter at level 2 are 2–9 %
        /// below zlib 6 with the adaptive filter; level 1 is up to 8 % above it.
        static let upLevel = 2

        /// Bands whose first rows' adaptive score is below this many times their byte count (mean residual
        /// r < 3: upscaled or flat content) get the up-filter trial; camera detail (r ≈ 5–11) never does.
        static let upTrialResidual: UInt64 = 3

        /// Filters `rows` for `Compressor.libdeflateByContent` into `out` and returns the band's level.
        ///
        /// The first rows of the band (a sixteenth, at least 32 KiB; all of it for small bands) are filtered
        /// adaptively first. If their mean residual says the content is smooth (`upTrialResidual`), they are
        /// compressed at level 1 once as they are and once with the up filter on every row; if the up filter
        /// wins, the whole band gets it at `upLevel`. Otherwise the rest of the band is filtered adaptively
        /// behind the head, and the level follows the whole band's score (`contentLevel`). Camera detail
        /// never reaches the trial, so it filters each row exactly once, as before.
        ///
        /// Why: the adaptive heuristic scores each row alone by its residuals, blind to what deflate finds
        /// across rows. On smooth upscaled photos it picks Paeth, while the up filter leaves residual rows
        /// that repeat and compress 5–10 % smaller (README "PNG output"). The choice is a function of the
        /// pixels only, like everything here.
        private func filterByContent(
            _ image: Pixmap, rows: Range<Int>, filter: RowFilter, into out: UnsafeMutableBufferPointer<UInt8>
        ) -> Int {
            let scanline = filter.scanlineBytes
            let wanted = Swift.max(rows.count / 16, (32_768 + scanline - 1) / scanline)
            let headRows = Swift.min(rows.count, wanted)
            let head = rows.lowerBound..<(rows.lowerBound + headRows)
            let headBytes = headRows * scanline
            let headScore =
                filter.filter(image, rows: head, into: UnsafeMutableBufferPointer(rebasing: out[0..<headBytes])) ?? 0
            if headScore < Self.upTrialResidual * UInt64(headBytes),
                Self.upCompressesBetter(
                    image, rows: head, filter: filter, adaptive: UnsafeBufferPointer(rebasing: out[0..<headBytes]))
            {
                RowFilter(filter: .up, channels: filter.channels, width: filter.width).filter(
                    image, rows: rows, into: out)
                return Self.upLevel
            }
            let tail = head.upperBound..<rows.upperBound
            let tailScore =
                tail.isEmpty
                ? 0
                : filter.filter(image, rows: tail, into: UnsafeMutableBufferPointer(rebasing: out[headBytes...])) ?? 0
            return Self.contentLevel(score: headScore + tailScore, bytes: out.count)
        }

        /// Whether `rows`, up-filtered, compress smaller at level 1 than their adaptive scanlines `adaptive`.
        private static func upCompressesBetter(
            _ image: Pixmap, rows: Range<Int>, filter: RowFilter, adaptive: UnsafeBufferPointer<UInt8>
        ) -> Bool {
            let bytes = adaptive.count
            guard let trial = libdeflate_alloc_compressor(1) else { return false }
            defer { libdeflate_free_compressor(trial) }
            let bound = libdeflate_deflate_compress_bound(trial, bytes)
            let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes + bound)
            defer { scratch.deallocate() }
            let up = UnsafeMutableBufferPointer(rebasing: scratch[0..<bytes])
            let out = scratch.baseAddress! + bytes
            let adaptiveSize = libdeflate_deflate_compress(trial, adaptive.baseAddress, bytes, out, bound)
            RowFilter(filter: .up, channels: filter.channels, width: filter.width).filter(image, rows: rows, into: up)
            let upSize = libdeflate_deflate_compress(trial, up.baseAddress, bytes, out, bound)
            return upSize > 0 && adaptiveSize > 0 && upSize < adaptiveSize
        }

        /// Turns a complete raw DEFLATE stream into one that continues: clears the final block's
        /// BFINAL bit and appends an empty, non-final stored block, which pads to a byte boundary
        /// (bits `000`, zero padding, LEN 0000, NLEN FFFF — zlib's sync flush marker). Returns the new
        /// byte count; `out` must have 5 bytes of room past `count`. `nil` if the stream is malformed.
        static func endWithSyncFlush(_ out: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Int? {
            let scanner = DeflateBlockScanner()
            guard let found = scanner.scan(UnsafeBufferPointer(rebasing: out[0..<count])) else { return nil }
            precondition(out.count >= count + 5, "no room for the sync-flush tail")
            let header = found.lastBlockHeaderBit
            out[header / 8] &= ~(1 << UInt8(header % 8))
            var n = count
            let used = found.endBit % 8
            if used != 0 { out[n - 1] &= UInt8((1 << used) - 1) }  // padding must be zero: it holds the header
            // The 3 header bits fit in the last byte's padding only if at least 3 bits are left.
            if used == 0 || used > 5 {
                out[n] = 0
                n += 1
            }
            for byte: UInt8 in [0x00, 0x00, 0xFF, 0xFF] {
                out[n] = byte
                n += 1
            }
            return n
        }

        /// CMF/FLG: deflate, 32 KiB window, no dictionary, FLEVEL as libdeflate sets it.
        static func zlibHeader(level: Int) -> [UInt8] {
            let flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3
            var header = 0x7800 | flevel << 6
            header += (31 - header % 31) % 31
            return [UInt8(header >> 8), UInt8(header & 0xFF)]
        }

        /// Adler-32 of A followed by B, from the checksums of A and B and the length of B (as zlib's
        /// `adler32_combine`): lets bands checksum their data independently.
        static func combineAdler32(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
            let base: UInt64 = 65521
            let remainder = UInt64(secondLength) % base
            let a1 = UInt64(first & 0xFFFF)
            let b1 = UInt64(first >> 16)
            let a2 = UInt64(second & 0xFFFF)
            let b2 = UInt64(second >> 16)
            // a = a1 + a2 − 1; b = b1 + b2 + len2·a1 − len2 (mod base); the "+ base" terms keep it positive.
            let a = (a1 + a2 + base - 1) % base
            let b = (b1 + b2 + remainder * a1 + base - remainder) % base
            return UInt32(b << 16 | a)
        }
    }
}

extension PNG.DeflateEncoder {
    /// The writer `options` describe (a libdeflate compressor: level or by content, filter, parallelism, band
    /// size), for `channels` 3 or 4. Shared by `PNG.encode` and the fuzzing entry point; a zlib compressor
    /// goes through libpng instead, never here.
    init(options: PNG.EncodeOptions, channels: Int) throws(EncodeError) {
        switch options.compressor {
        case .libdeflate(let level):
            guard (0...12).contains(level) else {
                throw .invalidOption("libdeflate level \(level) is not in 0...12")
            }
            self.init(level: level, filter: options.filter, channels: channels)
        case .isal:
            // libdeflate 1 for any band igzip cannot write; the zlib header's FLEVEL then says "fastest".
            self.init(level: 1, filter: options.filter, channels: channels)
            isal = true
        case .isalByContent:
            // libdeflate 1 for the smooth bands.
            self.init(level: 1, filter: options.filter, channels: channels)
            isalByContent = true
        case .libdeflateByContent:
            self.init(level: 6, filter: options.filter, channels: channels)
            levelByContent = true
        case .zlib:
            preconditionFailure("zlib is encoded by libpng, not by the libdeflate writer")
        }
        parallel = options.parallel
        bandBytes = options.bandBytes
    }
}
