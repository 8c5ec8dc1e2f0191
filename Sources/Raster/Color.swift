/// A straight-alpha RGBA8 colour.
///
/// Parses `#RRGGBB`, `#RRGGBBAA` (either case) and the names `lime`, `black`, `white`, `red`, `green`,
/// `yellow`, `transparent`.
public struct Color: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0…255.
    public var r: UInt8
    /// Green, 0…255.
    public var g: UInt8
    /// Blue, 0…255.
    public var b: UInt8
    /// Alpha, 0 (transparent) … 255 (opaque), not premultiplied.
    public var a: UInt8

    /// A colour from its channels; opaque unless `a` says otherwise.
    @inlinable public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// Fully transparent black (#00000000).
    public static let transparent = Color(r: 0, g: 0, b: 0, a: 0)
    /// Opaque black (#000000), the panel's default box colour.
    public static let black = Color(r: 0, g: 0, b: 0)
    /// Opaque white (#FFFFFF).
    public static let white = Color(r: 255, g: 255, b: 255)
    /// CSS `lime` (#00FF00): the text colour of the reference samples.
    public static let lime = Color(r: 0, g: 255, b: 0)
    /// CSS `red` (#FF0000).
    public static let red = Color(r: 255, g: 0, b: 0)
    /// CSS `green` (#008000), not `lime`.
    public static let green = Color(r: 0, g: 128, b: 0)
    /// CSS `yellow` (#FFFF00).
    public static let yellow = Color(r: 255, g: 255, b: 0)

    static let named: [(String, Color)] = [
        ("transparent", .transparent), ("black", .black), ("white", .white), ("lime", .lime),
        ("red", .red), ("green", .green), ("yellow", .yellow),
    ]

    /// Parses `#RRGGBB`, `#RRGGBBAA` or a colour name; nil when the text is anything else.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        if let hit = Color.named.first(where: { $0.0 == lower }) {
            self = hit.1
            return
        }
        guard let c = Color(hex: text) else { return nil }
        self = c
    }

    /// Parses exactly `#` followed by 6 or 8 hex digits (any case); nil otherwise.
    public init?(hex text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.first == UInt8(ascii: "#"), utf8.count == 7 || utf8.count == 9 else { return nil }
        var bytes: [UInt8] = []
        var i = 1
        while i < utf8.count {
            guard let hi = Color.hexValue(utf8[i]), let lo = Color.hexValue(utf8[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        self.init(r: bytes[0], g: bytes[1], b: bytes[2], a: bytes.count == 4 ? bytes[3] : 255)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `#RRGGBB` (upper case), or `#RRGGBBAA` when not opaque.
    public var hexString: String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = [UInt8(ascii: "#")]
        for v in a == 255 ? [r, g, b] : [r, g, b, a] {
            out.append(digits[Int(v >> 4)])
            out.append(digits[Int(v & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The colour as `#RRGGBB` (or `#RRGGBBAA` when not opaque).
    public var description: String { hexString }

    /// The colour as it lies in memory (R, G, B, A bytes) read as one little-endian `UInt32`.
    @inlinable public var packed: UInt32 {
        UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | UInt32(a) << 24
    }

    /// The same colour with another alpha.
    @inlinable public func withAlpha(_ alpha: UInt8) -> Color { Color(r: r, g: g, b: b, a: alpha) }
}
