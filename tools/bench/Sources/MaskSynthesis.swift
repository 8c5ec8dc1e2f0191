import Glibc
import Raster

/// Draws an anomaly mask like the service's: irregular blobs in the anomaly types' colours with
/// anti-aliased (partly transparent) edges over a transparent white background.
enum MaskSynthesis {
    /// An anomaly type and the colour its blobs are drawn in.
    struct Kind {
        var name: String
        var color: Color
    }

    static let kinds = [
        Kind(name: "cracked", color: Color(r: 0x23, g: 0xA4, b: 0x36)),
        Kind(name: "burnt", color: Color(r: 0xD6, g: 0x27, b: 0x28)),
        Kind(name: "chipped", color: Color(r: 0x1F, g: 0x77, b: 0xB4)),
    ]

    /// A blob: centre and radius as fractions of the image side, its kind and the phase of its wobble.
    private static let blobs: [(cx: Double, cy: Double, r: Double, kind: Int, phase: Double)] = [
        (0.30, 0.35, 0.09, 0, 0.3), (0.62, 0.28, 0.05, 1, 1.7), (0.70, 0.66, 0.12, 0, 2.9),
        (0.22, 0.75, 0.06, 2, 4.1), (0.48, 0.52, 0.03, 1, 5.3), (0.85, 0.15, 0.04, 2, 0.9),
    ]

    /// The mask and, per kind, how many pixels it covers (alpha > 0).
    static func mask(width: Int, height: Int) -> (mask: Pixmap, counts: [Int]) {
        var mask = Pixmap(width: width, height: height, fill: Color(r: 255, g: 255, b: 255, a: 0))
        let side = Double(min(width, height))
        mask.withUnsafeMutableBufferPointer { px in
            for blob in blobs {
                let cx = blob.cx * Double(width)
                let cy = blob.cy * Double(height)
                let radius = blob.r * side
                let reach = Int(radius * 1.4) + 2
                let color = kinds[blob.kind].color
                for y in max(0, Int(cy) - reach)..<min(height, Int(cy) + reach) {
                    for x in max(0, Int(cx) - reach)..<min(width, Int(cx) + reach) {
                        let dx = Double(x) + 0.5 - cx
                        let dy = Double(y) + 0.5 - cy
                        let angle = atan2(dy, dx)
                        let edge = radius * (1 + 0.25 * sin(3 * angle + blob.phase) + 0.1 * sin(7 * angle))
                        // Coverage of a one-pixel-wide ramp across the edge.
                        let coverage = min(max(edge - (dx * dx + dy * dy).squareRoot() + 0.5, 0), 1)
                        guard coverage > 0 else { continue }
                        let i = (y * width + x) * 4
                        px[i] = color.r
                        px[i + 1] = color.g
                        px[i + 2] = color.b
                        px[i + 3] = UInt8((coverage * 255).rounded())
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: kinds.count)
        mask.pixels.withUnsafeBufferPointer { px in
            var i = 0
            while i < px.count {
                if px[i + 3] > 0, let k = kinds.firstIndex(where: { $0.color.r == px[i] && $0.color.g == px[i + 1] }) {
                    counts[k] += 1
                }
                i += 4
            }
        }
        return (mask, counts)
    }
}
