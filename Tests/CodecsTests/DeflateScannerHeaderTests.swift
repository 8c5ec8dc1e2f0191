import Testing

@testable import Codecs

/// A dynamic block whose header lists all 19 code-length codes needs 14 + 57 bits: more than the 56 bits one
/// refill guarantees. The scanner read them after a single refill, so a block starting where the buffer held
/// exactly 56 bits drove the bit count negative and the next refill trapped on a negative shift — `PNG.encode`
/// with the default preset crashed on one 1280×720 photo of the folder-diff bench (issue 15's report).
@Suite("Deflate scanner: block headers")
struct DeflateScannerHeaderTests {
    /// DEFLATE packs bits least significant first; Huffman codes go most significant bit first.
    struct BitWriter {
        var bytes: [UInt8] = []
        var count = 0

        mutating func put(_ value: Int, bits: Int) {
            for i in 0..<bits { putBit((value >> i) & 1) }
        }

        mutating func putCode(_ code: Int, length: Int) {
            for i in stride(from: length - 1, through: 0, by: -1) { putBit((code >> i) & 1) }
        }

        mutating func putBit(_ bit: Int) {
            if count % 8 == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8(bit) << UInt8(count % 8)
            count += 1
        }
    }

    /// A non-final fixed-Huffman block of `short` 8-bit and `long` 9-bit literals: it moves the next block's
    /// start to any bit offset.
    static func fixedBlock(_ w: inout BitWriter, short: Int, long: Int) {
        w.put(0, bits: 1)  // BFINAL = 0
        w.put(1, bits: 2)  // BTYPE = fixed
        for _ in 0..<short { w.putCode(0x30, length: 8) }  // literal 0
        for _ in 0..<long { w.putCode(0x190, length: 9) }  // literal 144
        w.putCode(0, length: 7)  // end of block
    }

    /// A non-final dynamic block with HCLEN = 15 (all 19 code-length codes listed, the last ones zero), whose only
    /// codes are literal 0 and end-of-block (1 bit each) and one distance code; it holds just end-of-block.
    static func dynamicBlockWithAllPrecodes(_ w: inout BitWriter) {
        w.put(0, bits: 1)  // BFINAL = 0
        w.put(2, bits: 2)  // BTYPE = dynamic
        w.put(0, bits: 5)  // HLIT: 257 litlen codes
        w.put(0, bits: 5)  // HDIST: 1 distance code
        w.put(15, bits: 4)  // HCLEN: 19 code-length codes
        // Order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1 15: lengths 1 for symbols 18 and 1 only.
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        for symbol in order { w.put(symbol == 18 || symbol == 1 ? 1 : 0, bits: 3) }
        // Code lengths, with the code-length code: symbol 1 -> code 0, symbol 18 -> code 1.
        w.putCode(0, length: 1)  // litlen 0: length 1
        w.putCode(1, length: 1)  // 138 zeros (18 + 7 bits: 127)
        w.put(127, bits: 7)
        w.putCode(1, length: 1)  // 117 zeros (18 + 7 bits: 106)
        w.put(106, bits: 7)
        w.putCode(0, length: 1)  // litlen 256 (end of block): length 1
        w.putCode(0, length: 1)  // distance 0: length 1
        w.putCode(1, length: 1)  // end of block (litlen 0 -> code 0, 256 -> code 1)
    }

    /// A final stored block of `length` bytes. It keeps the scanner on its whole-word path while it reads the
    /// dynamic header before it (the last 8 bytes are read byte by byte, which never went negative).
    static func storedBlock(_ w: inout BitWriter, length: Int) {
        w.put(1, bits: 1)  // BFINAL
        w.put(0, bits: 2)  // BTYPE = stored
        if w.count % 8 != 0 { w.put(0, bits: 8 - w.count % 8) }
        w.put(length, bits: 16)
        w.put(~length & 0xFFFF, bits: 16)
        for i in 0..<length { w.put(i & 0xFF, bits: 8) }
    }

    @Test("a dynamic header with 19 code-length codes, starting at any bit", arguments: 0..<16)
    func allPrecodesAtEveryAlignment(long: Int) throws {
        for short in 0..<8 {
            var w = BitWriter()
            Self.fixedBlock(&w, short: short, long: long)
            Self.dynamicBlockWithAllPrecodes(&w)
            let header = w.count
            Self.storedBlock(&w, length: 32)
            let found = try #require(w.bytes.withUnsafeBufferPointer { DeflateBlockScanner().scan($0) })
            #expect(found.blocks == 3 && found.blockTypes == [0, 1, 2])
            #expect(found.lastBlockHeaderBit == header && found.endBit == w.count, "short \(short) long \(long)")
        }
    }
}
