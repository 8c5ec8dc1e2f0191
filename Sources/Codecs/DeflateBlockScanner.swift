/// Finds where the last block of a raw DEFLATE stream (RFC 1951) starts and where the stream ends, to
/// the bit, without producing any output.
///
/// Why: libdeflate compresses whole buffers only and always ends with a final block (BFINAL = 1); it
/// has no sync flush. To compress image bands in parallel into ONE zlib stream, the encoder clears
/// the BFINAL bit of every band but the last and pads with an empty stored block to the next byte
/// (what zlib's `Z_SYNC_FLUSH` emits), so the next band can follow. Both positions are only known by
/// walking the Huffman codes of every block: this is that walk. It decodes code words and skips
/// extra bits, but never copies matches, so it runs many times faster than inflating.
///
/// The scanner trusts nothing: malformed input (over-subscribed codes, unused code words, reading
/// past the end, trailing bytes) gives `nil`, never a trap or an endless loop.
struct DeflateBlockScanner: ~Copyable {
    /// Bit positions, counted from bit 0 (least significant) of byte 0.
    struct Result: Equatable {
        /// Position of the BFINAL bit of the last block.
        var lastBlockHeaderBit: Int
        /// Position just after the last block's end (the padding bits up to the byte boundary follow).
        var endBit: Int
        /// Number of blocks.
        var blocks: Int
        /// Block types seen: 0 stored, 1 fixed Huffman, 2 dynamic Huffman.
        var blockTypes: Set<Int>
    }

