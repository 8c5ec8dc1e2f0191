// A strict JSON reader (RFC 8259): the one JSON path for result files, JSON Lines lines and inline results.
//
// Why not `JSONSerialization`: on Linux it hands back `NSNumber` for both `true` and `1`, and the result
// model must tell a JSON boolean from a number (`"IsAnomalous": 1` is an error). Why not only `JSONDecoder`:
// its errors name Swift types, not the JSON path and value a user needs to fix the file. This reader keeps
// every number's text, so messages quote the value exactly as it was written.

/// A parsed JSON value. Numbers keep their source text (`1`, `1.0` and `1e0` stay distinguishable).
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, with its text as written.
    case number(Double, text: String)
    /// A string, unescaped.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object (member names are unique: the parser refuses duplicates).
    case object([String: JSONValue])

    /// Parses one JSON document strictly (see `JSONParser`): at most 100,000 values, 256 levels deep.
    public static func parse(_ bytes: [UInt8]) throws(JSONReadError) -> JSONValue { try JSONParser.parse(bytes) }

    /// The value as a short, single-line phrase for error messages: literals and numbers as written,
    /// strings quoted and escaped (cut to `limit` characters), containers by kind.
    func rendered(limit: Int = 40) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let text): return text
        case .string(let s): return JSONValue.quoted(s, limit: limit)
        case .array(let items): return items.isEmpty ? "an empty array" : "an array"
        case .object(let members): return members.isEmpty ? "an empty object" : "an object"
        }
    }

    /// What kind of value this is, with an article ("a string", "an array"…), for "found …" phrases.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let text): return "a number (\(text))"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// `s` in double quotes with `"`, `\` and control characters escaped, cut to `limit` characters plus "…".
    static func quoted(_ s: String, limit: Int) -> String {
        var out = "\""
        var count = 0
        for scalar in s.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar == "\u{2028}"
                    || scalar == "\u{2029}"
                {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out + "\""
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var s = ""
        for shift in stride(from: 12, through: 0, by: -4) {
            s.unicodeScalars.append(digits[Int((v >> UInt32(shift)) & 15)])
        }
        return s
    }
}

/// Why a byte sequence is not JSON text. `ResultError` turns it into a user-facing message.
public enum JSONReadError: Error, Equatable, Sendable {
    /// The bytes are not UTF-8; `offset` is the first byte of the bad sequence.
    case invalidUTF8(offset: Int)
    /// A UTF-16 or UTF-32 byte-order mark: the file was saved in another encoding (e.g. by PowerShell).
    case unsupportedEncoding(String)
    /// Syntax error; the reason says what and where ("… at line 3, column 7").
    case syntax(String)
    /// More values than `JSONParser.maxValues`: a tree of them would take many times the text's size.
    case tooManyValues(limit: Int)
}

/// Parses one JSON document from UTF-8 bytes. A leading UTF-8 byte-order mark is skipped.
struct JSONParser {
    /// Containers nested deeper than this are refused (the parser recurses; results nest 4 deep).
    static let maxDepth = 256
    /// Documents with more values than this are refused as soon as the parser reaches the next one. A result has
    /// 7 per anomaly type and a few more (under 2,000 with the 254 types a mask can hold), but a parsed value takes
    /// 20–40 times the bytes of its text (`[0,0,…]`): without a cap, the 64 MiB a result file may have would
    /// become a tree of more than a gigabyte.
    static let maxValues = 100_000

