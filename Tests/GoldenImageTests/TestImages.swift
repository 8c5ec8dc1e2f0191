import Raster

/// Synthetic images for the comparison tests: no files, no FreeType.
enum TestImages {
    /// A `width` × `height` image of one colour.
    static func solid(_ width: Int, _ height: Int, _ color: Color) -> Pixmap {
        Pixmap(width: width, height: height, fill: color)
    }

    /// A deterministic opaque pattern, so that single changes are surrounded by varied pixels.
    static func pattern(_ width: Int, _ height: Int) -> Pixmap {
        var p = Pixmap(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                p[x, y] = Color(
                    r: UInt8(truncatingIfNeeded: x &* 7 &+ y), g: UInt8(truncatingIfNeeded: y &* 13),
                    b: UInt8(truncatingIfNeeded: x &* y), a: 255)
            }
        }
        return p
    }

    /// A black half-plane `nx·px + ny·py ≤ d` on white, anti-aliased with the exact area of the
    /// half-plane inside each pixel square (polygon clipping), as a rasteriser with perfect coverage
    /// would draw it.
    static func edge(_ width: Int, _ height: Int, nx: Double, ny: Double, d: Double) -> Pixmap {
        var p = Pixmap(width: width, height: height, fill: .white)
        for y in 0..<height {
            for x in 0..<width {
                let cover = coverage(x: Double(x), y: Double(y), nx: nx, ny: ny, d: d)
                let v = UInt8((255 * (1 - cover)).rounded())
                p[x, y] = Color(r: v, g: v, b: v)
            }
        }
        return p
    }

    /// Area of the unit square at (x, y) inside `nx·px + ny·py ≤ d` (Sutherland–Hodgman + shoelace).
    static func coverage(x: Double, y: Double, nx: Double, ny: Double, d: Double) -> Double {
        let square = [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]
        var clipped: [(Double, Double)] = []
        for i in 0..<square.count {
            let p = square[i]
            let q = square[(i + 1) % square.count]
            let sp = nx * p.0 + ny * p.1 - d
            let sq = nx * q.0 + ny * q.1 - d
            if sp <= 0 { clipped.append(p) }
            if (sp < 0 && sq > 0) || (sp > 0 && sq < 0) {
                let t = sp / (sp - sq)
                clipped.append((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)))
            }
        }
        guard clipped.count >= 3 else { return 0 }
        var twiceArea = 0.0
        for i in 0..<clipped.count {
            let p = clipped[i]
            let q = clipped[(i + 1) % clipped.count]
            twiceArea += p.0 * q.1 - q.0 * p.1
        }
        return abs(twiceArea) / 2
    }

    /// A copy of `image` with the pixels at `points` set to `color`.
    static func changed(_ image: Pixmap, at points: [(Int, Int)], to color: Color) -> Pixmap {
        var p = image
        for (x, y) in points { p[x, y] = color }
        return p
    }
}
