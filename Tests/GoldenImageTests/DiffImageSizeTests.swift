import GoldenImage
import Raster
import Testing

/// Images of different sizes give a diff image as large as both together; `DiffImage.size` says so before
/// anything is allocated (issue 10: `anomark diff` of a 20000×1 and a 1×20000 PNG drew a 1.6 GB image for 7 min).
@Suite("Diff image sizes")
struct DiffImageSizeTests {
    @Test func equalSizesAlwaysFit() {
        let size = ImageSize(width: 10_000, height: 10_000)
        #expect(DiffImage.size(expected: size, actual: size, composite: false) == size)
        #expect(
            DiffImage.size(expected: size, actual: size, composite: true) == ImageSize(width: 30_008, height: 10_000))
    }

    @Test func crossedSizesAreRefused() {
        let wide = ImageSize(width: 20_000, height: 1)
        let tall = ImageSize(width: 1, height: 20_000)
        #expect(DiffImage.size(expected: wide, actual: tall, composite: false) == nil)
        #expect(DiffImage.size(expected: wide, actual: tall, composite: true) == nil)
        let huge = ImageSize(width: .max / 2, height: 3)
        #expect(DiffImage.size(expected: huge, actual: ImageSize(width: 1, height: .max / 2), composite: true) == nil)
        // Small differences in size are drawn as before.
        let a = ImageSize(width: 40, height: 30)
        let b = ImageSize(width: 30, height: 40)
        #expect(DiffImage.size(expected: a, actual: b, composite: false) == ImageSize(width: 40, height: 40))
        let image = DiffImage.render(
            expected: Pixmap(width: 40, height: 30), actual: Pixmap(width: 30, height: 40),
            result: ImageComparison.compare(
                expected: Pixmap(width: 40, height: 30), actual: Pixmap(width: 30, height: 40)))
        #expect(image.width == 40 && image.height == 40)
    }
}
