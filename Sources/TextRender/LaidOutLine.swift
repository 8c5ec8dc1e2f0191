import Raster

/// A line's glyphs at one size, on whole pixels, ready to paint.
///
/// Immutable once made (the bitmaps are shared, copy-on-write arrays), so the renderer hands it out of its lock.
struct LaidOutLine: Sendable {
    struct PlacedGlyph: Sendable {
        let glyph: CachedGlyph
        /// Glyph origin relative to the pen's start and the baseline (y down).
        let x: Int
        let y: Int
    }

    /// Every glyph as shaped, left to right, with ink or without (spaces): what tests compare with `hb-shape`.
    struct Position: Equatable {
        /// Index in the renderer's `FontSet`, and the glyph in that font.
        let font: Int
        let glyph: UInt32
        /// Scalar offset of the glyph's cluster in the line.
        let cluster: UInt32
        /// Origin relative to the pen's start and the baseline (y down), and the advance, in whole pixels.
        let x: Int
        let y: Int
        let advance: Int
    }

    /// Glyphs with ink, left to right.
    var glyphs: [PlacedGlyph] = []
    var positions: [Position] = []
    /// Where the pen stops.
    var width = 0
    /// The pixels the glyphs touch, relative to the pen's start on the baseline.
    var ink = Rect(x: 0, y: 0, width: 0, height: 0)

    /// HarfBuzz's 26.6 value rounded to whole pixels (halves up, also for negative values).
    static func pixels(_ value: Int32) -> Int { (Int(value) + 32) >> 6 }
}
