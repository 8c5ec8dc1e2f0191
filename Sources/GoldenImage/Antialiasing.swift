// pixelmatch's anti-aliasing heuristic (`antialiased()` / `hasManySiblings()`), kept step for step so
// results match the reference tool, including its tie-breaking (neighbours visited column by column,
// strict < and > when remembering the darkest and brightest) and its border rule (a pixel on the image
// edge starts with one "equal neighbour").
//
// A pixel is anti-aliasing when it has at most 2 neighbours equal to it, both darker and brighter
// neighbours, and its darkest or its brightest neighbour has 3 or more identical neighbours in both
// images — that is, it sits between two flat areas, like the grey pixels of a smoothed edge.

/// Anti-aliasing detection on raw RGBA8 buffers.
enum Antialiasing {
    /// True when pixel (x, y) of `image` looks like anti-aliasing. `image` and `other` have rows of
    /// `imageWidth` / `otherWidth` pixels; neighbours are looked up within `width` × `height`.
    static func isAntialiased(
        _ image: UnsafePointer<UInt8>, imageWidth: Int, other: UnsafePointer<UInt8>, otherWidth: Int,
        x: Int, y: Int, width: Int, height: Int
    ) -> Bool {
        let x0 = max(x - 1, 0)
        let y0 = max(y - 1, 0)
        let x2 = min(x + 1, width - 1)
        let y2 = min(y + 1, height - 1)
        let center = image + (y * imageWidth + x) * 4
        let centerWord = word(center)
        let centerY = YIQ.brightness(center)
        var zeroes = x == x0 || x == x2 || y == y0 || y == y2 ? 1 : 0
        var darkest = 0.0
        var brightest = 0.0
        var darkestX = 0
        var darkestY = 0
        var brightestX = 0
        var brightestY = 0
        var nx = x0
        while nx <= x2 {
            var ny = y0
            while ny <= y2 {
                defer { ny += 1 }
                if nx == x && ny == y { continue }
                let n = image + (ny * imageWidth + nx) * 4
                // Brightness of the centre minus the neighbour's: negative = brighter neighbour.
                let delta = word(n) == centerWord ? 0 : centerY - YIQ.brightness(n)
                if delta == 0 {
                    zeroes += 1
                    if zeroes > 2 { return false }
                } else if delta < darkest {
                    darkest = delta
                    darkestX = nx
                    darkestY = ny
                } else if delta > brightest {
                    brightest = delta
                    brightestX = nx
                    brightestY = ny
                }
            }
            nx += 1
        }
        if darkest == 0 || brightest == 0 { return false }
        return
            (hasManySiblings(image, imageWidth, darkestX, darkestY, width, height)
            && hasManySiblings(other, otherWidth, darkestX, darkestY, width, height))
            || (hasManySiblings(image, imageWidth, brightestX, brightestY, width, height)
                && hasManySiblings(other, otherWidth, brightestX, brightestY, width, height))
    }

    /// True when pixel (x, y) has 3 or more neighbours with exactly its RGBA value.
    private static func hasManySiblings(
        _ image: UnsafePointer<UInt8>, _ imageWidth: Int, _ x: Int, _ y: Int, _ width: Int, _ height: Int
    ) -> Bool {
        let x0 = max(x - 1, 0)
        let y0 = max(y - 1, 0)
        let x2 = min(x + 1, width - 1)
        let y2 = min(y + 1, height - 1)
        let value = word(image + (y * imageWidth + x) * 4)
        var zeroes = x == x0 || x == x2 || y == y0 || y == y2 ? 1 : 0
        var nx = x0
        while nx <= x2 {
            var ny = y0
            while ny <= y2 {
                if !(nx == x && ny == y) && word(image + (ny * imageWidth + nx) * 4) == value {
                    zeroes += 1
                    if zeroes > 2 { return true }
                }
                ny += 1
            }
            nx += 1
        }
        return false
    }

    /// The 4 bytes at `p` as one word (for equality only).
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
    }
}
