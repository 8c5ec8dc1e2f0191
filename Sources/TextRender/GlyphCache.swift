/// A rendered glyph: 8-bit coverage rows (pitch == width) and their placement, in whole pixels.
///
/// Immutable once made, so it can be read outside the renderer's lock.
struct CachedGlyph: Sendable {
    let width: Int
    let height: Int
    /// From the glyph origin to the bitmap's left edge.
    let left: Int
    /// From the glyph origin's baseline up to the bitmap's top row.
    let top: Int
    let coverage: [UInt8]

    /// A glyph that draws nothing (a space, or a glyph that could not be rendered at all).
    static let empty = CachedGlyph(width: 0, height: 0, left: 0, top: 0, coverage: [])
}

struct GlyphKey: Hashable {
    let font: Int
    let size: Int
    let index: UInt32
}

struct LineKey: Hashable {
    let text: String
    let size: Int
}

struct LineMetrics {
    let ascent: Int
    let descent: Int
    let lineHeight: Int
}

/// Everything TextRender learnt from FreeType, HarfBuzz, FriBidi and fontconfig, so that text seen before costs one
/// dictionary look-up.
///
/// Not thread-safe: lives inside `TextRenderer` under its lock. What grows with the text seen is bounded: rendered
/// glyphs by their bytes (`byteLimit`), itemised texts and laid-out lines by their count (`entryLimit`); past a
/// limit that part starts afresh and is computed again on demand, with identical results (rendering is
/// deterministic and no entry depends on another).
struct GlyphCache {
    /// The first of the renderer's own fonts (not system fonts) whose character map has a scalar; -1 for none.
    var firstFont: [UInt32: Int] = [:]
    /// The system font (a face index) fontconfig chose for a scalar none of the renderer's own fonts has; -1 when
    /// it has none either.
    var systemFont: [UInt32: Int] = [:]
    /// Fonts, runs and missing characters of a text: independent of the size.
    var itemized: [String: ItemizedText] = [:]
    /// Positioned glyphs of a text at a size.
    var lines: [LineKey: LaidOutLine] = [:]
    var glyphs: [GlyphKey: CachedGlyph] = [:]
    var lineMetrics: [Int: LineMetrics] = [:]
    private(set) var glyphBytes = 0
    let byteLimit: Int
    let entryLimit: Int

    init(byteLimit: Int = RenderSettings.glyphCacheByteLimit, entryLimit: Int = RenderSettings.textCacheEntryLimit) {
        self.byteLimit = byteLimit
        self.entryLimit = entryLimit
    }

    mutating func insert(_ glyph: CachedGlyph, for key: GlyphKey) {
        if glyphBytes + glyph.coverage.count > byteLimit {
            glyphs.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)  // laid-out lines hold glyph bitmaps too
            glyphBytes = 0
        }
        glyphs[key] = glyph
        glyphBytes += glyph.coverage.count
    }

    mutating func insert(_ line: LaidOutLine, for key: LineKey) {
        if lines.count >= entryLimit { lines.removeAll(keepingCapacity: true) }
        lines[key] = line
    }

    mutating func insert(_ text: ItemizedText, for key: String) {
        if itemized.count >= entryLimit { itemized.removeAll(keepingCapacity: true) }
        itemized[key] = text
    }
}
