import Foundation
import Raster
import TestSupport
import TextRender

/// Paths and helpers shared by the TextRender tests. Paths come from the shared `TestFiles` (the repository
/// root found from its `#filePath`), never the current directory.
enum TestSupport {
    /// The repository root.
    static let repoRoot = TestFiles.repo
    static let fontsDirectory = repoRoot.appendingPathComponent("fonts").path
    static let bundledFont = repoRoot.appendingPathComponent("fonts/DejaVuSans.ttf").path

    /// A renderer with only the bundled font, the copy compiled into the binary (which `FontLocatorTests` checks
    /// is byte for byte `fonts/DejaVuSans.ttf`).
    /// System fonts off: what a test draws must not depend on the fonts installed on the machine.
    static func bundledRenderer() throws -> TextRenderer {
        try TextRenderer(fonts: [.embedded], options: noSystemFonts)
    }

    /// Only the fonts a test gives: no fontconfig.
    static let noSystemFonts = TextRendererOptions(systemFonts: false)

    /// `text` drawn on an opaque black pixmap.
    static func render(
        _ renderer: TextRenderer, _ text: String, size: Int, width: Int = 200, height: Int = 60,
        x: Int = 4, baseline: Int = 40, color: Color = .lime
    ) -> Pixmap {
        var image = Pixmap(width: width, height: height, fill: .black)
        renderer.draw(text, size: size, into: &image, x: x, baseline: baseline, color: color)
        return image
    }

    /// Bounding box of the pixels that differ from `background` (empty rect when none).
    static func changedBounds(_ image: Pixmap, background: Color = .black) -> Rect {
        var box = Rect(x: 0, y: 0, width: 0, height: 0)
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] != background {
                box = box.union(Rect(x: x, y: y, width: 1, height: 1))
            }
        }
        return box
    }

    /// Number of pixels that differ between two images of the same size (`Int.max` when the sizes differ).
    /// Tests compare through this rather than `==` so that a failure prints a count, not two pixel arrays.
    static func differingPixels(_ a: Pixmap, _ b: Pixmap) -> Int {
        guard a.width == b.width, a.height == b.height else { return Int.max }
        var n = 0
        for i in Swift.stride(from: 0, to: a.pixels.count, by: 4)
        where a.pixels[i..<i + 4] != b.pixels[i..<i + 4] {
            n += 1
        }
        return n
    }

    /// Number of pixels exactly equal to `color`.
    static func count(_ color: Color, in image: Pixmap) -> Int {
        var n = 0
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] == color { n += 1 }
        }
        return n
    }
}