    // Decode tables, reused from block to block. Entry layout: low 5 bits = bits to consume (code word
    // plus any extra bits that follow it), high 11 bits = payload; `invalid` marks unused code words.
    private let litlenTable = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 15)
    private let distanceTable = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 15)
    private let precodeTable = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 7)
    private let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 288 + 32 + 138)

    private static let invalid: UInt16 = 0xFFFF
    // Literal/length payloads.
    private static let literal: UInt16 = 0
    private static let match: UInt16 = 1
    private static let endOfBlock: UInt16 = 2

    /// Per litlen symbol: payload << 5 | extra bits. Symbols 286 and 287 never occur in valid data.
    private static let litlenInfo: [UInt16] = (0..<288).map { (sym: Int) -> UInt16 in
        if sym < 256 { return literal << 5 }
        if sym == 256 { return endOfBlock << 5 }
        if sym >= 286 { return invalid }
        let extra: Int = sym < 265 || sym == 285 ? 0 : (sym - 261) / 4
        return match << 5 | UInt16(extra)
    }
    /// Per distance symbol: extra bits. Symbols 30 and 31 never occur in valid data.
    private static let distanceInfo: [UInt16] = (0..<32).map { (sym: Int) -> UInt16 in
        if sym >= 30 { return invalid }
        return sym < 4 ? 0 : UInt16(sym / 2 - 1)
    }
    private static let precodeInfo: [UInt16] = (0..<19).map { (sym: Int) -> UInt16 in UInt16(sym) << 5 }
    private static let precodeOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init() {}

    deinit {
        litlenTable.deallocate()
        distanceTable.deallocate()
        precodeTable.deallocate()
        lengths.deallocate()
    }

    /// Walks every block of `data`. `nil` if it is not exactly one complete DEFLATE stream.
    func scan(_ data: UnsafeBufferPointer<UInt8>) -> Result? {
        guard let base = data.baseAddress, !data.isEmpty else { return nil }
        var bits = BitReader(base: base, count: data.count)
        var blocks = 0
        var types = Set<Int>()
        while true {
            guard bits.refill() else { return nil }
            let header = bits.bitPosition
            let isFinal = bits.take(1) == 1
            let type = bits.take(2)
            blocks += 1
            types.insert(Int(type))
            switch type {
            case 0:
                guard skipStored(&bits) else { return nil }
            case 1:
                guard let masks = buildFixedTables(), walkCodes(&bits, masks) else { return nil }
            case 2:
                guard let masks = readDynamicTables(&bits), walkCodes(&bits, masks) else { return nil }
            default:
                return nil
            }
            if isFinal {
                let end = bits.bitPosition
                // Exactly one stream: it must end in the last byte, not before it or past it.
                guard end <= data.count * 8, (end + 7) / 8 == data.count else { return nil }
                return Result(lastBlockHeaderBit: header, endBit: end, blocks: blocks, blockTypes: types)
            }
        }
    }

    private func skipStored(_ bits: inout BitReader) -> Bool {
        bits.take(UInt64((8 - bits.bitPosition % 8) % 8))
        guard bits.refill() else { return false }
        let length = Int(bits.take(16))
        let complement = Int(bits.take(16))
        guard length ^ complement == 0xFFFF else { return false }
        let resume = bits.bitPosition / 8 + length
        guard resume <= bits.count else { return false }
        bits.seek(toByte: resume)
        return true
    }

    /// Follows literal/length and distance code words up to the end-of-block symbol.
    private func walkCodes(_ bits: inout BitReader, _ masks: Masks) -> Bool {
        let litlen = UnsafePointer(litlenTable)
        let distance = UnsafePointer(distanceTable)
        let litlenMask = masks.litlen
        let distanceMask = masks.distance
        while true {
            // ≥ 56 bits: enough for a length code with extra bits (≤ 20) and a distance (≤ 28).
            guard bits.refill() else { return false }
            var entry = litlen[Int(bits.buffer & litlenMask)]
            // Photos compress to mostly literals, and a literal's code word is at most 15 bits: three fit in the
            // bits one refill guarantees, so runs of them skip two refills in three (a quarter of the walk's
            // instructions on the 576×768 sample). An invalid entry is not a literal (its kind is 0x7FF).
            if entry >> 5 == Self.literal {
                bits.take(UInt64(entry & 31))
                entry = litlen[Int(bits.buffer & litlenMask)]
                if entry >> 5 == Self.literal {
                    bits.take(UInt64(entry & 31))
                    entry = litlen[Int(bits.buffer & litlenMask)]
                    if entry >> 5 == Self.literal {
                        bits.take(UInt64(entry & 31))
                        continue
                    }
                }
                // Anything else may need up to 48 bits: top up. The bits already looked up stay as they were.
                guard bits.refill() else { return false }
            }
            if entry == Self.invalid { return false }
            bits.take(UInt64(entry & 31))
            if entry >> 5 == Self.endOfBlock { return true }
            let d = distance[Int(bits.buffer & distanceMask)]
            if d == Self.invalid { return false }
            bits.take(UInt64(d & 31))
        }
    }

    /// Index masks of the current litlen and distance tables (their `tableBits` low bits).
    private typealias Masks = (litlen: UInt64, distance: UInt64)

    private func buildFixedTables() -> Masks? {
        for sym in 0..<288 { lengths[sym] = sym < 144 ? 8 : sym < 256 ? 9 : sym < 280 ? 7 : 8 }
        for sym in 288..<320 { lengths[sym] = 5 }
        return buildCodeTables()
    }

    /// Reads a dynamic block's code-length header and builds its decode tables.
    private func readDynamicTables(_ bits: inout BitReader) -> Masks? {
        guard bits.refill() else { return nil }
        let litlenCount = Int(bits.take(5)) + 257
        let distanceCount = Int(bits.take(5)) + 1
        let precodeCount = Int(bits.take(4)) + 4
        guard litlenCount <= 286 else { return nil }
        var precodeLengths = [UInt8](repeating: 0, count: 19)
        // Up to 19 × 3 = 57 bits: more than one refill guarantees (56), so top up halfway.
        for i in 0..<precodeCount {
            if i % 16 == 0 { guard bits.refill() else { return nil } }
            precodeLengths[Self.precodeOrder[i]] = UInt8(bits.take(3))
        }
        let precodeBits = precodeLengths.withUnsafeBufferPointer { lens in
            Self.build(lens.baseAddress!, count: 19, info: Self.precodeInfo, into: precodeTable)
        }
        guard let precodeBits else { return nil }
        let precodeMask: UInt64 = (1 << UInt64(precodeBits)) - 1
        let total = litlenCount + distanceCount
        var i = 0
        while i < total {
            guard bits.refill() else { return nil }
            let entry = precodeTable[Int(bits.buffer & precodeMask)]
            if entry == Self.invalid { return nil }
            bits.take(UInt64(entry & 31))
            let sym = Int(entry >> 5)
            var repeatCount = 1
            var value: UInt8 = 0
            switch sym {
            case 0..<16: value = UInt8(sym)
            case 16:
                guard i > 0 else { return nil }
                value = lengths[i - 1]
                repeatCount = 3 + Int(bits.take(2))
            case 17: repeatCount = 3 + Int(bits.take(3))
            default: repeatCount = 11 + Int(bits.take(7))
            }
            guard i + repeatCount <= total else { return nil }
            for k in 0..<repeatCount { lengths[i + k] = value }
            i += repeatCount
        }
        guard lengths[256] != 0 else { return nil }  // a block needs an end-of-block code
        // Move distance lengths to their fixed place after the 288 litlen slots.
        let distances = [UInt8](UnsafeBufferPointer(start: lengths + litlenCount, count: distanceCount))
        for sym in litlenCount..<288 { lengths[sym] = 0 }
        for sym in 0..<32 { lengths[288 + sym] = sym < distanceCount ? distances[sym] : 0 }
        return buildCodeTables()
    }

    /// Builds litlen and distance tables from `lengths[0..<288]` and `lengths[288..<320]`.
    private func buildCodeTables() -> Masks? {
        guard let l = Self.build(lengths, count: 288, info: Self.litlenInfo, into: litlenTable),
            let d = Self.build(lengths + 288, count: 32, info: Self.distanceInfo, into: distanceTable)
        else { return nil }
        return ((1 << UInt64(l)) - 1, (1 << UInt64(d)) - 1)
    }

    /// Canonical Huffman decode table indexed by the next `tableBits` input bits (code words are
    /// stored bit-reversed in the stream). Returns `tableBits`, or `nil` for an over-subscribed code.
    /// Incomplete codes are allowed (one-code distance trees); their unused entries stay `invalid`.
    private static func build(
        _ lengths: UnsafePointer<UInt8>, count: Int, info: [UInt16], into table: UnsafeMutablePointer<UInt16>
    ) -> Int? {
        var lengthCounts = [Int](repeating: 0, count: 16)
        var maxLength = 0
        for sym in 0..<count {
            let len = Int(lengths[sym])
            guard len <= 15 else { return nil }
            lengthCounts[len] += 1
            maxLength = max(maxLength, len)
        }
        lengthCounts[0] = 0
        var left = 1
        for len in 1..<16 {
            left = left << 1 - lengthCounts[len]
            if left < 0 { return nil }
        }
        let tableBits = max(1, maxLength)
        let size = 1 << tableBits
        table.update(repeating: invalid, count: size)
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for len in 1..<16 {
            code = (code + lengthCounts[len - 1]) << 1
            nextCode[len] = code
        }
        for sym in 0..<count {
            let len = Int(lengths[sym])
            if len == 0 { continue }
            let meta = info[sym]
            if meta == invalid { continue }  // never valid in a stream: leave its code word unmapped
            var reversed = 0
            var c = nextCode[len]
            nextCode[len] += 1
            for _ in 0..<len {
                reversed = reversed << 1 | (c & 1)
                c >>= 1
            }
            let entry = meta + UInt16(len)
            var i = reversed
            while i < size {
                table[i] = entry
                i += 1 << len
            }
        }
        return tableBits
    }
}

