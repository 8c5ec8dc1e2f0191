// Drawing onto a `Pixmap`: rectangles, blits and coverage masks (glyphs). Everything clips.

/// An 8-bit coverage mask (0 = nothing, 255 = full), e.g. a rendered glyph, borrowed for drawing.
public struct CoverageMask {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Bytes from one row to the next (≥ width).
    public let pitch: Int
    /// The coverage bytes, borrowed: valid only while the owner keeps them alive (for the drawing call).
    public let bytes: UnsafeBufferPointer<UInt8>

    /// Borrows `bytes` as a `width`×`height` mask with `pitch` bytes per row; traps if they are too few.
    public init(width: Int, height: Int, pitch: Int, bytes: UnsafeBufferPointer<UInt8>) {
        precondition(
            width >= 0 && height >= 0 && pitch >= width
                && bytes.count >= (height == 0 ? 0 : (height - 1) * pitch + width))
        self.width = width
        self.height = height
        self.pitch = pitch
        self.bytes = bytes
    }
}

extension Pixmap {
    /// Fills `rect` (clipped) with `color` using source-over; alpha 255 replaces, alpha 0 leaves the pixels untouched.
    public mutating func fill(_ rect: Rect, with color: Color) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty, color.a != 0 else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            if color.a == 255 {
                let word = color.packed
                UnsafeMutableRawPointer(base).withMemoryRebound(to: UInt32.self, capacity: w * height) { words in
                    for y in r.minY..<r.maxY {
                        let row = words + y * w
                        for x in r.minX..<r.maxX { row[x] = word }
                    }
                }
                return
            }
            let cr = UInt32(color.r)
            let cg = UInt32(color.g)
            let cb = UInt32(color.b)
            let ca = UInt32(color.a)
            for y in r.minY..<r.maxY {
                var p = base + (y * w + r.minX) * 4
                for _ in r.minX..<r.maxX {
                    Blend.sourceOver(p, r: cr, g: cg, b: cb, alpha: ca)
                    p += 4
                }
            }
        }
    }

    /// Draws the outline of `rect` with the given line `thickness`, inside the rectangle.
    public mutating func stroke(_ rect: Rect, with color: Color, thickness: Int = 1) {
        guard !rect.isEmpty, thickness > 0 else { return }
        let t = min(thickness, (min(rect.width, rect.height) + 1) / 2)
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: t), with: color)
        fill(Rect(x: rect.x, y: rect.maxY - t, width: rect.width, height: t), with: color)
        fill(Rect(x: rect.x, y: rect.y + t, width: t, height: rect.height - 2 * t), with: color)
        fill(Rect(x: rect.maxX - t, y: rect.y + t, width: t, height: rect.height - 2 * t), with: color)
    }

    /// Copies `source` with its top-left corner at (x, y), clipped. With `blend` the source is drawn
    /// source-over; without, its pixels replace the destination's.
    public mutating func blit(_ source: Pixmap, x: Int, y: Int, blend: Bool = false) {
        let dst = Rect(x: x, y: y, width: source.width, height: source.height).intersection(bounds)
        guard !dst.isEmpty else { return }
        let sw = source.width
        let w = width
        pixels.withUnsafeMutableBufferPointer { d in
            source.pixels.withUnsafeBufferPointer { s in
                for row in dst.minY..<dst.maxY {
                    let sp = s.baseAddress! + ((row - y) * sw + (dst.minX - x)) * 4
                    let dp = d.baseAddress! + (row * w + dst.minX) * 4
                    if !blend {
                        dp.update(from: sp, count: dst.width * 4)
                        continue
                    }
                    for i in 0..<dst.width {
                        let q = sp + i * 4
                        Blend.sourceOver(
                            dp + i * 4, r: UInt32(q[0]), g: UInt32(q[1]), b: UInt32(q[2]), alpha: UInt32(q[3]))
                    }
                }
            }
        }
    }

    /// Paints `color` through a coverage mask whose top-left lands at (x, y), clipped:
    /// each pixel gets source-over with alpha `color.a * coverage / 255`.
    public mutating func draw(_ mask: CoverageMask, x: Int, y: Int, color: Color) {
        let dst = Rect(x: x, y: y, width: mask.width, height: mask.height).intersection(bounds)
        guard !dst.isEmpty, color.a != 0 else { return }
        let cr = UInt32(color.r)
        let cg = UInt32(color.g)
        let cb = UInt32(color.b)
        let ca = UInt32(color.a)
        let w = width
        pixels.withUnsafeMutableBufferPointer { d in
            for row in dst.minY..<dst.maxY {
                let m = mask.bytes.baseAddress! + (row - y) * mask.pitch + (dst.minX - x)
                var p = d.baseAddress! + (row * w + dst.minX) * 4
                for i in 0..<dst.width {
                    let cov = UInt32(m[i])
                    if cov != 0 {
                        let a = ca == 255 ? cov : div255(ca &* cov)
                        Blend.sourceOver(p, r: cr, g: cg, b: cb, alpha: a)
                    }
                    p += 4
                }
            }
        }
    }
}
