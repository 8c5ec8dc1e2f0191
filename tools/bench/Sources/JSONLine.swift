/// The flat JSON objects the bench prints, one per line: string and number values only, no nesting.
///
/// A tiny hand-written reader and writer rather than Foundation (see `System`). The reader accepts exactly
/// what `encode` and `floor.c` write: `{"key": "text", "key": 1.5, …}` with `\"` and `\\` escapes.
enum JSONLine {
    enum Value: Equatable {
        case string(String)
        case number(Double)
    }

    static func encode(_ fields: [(String, Value)]) -> String {
        var out = "{"
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out += ", " }
            out += quote(key) + ": "
            switch value {
            case .string(let s): out += quote(s)
            case .number(let n):
                out += n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(fixed(n))
            }
        }
        return out + "}"
    }

    /// Parses one line; nil when it is not such an object.
    static func decode(_ line: Substring) -> [String: Value]? {
        var chars = Array(line.utf8)[...]
        func skipSpace() { while let c = chars.first, c == 0x20 || c == 0x09 || c == 0x0D { chars.removeFirst() } }
        func string() -> String? {
            guard chars.first == UInt8(ascii: "\"") else { return nil }
            chars.removeFirst()
            var bytes: [UInt8] = []
            while let c = chars.popFirst() {
                if c == UInt8(ascii: "\"") { return String(decoding: bytes, as: UTF8.self) }
                if c == UInt8(ascii: "\\") {
                    guard let e = chars.popFirst() else { return nil }
                    bytes.append(e == UInt8(ascii: "n") ? 0x0A : e)
                } else {
                    bytes.append(c)
                }
            }
            return nil
        }
        skipSpace()
        guard chars.popFirst() == UInt8(ascii: "{") else { return nil }
        var result: [String: Value] = [:]
        while true {
            skipSpace()
            if chars.first == UInt8(ascii: "}") { return result }
            guard let key = string() else { return nil }
            skipSpace()
            guard chars.popFirst() == UInt8(ascii: ":") else { return nil }
            skipSpace()
            if chars.first == UInt8(ascii: "\"") {
                guard let s = string() else { return nil }
                result[key] = .string(s)
            } else {
                var text = ""
                while let c = chars.first, c != UInt8(ascii: ","), c != UInt8(ascii: "}") {
                    text.append(Character(UnicodeScalar(c)))
                    chars.removeFirst()
                }
                guard let n = Double(text.trimmingSpaces) else { return nil }
                result[key] = .number(n)
            }
            skipSpace()
            if chars.first == UInt8(ascii: ",") { chars.removeFirst() }
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// `x` with a fixed number of decimals (default three), without Foundation's `String(format:)`.
    static func fixed(_ x: Double, decimals: Int = 3) -> String {
        var unit = 1
        for _ in 0..<decimals { unit *= 10 }
        let scaled = (x * Double(unit)).rounded()
        let magnitude = Int(abs(scaled))
        var fraction = String(magnitude % unit)
        while fraction.count < decimals { fraction = "0" + fraction }
        let sign = scaled < 0 ? "-" : ""
        return decimals == 0 ? "\(sign)\(magnitude)" : "\(sign)\(magnitude / unit).\(fraction)"
    }
}

extension String {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
