// Buffer equality without C: `memcmp` would need Glibc, which this module does not import. XOR-OR over
// 8-byte words in fixed-size blocks vectorises (no exit inside a block) and runs at memory speed; the
// check between blocks keeps the early exit cheap.

/// Byte-for-byte equality of raw buffers.
enum ByteComparison {
    /// Bytes checked between early-exit tests.
    private static let block = 4096

    /// True when both buffers have the same length and bytes.
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        return equal(pa, pb, count: a.count)
    }

    /// True when the `count` bytes at `a` and `b` are the same.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        if a == b { return true }
        var offset = 0
        while offset < count {
            let end = min(offset &+ block, count)
            let wordEnd = offset &+ ((end &- offset) & ~7)
            var acc: UInt64 = 0
            var i = offset
            while i < wordEnd {
                acc |=
                    a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            while i < end {
                acc |= UInt64(a.load(fromByteOffset: i, as: UInt8.self) ^ b.load(fromByteOffset: i, as: UInt8.self))
                i &+= 1
            }
            if acc != 0 { return false }
            offset = end
        }
        return true
    }
}
