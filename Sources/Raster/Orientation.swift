/// EXIF orientation (tag 0x0112): how the stored pixels must be turned to appear upright.
///
/// Raw values are the EXIF ones, 1…8. `Pixmap.applying(_:)` returns the upright image.
public enum Orientation: Int, Sendable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left–right.
    case upMirrored = 2
    /// 3: rotated 180°.
    case down = 3
    /// 4: mirrored top–bottom.
    case downMirrored = 4
    /// 5: transposed (mirrored across the top-left → bottom-right diagonal).
    case leftMirrored = 5
    /// 6: must be rotated 90° clockwise to be upright.
    case right = 6
    /// 7: transversed (mirrored across the other diagonal).
    case rightMirrored = 7
    /// 8: must be rotated 90° counter-clockwise to be upright.
    case left = 8

    /// True when turning upright swaps width and height (orientations 5–8).
    public var swapsDimensions: Bool { rawValue >= 5 }

    /// The stored pixel that upright pixel (`x`, `y`) shows, for stored pixels of `width` × `height` — the map
    /// `Pixmap.applying(_:)` uses.
    @inlinable public func storedPoint(x dx: Int, y dy: Int, width sw: Int, height sh: Int) -> (x: Int, y: Int) {
        switch self {
        case .up: return (dx, dy)
        case .upMirrored: return (sw - 1 - dx, dy)
        case .down: return (sw - 1 - dx, sh - 1 - dy)
        case .downMirrored: return (dx, sh - 1 - dy)
        case .leftMirrored: return (dy, dx)
        case .right: return (dy, sh - 1 - dx)
        case .rightMirrored: return (sw - 1 - dy, sh - 1 - dx)
        case .left: return (sw - 1 - dy, dx)
        }
    }

    /// The stored rectangle that upright `rect` shows (stored pixels of `width` × `height`).
    public func storedRect(_ rect: Rect, width: Int, height: Int) -> Rect {
        guard !rect.isEmpty else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        let a = storedPoint(x: rect.minX, y: rect.minY, width: width, height: height)
        let b = storedPoint(x: rect.maxX - 1, y: rect.maxY - 1, width: width, height: height)
        return Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x) + 1, height: abs(a.y - b.y) + 1)
    }
}

extension Pixmap {
    /// The image turned upright for the given EXIF orientation (a copy; `.up` returns `self`).
    public func applying(_ orientation: Orientation) -> Pixmap {
        if orientation == .up { return self }
        let sw = width
        let sh = height
        let (dw, dh) = orientation.swapsDimensions ? (sh, sw) : (sw, sh)
        // For each destination pixel (dx, dy), the source pixel it comes from.
        return Pixmap(width: dw, height: dh) { dst in
            pixels.withUnsafeBytes { raw in
                let src = raw.bindMemory(to: UInt32.self)
                dst.withMemoryRebound(to: UInt32.self) { out in
                    for dy in 0..<dh {
                        let rowOut = dy * dw
                        for dx in 0..<dw {
                            let (sx, sy) = orientation.storedPoint(x: dx, y: dy, width: sw, height: sh)
                            out[rowOut + dx] = src[sy * sw + sx]
                        }
                    }
                }
            }
        }
    }
}
