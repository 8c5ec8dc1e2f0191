/// Reads a NumPy `.npy` file holding one anomaly map, as anomalib users save `anomaly_map`: a 2-D array of
/// float32 or float64 (`'<f4'`, `'<f8'`), C order, little-endian. Leading dimensions of size 1 (`(1, H, W)`, a
/// batch of one) are dropped; anything else is refused.
///
/// Strict, because the file is untrusted: the magic, a version of 1.0, 2.0 or 3.0, a header of at most 64 KiB that
/// is exactly the dictionary NumPy writes (`{'descr': …, 'fortran_order': …, 'shape': (…), }`: those three keys
/// once each, Python literals, then spaces and a newline), and data of exactly `rows × columns × item size`
/// bytes. Every limit is checked before the scores are allocated; non-finite scores (NaN, ±inf, a float64 beyond
/// float32's range) are refused, naming their row and column.
enum NPYReader {
    /// `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// The longest header accepted (NumPy writes under 128 bytes for a 2-D array).
    static let maxHeaderBytes = 64 << 10

    /// True when `bytes` start with the `.npy` magic.
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= magic.count && bytes.prefix(6).elementsEqual(magic)
    }

    /// The scores in `bytes`, as a map with `threshold`.
    static func read(_ bytes: [UInt8], threshold: Double) throws(ResultError) -> ScoreMap {
        guard hasMagic(bytes) else { throw fail("not a .npy file (no \\x93NUMPY magic)") }
        guard bytes.count >= 10 else { throw fail("truncated header") }
        let major = bytes[6]
        let minor = bytes[7]
        guard (1...3).contains(major), minor == 0 else { throw fail("unsupported .npy version \(major).\(minor)") }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw fail("truncated header") }
        var headerLength = 0
        for k in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + k]) }
        guard headerLength <= maxHeaderBytes else {
            throw fail("header of \(headerLength) bytes, more than the limit of \(maxHeaderBytes)")
        }
        let dataStart = 8 + lengthBytes + headerLength
        guard bytes.count >= dataStart else { throw fail("truncated header") }
        var parser = HeaderParser(bytes: Array(bytes[(8 + lengthBytes)..<dataStart]))
        let header = try parser.parse()

        guard header.littleEndian else {
            throw fail("descr '\(header.descr)': big-endian data is not supported (save with '<f4' or '<f8')")
        }
        guard !header.fortranOrder else { throw fail("fortran_order True is not supported (save in C order)") }
        var shape = header.shape
        while shape.count > 2 && shape[0] == 1 { shape.removeFirst() }
        guard shape.count == 2 else {
            throw fail("shape \(header.shapeText): expected a 2-D map (rows, columns)")
        }
        let rows = shape[0]
        let columns = shape[1]
        guard rows > 0, columns > 0 else { throw fail("shape \(header.shapeText): the map is empty") }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count <= ScoreMap.maxScores else {
            throw fail("shape \(header.shapeText): more than the limit of \(ScoreMap.maxScores) scores")
        }
        let dataBytes = bytes.count - dataStart
        guard dataBytes == count * header.itemSize else {
            throw fail(
                "\(dataBytes) bytes of data, but shape \(header.shapeText) of \(header.descr) needs \(count * header.itemSize)"
            )
        }

        var bad = -1
        let scores = bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { out, n in
                let base = raw.baseAddress! + dataStart
                if header.itemSize == 4 {
                    for i in 0..<count {
                        let v = Float(
                            bitPattern: UInt32(
                                littleEndian: base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)))
                        if !v.isFinite && bad < 0 { bad = i }
                        out[i] = v
                    }
                } else {
                    for i in 0..<count {
                        let d = Double(
                            bitPattern: UInt64(
                                littleEndian: base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)))
                        let v = Float(d)
                        if !v.isFinite && bad < 0 { bad = i }
                        out[i] = v
                    }
                }
                n = count
            }
        }
        if bad >= 0 {
            throw fail("row \(bad / columns), column \(bad % columns): a score that is not a finite float32 number")
        }
        return ScoreMap(width: columns, height: rows, values: .float(scores), threshold: threshold)!
    }

    static func fail(_ reason: String) -> ResultError { .invalidScoreMap(reason: ".npy: " + reason) }

    /// What the header dictionary says.
    struct Header {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
        var shapeText: String { "(" + shape.map(String.init).joined(separator: ", ") + ")" }
        var littleEndian: Bool { descr.hasPrefix("<") }
        var itemSize: Int { descr.hasSuffix("8") ? 8 : 4 }
    }

    /// The header's Python dictionary literal, character by character.
    struct HeaderParser {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() throws(ResultError) -> Header {
            guard bytes.last == UInt8(ascii: "\n") else { throw fail("the header does not end in a newline") }
            // One line: printable ASCII, then the newline. (A newline inside would reach error messages, which
            // quote the header's keys, and split them.)
            guard bytes.dropLast().allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw fail("the header is not one line of printable ASCII")
            }
            var descr: String?
            var fortran: Bool?
            var shape: [Int]?
            try expect("{")
            while true {
                skipSpaces()
                if peek() == UInt8(ascii: "}") { break }
                let key = try quoted()
                skipSpaces()
                try expect(":")
                skipSpaces()
                switch key {
                case "descr" where descr == nil:
                    let value = try quoted()
                    guard ["<f4", "<f8", ">f4", ">f8"].contains(value) else {
                        throw fail("descr '\(value)': expected '<f4' or '<f8' (float32 or float64, little-endian)")
                    }
                    descr = value
                case "fortran_order" where fortran == nil:
                    if take("True") {
                        fortran = true
                    } else if take("False") {
                        fortran = false
                    } else {
                        throw fail("fortran_order: expected True or False")
                    }
                case "shape" where shape == nil: shape = try tuple()
                case "descr", "fortran_order", "shape": throw fail("the header repeats '\(key)'")
                default: throw fail("the header has an unknown key '\(key)'")
                }
                guard separator(closing: "}") else { throw fail("the header dictionary is malformed at byte \(i)") }
            }
            try expect("}")
            while i < bytes.count && (bytes[i] == 0x20) { i += 1 }
            guard i == bytes.count - 1 else { throw fail("the header has text after its dictionary") }
            guard let descr, let fortran, let shape else {
                throw fail("the header lacks \(descr == nil ? "descr" : fortran == nil ? "fortran_order" : "shape")")
            }
            return Header(descr: descr, fortranOrder: fortran, shape: shape)
        }

        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

        /// After an item: a comma (taken) or the closing bracket (left for the caller); false for anything else.
        mutating func separator(closing: Unicode.Scalar) -> Bool {
            skipSpaces()
            if peek() == UInt8(ascii: ",") {
                i += 1
                return true
            }
            return peek() == UInt8(ascii: closing)
        }

        mutating func skipSpaces() { while i < bytes.count && bytes[i] == 0x20 { i += 1 } }

        mutating func expect(_ c: Unicode.Scalar) throws(ResultError) {
            guard peek() == UInt8(ascii: c) else { throw fail("the header dictionary is malformed at byte \(i)") }
            i += 1
        }

        mutating func take(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, bytes[i..<i + w.count].elementsEqual(w) else { return false }
            i += w.count
            return true
        }

        /// A string in single or double quotes, without escapes (NumPy writes none in these keys and values).
        mutating func quoted() throws(ResultError) -> String {
            guard let q = peek(), q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") else {
                throw fail("the header dictionary is malformed at byte \(i)")
            }
            let start = i + 1
            var end = start
            while end < bytes.count && bytes[end] != q && bytes[end] != UInt8(ascii: "\\") { end += 1 }
            guard end < bytes.count, bytes[end] == q, end - start <= 64 else {
                throw fail("the header dictionary is malformed at byte \(i)")
            }
            i = end + 1
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }

        /// `(a, b)`, `(a,)` or `()`: at most 4 non-negative integers of at most 9 digits each.
        mutating func tuple() throws(ResultError) -> [Int] {
            try expect("(")
            var dims: [Int] = []
            while true {
                skipSpaces()
                if peek() == UInt8(ascii: ")") { break }
                var digits = 0
                var value = 0
                while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                    guard digits < 9 else { throw fail("shape: a dimension of more than 9 digits") }
                    value = value * 10 + Int(c - UInt8(ascii: "0"))
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { throw fail("shape: expected a tuple of integers") }
                dims.append(value)
                guard dims.count <= 4 else { throw fail("shape: more than 4 dimensions") }
                guard separator(closing: ")") else { throw fail("shape: expected a tuple of integers") }
            }
            try expect(")")
            return dims
        }
    }
}