/// Least-significant-bit-first reader over a byte buffer, as DEFLATE packs bits.
private struct BitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// Next byte to load (may run a few virtual zero bytes past `count`).
    var next = 0
    var buffer: UInt64 = 0
    /// Valid bits in `buffer`. Bits above may hold copies of later input bytes (see `refill`).
    var available = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Position of the next unread bit.
    var bitPosition: Int { next * 8 - available }

    /// Tops the buffer up to at least 56 bits. `false` once reading has run well past the end, which
    /// only malformed input does (it stops an endless walk over zero bits).
    @inline(__always)
    mutating func refill() -> Bool {
        if next + 8 <= count {
            // Whole-word load; bytes only partly shifted in are loaded again, identically, next time.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + next).loadUnaligned(as: UInt64.self))
            buffer |= word << UInt64(available)
            next += 7 - available >> 3
            available |= 56
            return true
        }
        while available <= 56 {
            if next >= count + 8 { return false }
            let byte: UInt64 = next < count ? UInt64(base[next]) : 0
            buffer |= byte << UInt64(available)
            next += 1
            available += 8
        }
        return true
    }

    @discardableResult @inline(__always)
    mutating func take(_ n: UInt64) -> UInt64 {
        let value = buffer & ((1 << n) &- 1)
        buffer >>= n
        available -= Int(n)
        return value
    }

    mutating func seek(toByte offset: Int) {
        next = offset
        buffer = 0
        available = 0
    }
}
