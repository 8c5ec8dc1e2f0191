/// A rendered glyph: 8-bit coverage rows (pitch == width), its placement and advance, all in whole pixels.
///
/// Immutable once made, so it can be read outside the renderer's lock.
struct CachedGlyph: Sendable {
    let width: Int
    let height: Int
    /// From the pen position to the bitmap's left edge.
    let left: Int
    /// From the baseline up to the bitmap's top row.
    let top: Int
    /// Hinted advance, rounded.
    let advance: Int
    let coverage: [UInt8]
}

/// Which font draws a scalar.
enum GlyphChoice: Hashable {
    /// Glyph `index` of font `font` (a position in the renderer's font list).
    case glyph(font: Int, index: UInt32)
    /// No font has it: the last font's glyph 0 (missing-glyph box) is drawn.
    case missing
    /// Default-ignorable: nothing is drawn and the pen does not move.
    case ignored
}

struct GlyphKey: Hashable {
    let font: Int
    let size: Int
    let index: UInt32
}

struct KerningKey: Hashable {
    let font: Int
    let size: Int
    let left: UInt32
    let right: UInt32
}

struct LineMetrics {
    let ascent: Int
    let descent: Int
    let lineHeight: Int
}

/// Everything TextRender learnt from FreeType, so repeated text costs only dictionary look-ups.
///
/// Not thread-safe: lives inside `TextRenderer` under its lock. Rendered glyphs are the only part that grows
/// with sizes used; when their bytes pass `byteLimit` they are dropped and rendered again on demand (identical
/// results, since rendering is deterministic).
struct GlyphCache {
    var choices: [UInt32: GlyphChoice] = [:]
    var glyphs: [GlyphKey: CachedGlyph] = [:]
    var kerning: [KerningKey: Int] = [:]
    var lineMetrics: [Int: LineMetrics] = [:]
    private(set) var glyphBytes = 0
    let byteLimit: Int

    init(byteLimit: Int = RenderSettings.glyphCacheByteLimit) {
        self.byteLimit = byteLimit
    }

    mutating func insert(_ glyph: CachedGlyph, for key: GlyphKey) {
        if glyphBytes + glyph.coverage.count > byteLimit {
            glyphs.removeAll(keepingCapacity: true)
            kerning.removeAll(keepingCapacity: true)
            glyphBytes = 0
        }
        glyphs[key] = glyph
        glyphBytes += glyph.coverage.count
    }
}
