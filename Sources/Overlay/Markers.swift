import Raster

/// Markers for small defects: a square ring in the type's colour, with a contrasting halo on both sides, drawn
/// around a region that would otherwise vanish — a 12×12 px pinhole on a 4096² photo is under one pixel in a
/// 256-px thumbnail.
///
/// The ring stands clear of the region (its inside is never painted), and it is sized for the thumbnail: at least
/// `smallAcross` thumbnail pixels across, strokes at least 2 thumbnail pixels wide.
package enum Markers {
    /// A region covering less than this fraction of the image is small (0.05 %).
    static let smallArea = 0.0005
    /// A region less than this many pixels across at thumbnail scale is small.
    static let smallAcross = 16
    /// The thumbnail width markers are sized for (`anomark report`'s default).
    package static let thumbnailWidth = 256
    /// At most this many markers, for the largest small regions: a noisy mask of specks gets a few, not a carpet.
    static let maxMarkers = 32

    /// The regions that get a marker under `mode`, in an image of `width` × `height`.
    package static func regions(
        _ regions: [MaskRegion], mode: MarkerMode, width: Int, height: Int
    ) -> [MaskRegion] {
        switch mode {
        case .never: return []
        case .always: return Array(regions.prefix(maxMarkers))
        case .auto:
            let total = width * height
            let scale = scale(width: width, height: height)
            let small = regions.filter {
                Double($0.pixels) < smallArea * Double(total)
                    || Double(max($0.bounds.width, $0.bounds.height)) * scale < Double(smallAcross)
            }
            return Array(small.prefix(maxMarkers))
        }
    }

    /// Thumbnail pixels per image pixel (at most 1: a small image is its own thumbnail).
    static func scale(width: Int, height: Int) -> Double {
        min(1, Double(thumbnailWidth) / Double(max(1, max(width, height))))
    }

    /// The ring around `region`: its outer rectangle and stroke width (halo excluded).
    static func ring(around region: MaskRegion, width: Int, height: Int) -> (rect: Rect, stroke: Int) {
        let scale = scale(width: width, height: height)
        let stroke = max(2, Int((2 / scale).rounded(.up)))
        let gap = max(2, stroke)
        let b = region.bounds
        let side = max(
            max(b.width, b.height) + 2 * (gap + stroke), Int((Double(smallAcross + 8) / scale).rounded(.up)))
        let rect = Rect(x: b.x + b.width / 2 - side / 2, y: b.y + b.height / 2 - side / 2, width: side, height: side)
        return (rect, stroke)
    }

    /// Draws a ring around each region in its type's colour (`colors[typeIndex]`), with a halo — black around a
    /// light colour, white around a dark one — so that it shows on any photo. Rings are clipped to the image.
    package static func draw(_ regions: [MaskRegion], colors: [Color], on image: inout Pixmap) {
        let width = image.width
        let height = image.height
        for region in regions where colors.indices.contains(region.typeIndex) {
            let color = colors[region.typeIndex].withAlpha(255)
            let (rect, stroke) = ring(around: region, width: width, height: height)
            let halo = max(1, stroke / 2)
            let light = 299 * Int(color.r) + 587 * Int(color.g) + 114 * Int(color.b) > 128_000
            let haloColor: Color = light ? .black : .white
            image.stroke(rect.outsetBy(halo), with: haloColor, thickness: stroke + 2 * halo)
            image.stroke(rect, with: color, thickness: stroke)
        }
    }
}
