// UTF-8 validation that says WHERE the text goes wrong (the standard library only says whether).

/// Strict UTF-8 checking per RFC 3629 / Unicode table 3-7: no overlong forms, no surrogates, nothing above
/// U+10FFFF, no truncated sequences.
enum UTF8Validation {
    /// The offset of the first byte of the first invalid sequence, or nil when all of `bytes` is UTF-8.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            let n = b.count
            guard let base = b.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < n {
                // ASCII fast path, 8 bytes at a time (the base64 mask is the bulk of a result file).
                while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    continue
                }
                // Length and the allowed range of the second byte (the rest are plain continuations).
                let length: Int
                var lo: UInt8 = 0x80
                var hi: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    lo = 0xA0  // no overlong 3-byte forms
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED:
                    length = 3
                    hi = 0x9F  // no UTF-16 surrogates
                case 0xF0:
                    length = 4
                    lo = 0x90  // no overlong 4-byte forms
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    hi = 0x8F  // nothing above U+10FFFF
                default: return i  // stray continuation byte, C0/C1 (overlong) or F5…FF
                }
                guard i + length <= n else { return i }
                let second = b[i + 1]
                guard second >= lo && second <= hi else { return i }
                var k = 2
                while k < length {
                    guard b[i + k] & 0xC0 == 0x80 else { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }
}
