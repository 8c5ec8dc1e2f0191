import Foundation
import Raster
import Testing

@testable import TextRender

@Suite("TextRenderer set-up")
struct TextRendererTests {
    @Test func loadsTheBundledFont() throws {
        let renderer = try TestSupport.bundledRenderer()
        #expect(renderer.fonts == [.embedded])
        let metrics = renderer.measure("Hello", size: 20)
        #expect(metrics.width > 0)
        #expect(metrics.ascent > 0)
        #expect(renderer.warnings.isEmpty)
    }

    @Test func reportsTheFreeTypeVersion() {
        let parts = TextRenderer.freetypeVersion.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 3)
        #expect(parts.first == 2)
    }

    @Test func missingFontFileIsALoadError() {
        let path = TestSupport.repoRoot.appendingPathComponent("fonts/NoSuchFont.ttf").path
        let error = #expect(throws: TextRenderError.self) {
            try TextRenderer(fonts: [.file(path)], options: TestSupport.noSystemFonts)
        }
        #expect(error == .fontLoadFailed(path: path, code: 1))
        #expect(error?.description.contains("cannot open resource") == true)
        #expect(error?.description.contains(path) == true)
    }

    @Test func nonFontFileIsALoadError() {
        let path = TestSupport.repoRoot.appendingPathComponent("fonts/LICENSE-DejaVu.txt").path
        let error = #expect(throws: TextRenderError.self) {
            try TextRenderer(fonts: [.file(path)], options: TestSupport.noSystemFonts)
        }
        #expect(error == .fontLoadFailed(path: path, code: 2))
        #expect(error?.description.contains("unknown file format") == true)
    }

    @Test func aUserFontThatFailsStopsTheRenderer() {
        let error = #expect(throws: TextRenderError.self) {
            try TextRenderer(userFontPaths: ["/nonexistent/font.ttf"])
        }
        #expect(error == .fontLoadFailed(path: "/nonexistent/font.ttf", code: 1))
    }

    @Test func emptyFontListIsAnError() {
        #expect(throws: TextRenderError.noFonts) { try TextRenderer(fonts: []) }
    }

    @Test(arguments: [(-5, 1), (0, 1), (1, 1), (1000, 1000), (1001, 1000), (50_000, 1000)])
    func sizesAreClamped(size: Int, clamped: Int) throws {
        #expect(TextRenderer.clampedSize(size) == clamped)
        let renderer = try TestSupport.bundledRenderer()
        #expect(renderer.measure("l", size: size) == renderer.measure("l", size: clamped))
    }
}
