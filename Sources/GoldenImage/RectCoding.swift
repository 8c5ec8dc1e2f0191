import Raster

/// JSON form of a `Rect` (`{"x":…,"y":…,"width":…,"height":…}`).
///
/// Why a wrapper: `Rect` lives in Raster, which stays free of serialisation concerns, and a Codable
/// conformance added here would be retroactive.
struct RectCoding: Codable, Hashable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    init(_ rect: Rect) {
        x = rect.x
        y = rect.y
        width = rect.width
        height = rect.height
    }

    var rect: Rect { Rect(x: x, y: y, width: width, height: height) }
}
