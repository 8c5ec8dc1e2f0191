// Base64 (RFC 4648, standard alphabet) for the `AnomalyMask` field: strict, and able to say where it fails.

/// Decoding of standard base64. Padding (`=`) is optional but, when present, must be correct; whitespace and
/// the URL-safe alphabet are refused (the service and the AWS CLI emit neither).
enum Base64 {
    /// Why text is not base64: `index` is the offset (in UTF-8 bytes, = characters for valid input) of the
    /// first offending character, or the length when the text ends too early.
    struct Failure: Error, Equatable {
        let index: Int
    }

    /// 0…63 for alphabet bytes, 0xFF otherwise.
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (v, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(v)
        }
        return t
    }()

    /// The decoded bytes of `text`, whatever its padding: any number of trailing `=` is dropped first (the DDA
    /// writes `...J9==` after a complete quantum). Everything else is as strict as `decode`.
    static func decodeIgnoringPadding(_ text: String) throws(Failure) -> [UInt8] {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: "=") {
            end = text.utf8.index(before: end)
        }
        return try decode(String(text.utf8[..<end])!)
    }

    /// The decoded bytes of `text`.
    static func decode(_ text: String) throws(Failure) -> [UInt8] {
        var text = text
        let result: Result<[UInt8], Failure> = text.withUTF8 { Base64.decode($0) }
        return try result.get()
    }

    private static func decode(_ s: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], Failure> {
        // Strip correct padding first: at most two '=', only at the end, only where they complete a quantum.
        var n = s.count
        var pads = 0
        while n > 0 && s[n - 1] == UInt8(ascii: "=") && pads < 2 {
            n -= 1
            pads += 1
        }
        if pads > 0 && (n + pads) % 4 != 0 { return .failure(Failure(index: n)) }
        if n % 4 == 1 { return .failure(Failure(index: n)) }  // 6 bits cannot make a byte
        var out = [UInt8]()
        out.reserveCapacity(n / 4 * 3 + 2)
        return table.withUnsafeBufferPointer { t -> Result<[UInt8], Failure> in
            var i = 0
            while i + 4 <= n {
                let a = t[Int(s[i])]
                let b = t[Int(s[i + 1])]
                let c = t[Int(s[i + 2])]
                let d = t[Int(s[i + 3])]
                if (a | b | c | d) & 0xC0 != 0 { return .failure(Failure(index: firstBad(s, t, from: i))) }
                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out.append(UInt8(truncatingIfNeeded: v >> 16))
                out.append(UInt8(truncatingIfNeeded: v >> 8))
                out.append(UInt8(truncatingIfNeeded: v))
                i += 4
            }
            let rest = n - i  // 0, 2 or 3 characters
            if rest >= 2 {
                var v: UInt32 = 0
                for k in 0..<rest {
                    let x = t[Int(s[i + k])]
                    if x == 0xFF { return .failure(Failure(index: i + k)) }
                    v |= UInt32(x) << UInt32(18 - 6 * k)
                }
                out.append(UInt8(truncatingIfNeeded: v >> 16))
                if rest == 3 { out.append(UInt8(truncatingIfNeeded: v >> 8)) }
            }
            return .success(out)
        }
    }

    private static func firstBad(_ s: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var k = i
        while k < s.count && t[Int(s[k])] != 0xFF { k += 1 }
        return k
    }
}