    /// The document in `bytes`: UTF-8 (a leading byte-order mark skipped), at most `maxValues` values and
    /// `maxDepth` levels, duplicate member names refused.
    static func parse(_ bytes: [UInt8]) throws(JSONReadError) -> JSONValue {
        if let encoding = foreignEncoding(bytes) { throw .unsupportedEncoding(encoding) }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) { throw .invalidUTF8(offset: bad) }
        let result: Result<JSONValue, JSONReadError> = bytes.withUnsafeBufferPointer { buf in
            var parser = JSONParser(buf)
            do throws(JSONReadError) {
                return .success(try parser.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Names the encoding when the bytes start with a UTF-16/UTF-32 byte-order mark.
    private static func foreignEncoding(_ b: [UInt8]) -> String? {
        if b.count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 { return "UTF-32LE" }
        if b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { return "UTF-32BE" }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return "UTF-16LE" }
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return "UTF-16BE" }
        return nil
    }

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private var values = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    private mutating func document() throws(JSONReadError) -> JSONValue {
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        skipWhitespace()
        if i == b.count { throw .syntax("empty input (no JSON value)") }
        let v = try value()
        skipWhitespace()
        if i < b.count { throw error("unexpected \(describeByte(at: i)) after the JSON value") }
        return v
    }

    private mutating func skipWhitespace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func value() throws(JSONReadError) -> JSONValue {
        guard i < b.count else { throw error("unexpected end of input (expected a value)") }
        values += 1
        if values > JSONParser.maxValues { throw .tooManyValues(limit: JSONParser.maxValues) }
        switch b[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected \(describeByte(at: i)) (expected a value)")
        }
    }

    private mutating func literal(_ word: StaticString, _ v: JSONValue) throws(JSONReadError) -> JSONValue {
        let start = i
        let n = word.utf8CodeUnitCount
        var k = 0
        while k < n {
            guard i + k < b.count, b[i + k] == word.utf8Start[k] else {
                throw error("invalid literal (expected \(word))", at: start)
            }
            k += 1
        }
        i += n
        return v
    }

    private mutating func enter() throws(JSONReadError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func object() throws(JSONReadError) -> JSONValue {
        try enter()
        i += 1  // {
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if i < b.count && b[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in an object") }
            guard b[i] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeByte(at: i)) (expected a member name in double quotes)")
            }
            let keyStart = i
            let key = try string()
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in an object") }
            guard b[i] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeByte(at: i)) (expected ':' after a member name)")
            }
            i += 1
            skipWhitespace()
            let v = try value()
            // Duplicate names are refused: readers disagree on which one wins, so the file is ambiguous.
            if members.updateValue(v, forKey: key) != nil {
                throw error("duplicate member \(JSONValue.quoted(key, limit: 40))", at: keyStart)
            }
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in an object") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                depth -= 1
                return .object(members)
            }
            throw error("unexpected \(describeByte(at: i)) (expected ',' or '}' in an object)")
        }
    }

    private mutating func array() throws(JSONReadError) -> JSONValue {
        try enter()
        i += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if i < b.count && b[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in an array") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                depth -= 1
                return .array(items)
            }
            throw error("unexpected \(describeByte(at: i)) (expected ',' or ']' in an array)")
        }
    }

    /// Reads a string starting at the opening quote. Strings without escapes (the long base64 mask) are
    /// copied in one go; the bytes are already known to be valid UTF-8.
    private mutating func string() throws(JSONReadError) -> String {
        let open = i
        i += 1
        let start = i
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("unescaped control character \(describeByte(at: i)) in a string") }
            i += 1
        }
        guard i < b.count else { throw error("unterminated string", at: open) }
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("unescaped control character \(describeByte(at: i)) in a string") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            let escape = i
            guard i + 1 < b.count else { break }
            i += 2
            switch b[escape + 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: escape)
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate in \\u escape", at: escape)
                    }
                    let lowStart = i
                    i += 2
                    let low = try hex4(at: lowStart)
                    guard low >= 0xDC00 && low < 0xE000 else {
                        throw error("unpaired surrogate in \\u escape", at: escape)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("unpaired surrogate in \\u escape", at: escape)
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default:
                throw error("invalid escape \(describeByte(at: escape + 1)) after '\\' in a string", at: escape)
            }
        }
        throw error("unterminated string", at: open)
    }

    /// Reads the 4 hex digits at `i` (after a `\u` that starts at `escape`).
    private mutating func hex4(at escape: Int) throws(JSONReadError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < b.count else { throw error("truncated \\u escape", at: escape) }
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error("\\u escape needs 4 hex digits", at: escape)
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func number() throws(JSONReadError) -> JSONValue {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw error("invalid number (expected a digit)", at: start) }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < b.count && isDigit(b[i]) { throw error("invalid number (leading zero)", at: start) }
        } else {
            while i < b.count && isDigit(b[i]) { i += 1 }
        }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.count, isDigit(b[i]) else {
                throw error("invalid number (expected a digit after '.')", at: start)
            }
            while i < b.count && isDigit(b[i]) { i += 1 }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < b.count, isDigit(b[i]) else {
                throw error("invalid number (expected a digit in the exponent)", at: start)
            }
            while i < b.count && isDigit(b[i]) { i += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        // The grammar above is a subset of what `Double(_:)` accepts; out-of-range values become ±infinity
        // (and are then refused by the range checks of the model).
        guard let d = Double(text) else { throw error("invalid number", at: start) }
        return .number(d, text: text)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// "'x'" for printable ASCII, "U+00E9" for other characters, "end of input" past the end.
    private func describeByte(at k: Int) -> String {
        guard k < b.count else { return "end of input" }
        let c = b[k]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c < 0x80 { return "U+" + JSONValue.hex4(UInt32(c)) }
        // Decode the whole (valid) UTF-8 sequence to name the character.
        var it = UnsafeBufferPointer(rebasing: b[k..<min(b.count, k + 4)]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) {
            return "U+" + (s.value > 0xFFFF ? String(s.value, radix: 16, uppercase: true) : JSONValue.hex4(s.value))
        }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }

    private func error(_ what: String, at k: Int? = nil) -> JSONReadError {
        .syntax("\(what) at \(location(of: k ?? i))")
    }

    /// "line L, column C" (1-based; the column counts characters, not bytes).
    private func location(of offset: Int) -> String {
        var line = 1
        var column = 1
        var k = 0
        let end = min(offset, b.count)
        while k < end {
            let c = b[k]
            if c == 0x0A {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            k += 1
        }
        return "line \(line), column \(column)"
    }
}
