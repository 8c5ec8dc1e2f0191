import Foundation

/// A minimal TrueType font built in memory, so fallback can be tested without a second font file in `fonts/`.
///
/// unitsPerEm 1000, ascender 800, descender −200. Glyph 0 (.notdef) is empty with advance 500. Glyph 1 is a solid
/// square from (100, 0) to (900, 800) with advance 1000, mapped from every scalar in `mapped` (all in the BMP).
/// At 20 px every edge lands on a whole pixel: a 16×16 block, 2 px right of the pen, its bottom on the baseline.
enum TinyFont {
    static let mapped: [Unicode.Scalar] = ["A", "\u{E000}"]

    /// The font written once per process to the temporary folder (same bytes every time).
    static let path: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("anomark-textrender-square.ttf")
        try! Data(bytes(mapping: mapped)).write(to: url, options: .atomic)
        return url.path
    }()

    static func bytes(mapping scalars: [Unicode.Scalar]) -> [UInt8] {
        let tables: [(String, [UInt8])] = [
            ("cmap", cmap(scalars.map { UInt16($0.value) }.sorted())),
            ("glyf", glyf),
            ("head", head),
            ("hhea", hhea),
            ("hmtx", be16(500, 0) + be16(1000, 100)),
            ("loca", be16(0, 0, UInt16(glyf.count / 2))),
            ("maxp", maxp),
        ]
        var font = be32(0x0001_0000) + be16(UInt16(tables.count), 64, 2, UInt16(tables.count * 16 - 64))
        var offset = 12 + 16 * tables.count
        var body: [UInt8] = []
        for (tag, data) in tables {
            font += Array(tag.utf8) + be32(0) + be32(UInt32(offset)) + be32(UInt32(data.count))
            let padded = data + [UInt8](repeating: 0, count: (4 - data.count % 4) % 4)
            body += padded
            offset += padded.count
        }
        return font + body
    }

    /// One contour, clockwise, all points on the curve, coordinates as 16-bit deltas.
    private static let glyf: [UInt8] =
        be16(1) + be16(100, 0, 900, 800)  // contours, bounding box
        + be16(3) + be16(0)  // last point index, no instructions
        + [1, 1, 1, 1]  // flags: on curve, long deltas
        + be16(100, 0, 800, 0)  // x deltas: (100,0) (100,800) (900,800) (900,0)
        + be16(0, 800, 0, UInt16(bitPattern: -800))  // y deltas

    private static let head: [UInt8] =
        be32(0x0001_0000, 0x0001_0000, 0, 0x5F0F_3CF5)  // version, revision, checksum adjustment, magic
        + be16(0x000B, 1000)  // flags, unitsPerEm
        + [UInt8](repeating: 0, count: 16)  // created, modified
        + be16(100, 0, 900, 800)  // bounding box
        + be16(0, 8, 2, 0, 0)  // macStyle, lowestRecPPEM, direction hint, short loca, glyph data format

    private static let hhea: [UInt8] =
        be32(0x0001_0000) + be16(800, UInt16(bitPattern: -200), 0, 1000, 0, 100, 900, 1, 0, 0, 0, 0, 0, 0, 0, 2)

    private static let maxp: [UInt8] = be32(0x0001_0000) + be16(2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)

    /// cmap with one Windows Unicode BMP (3, 1) format 4 subtable: one segment per scalar, then 0xFFFF.
    private static func cmap(_ codes: [UInt16]) -> [UInt8] {
        let ends = codes + [0xFFFF]
        let n = ends.count
        var power = 1
        while power * 2 <= n { power *= 2 }
        let searchRange = UInt16(2 * power)
        let entrySelector = UInt16(power.trailingZeroBitCount)
        let deltas = codes.map { 1 &- $0 } + [1]
        var table = be16(
            4, UInt16(16 + 8 * n), 0, UInt16(2 * n), searchRange, entrySelector, UInt16(2 * n) - searchRange)
        table += be16(ends) + be16(0) + be16(ends) + be16(deltas) + be16([UInt16](repeating: 0, count: n))
        return be16(0, 1) + be16(3, 1) + be32(12) + table
    }

    private static func be16(_ values: UInt16...) -> [UInt8] { be16(values) }
    private static func be16(_ values: [UInt16]) -> [UInt8] { values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
    private static func be32(_ values: UInt32...) -> [UInt8] {
        values.flatMap { v in [24, 16, 8, 0].map { UInt8((v >> UInt32($0)) & 0xFF) } }
    }
}
