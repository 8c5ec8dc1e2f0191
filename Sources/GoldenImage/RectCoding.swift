import Raster

/// JSON form of a `Rect` (`{"x":…,"y":…,"width":…,"height":…}`).
///
/// Why a wrapper: `Rect` lives in Raster, which stays free of serialisation concerns, and a Codable
/// conformance added here would be retroactive. Public so that other JSON documents (the folder diff's) write
/// rectangles the same way.
public struct RectCoding: Codable, Hashable, Sendable {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// The JSON form of `rect`.
    public init(_ rect: Rect) {
        x = rect.x
        y = rect.y
        width = rect.width
        height = rect.height
    }

    /// The rectangle.
    public var rect: Rect { Rect(x: x, y: y, width: width, height: height) }
}
