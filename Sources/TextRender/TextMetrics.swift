import Raster

/// The size of a line of text at one pixel size, in whole pixels.
///
/// Vertical metrics describe the line, not the text: they come from the fonts' size metrics (the largest over
/// all fonts of the renderer, rounded up), so every line at one size has the same height whatever it contains.
public struct TextMetrics: Sendable, Hashable {
    /// Advance width: the sum of the glyph advances plus kerning, i.e. where the pen stops.
    public var width: Int
    /// Distance from the baseline up to the top of the line (> 0 for real fonts).
    public var ascent: Int
    /// Distance from the baseline down to the bottom of the line (positive).
    public var descent: Int
    /// Baseline-to-baseline distance for consecutive lines (≥ `ascent + descent`).
    public var lineHeight: Int
    /// The pixels the glyphs actually touch, relative to the pen origin (x = 0 at the start, y = 0 on the
    /// baseline, y growing downwards, so text above the baseline has negative y). Empty for blank text.
    public var inkBounds: Rect

    /// Metrics from their parts (measuring produces them; tests and layouts may build their own).
    public init(width: Int, ascent: Int, descent: Int, lineHeight: Int, inkBounds: Rect) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
        self.lineHeight = lineHeight
        self.inkBounds = inkBounds
    }

    /// `ascent + descent`: the height of a box that holds the line.
    public var height: Int { ascent + descent }
}
