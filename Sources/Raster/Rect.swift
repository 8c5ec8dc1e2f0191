/// An integer rectangle: `x`, `y` of the top-left corner, `width` and `height` (empty when either ≤ 0).
///
/// Any four integers make a valid `Rect`, and no operation on one traps: edges and sizes that would overflow
/// `Int` saturate at `Int.min` / `Int.max` (a user can type `--ignore 9223372036854775807,1,1,1`), so a
/// rectangle far outside an image clips to nothing instead of crashing. Callers that want such input refused
/// check it where they parse it (`CompareOptions.parseRegion`).
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// The left edge.
    public var x: Int
    /// The top edge.
    public var y: Int
    /// The width in pixels (the rectangle is empty when ≤ 0).
    public var width: Int
    /// The height in pixels (the rectangle is empty when ≤ 0).
    public var height: Int

    /// A rectangle with its top-left corner at (`x`, `y`); any values are accepted.
    @inlinable public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The left edge (`x`).
    @inlinable public var minX: Int { x }
    /// The top edge (`y`).
    @inlinable public var minY: Int { y }
    /// One past the right edge (saturating).
    @inlinable public var maxX: Int { Rect.saturating(x, plus: width) }
    /// One past the bottom edge (saturating).
    @inlinable public var maxY: Int { Rect.saturating(y, plus: height) }
    /// True when the rectangle covers no pixel (width or height ≤ 0).
    @inlinable public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The overlap of two rectangles (empty, at the origin of `self`, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(minX, other.minX)
        let y0 = max(minY, other.minY)
        let x1 = min(maxX, other.maxX)
        let y1 = min(maxY, other.maxY)
        if x1 <= x0 || y1 <= y0 { return Rect(x: x0, y: y0, width: 0, height: 0) }
        return Rect(x: x0, y: y0, width: Rect.saturating(x1, minus: x0), height: Rect.saturating(y1, minus: y0))
    }

    /// The smallest rectangle containing both (an empty operand is ignored).
    public func union(_ other: Rect) -> Rect {
        if isEmpty { return other }
        if other.isEmpty { return self }
        let x0 = min(minX, other.minX)
        let y0 = min(minY, other.minY)
        return Rect(
            x: x0, y: y0, width: Rect.saturating(max(maxX, other.maxX), minus: x0),
            height: Rect.saturating(max(maxY, other.maxY), minus: y0))
    }

    /// Shrunk by `d` on every side (grown when negative).
    public func insetBy(_ d: Int) -> Rect {
        let twice = Rect.saturating(d, plus: d)
        return Rect(
            x: Rect.saturating(x, plus: d), y: Rect.saturating(y, plus: d), width: Rect.saturating(width, minus: twice),
            height: Rect.saturating(height, minus: twice))
    }

    /// Grown by `d` on every side (shrunk when negative).
    public func outsetBy(_ d: Int) -> Rect { insetBy(d == .min ? .max : -d) }

    /// Whether the pixel at (`px`, `py`) lies inside (right and bottom edges exclusive).
    public func contains(x px: Int, y py: Int) -> Bool { px >= minX && px < maxX && py >= minY && py < maxY }

    /// `x,y,width,height`, the form `--ignore` takes.
    public var description: String { "\(x),\(y),\(width),\(height)" }

    /// `a + b`, clamped to `Int.min...Int.max` instead of trapping.
    @inlinable static func saturating(_ a: Int, plus b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// `a - b`, clamped to `Int.min...Int.max` instead of trapping.
    @inlinable static func saturating(_ a: Int, minus b: Int) -> Int {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }
}
