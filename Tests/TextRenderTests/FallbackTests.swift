import Raster
import Testing

@testable import TextRender

/// Font order and fallback, with `TinyFont` (a square for "A" and U+E000, nothing else) beside DejaVu Sans.
@Suite("Font fallback")
struct FallbackTests {
    /// The 16×16 square of `TinyFont` at 20 px for a pen at (x, baseline).
    static func squareBounds(x: Int, baseline: Int) -> Rect { Rect(x: x + 2, y: baseline - 16, width: 16, height: 16) }

    @Test func dejaVuLacksTheTestCharacters() throws {
        let bundled = try TestSupport.bundledRenderer()
        let tiny = try TextRenderer(fonts: [.file(TinyFont.path)], options: TestSupport.noSystemFonts)
        #expect(bundled.hasGlyph(for: "A") && tiny.hasGlyph(for: "A"))
        #expect(!bundled.hasGlyph(for: "\u{E000}") && tiny.hasGlyph(for: "\u{E000}"))
        #expect(!bundled.hasGlyph(for: "\u{E001}") && !tiny.hasGlyph(for: "\u{E001}"))
        #expect(!tiny.hasGlyph(for: "B"))
    }

    @Test func aUserFontListedFirstTakesPrecedence() throws {
        let renderer = try TextRenderer(
            fonts: [.file(TinyFont.path), .file(TestSupport.bundledFont)], options: TestSupport.noSystemFonts)
        let image = TestSupport.render(renderer, "A", size: 20, x: 10, baseline: 30)
        #expect(TestSupport.changedBounds(image) == Self.squareBounds(x: 10, baseline: 30))
        #expect(TestSupport.count(.lime, in: image) == 16 * 16)
        #expect(renderer.measure("A", size: 20).width == 20)
        #expect(renderer.warnings.isEmpty)
    }

    @Test func characterMissingFromTheFirstFontComesFromTheNext() throws {
        let both = try TextRenderer(
            fonts: [.file(TinyFont.path), .file(TestSupport.bundledFont)], options: TestSupport.noSystemFonts)
        let bundled = try TestSupport.bundledRenderer()
        let image = TestSupport.render(both, "Bxé", size: 20)
        #expect(TestSupport.count(.black, in: image) < image.pixelCount)
        #expect(TestSupport.differingPixels(image, TestSupport.render(bundled, "Bxé", size: 20)) == 0)
        #expect(both.warnings.isEmpty)
    }

    @Test func laterFontFillsAGapOfTheBundledFont() throws {
        let renderer = try TextRenderer(
            fonts: [.file(TestSupport.bundledFont), .file(TinyFont.path)], options: TestSupport.noSystemFonts)
        let image = TestSupport.render(renderer, "\u{E000}", size: 20, x: 10, baseline: 30)
        #expect(TestSupport.changedBounds(image) == Self.squareBounds(x: 10, baseline: 30))
        #expect(TestSupport.count(.lime, in: image) == 16 * 16)
        #expect(renderer.warnings.isEmpty)
    }

    @Test func mixedFontsSharePenAndBaseline() throws {
        let renderer = try TextRenderer(
            fonts: [.file(TestSupport.bundledFont), .file(TinyFont.path)], options: TestSupport.noSystemFonts)
        let bundled = try TestSupport.bundledRenderer()
        let advance = bundled.measure("Hi", size: 20).width
        let image = TestSupport.render(renderer, "Hi\u{E000}", size: 20, x: 10, baseline: 30)
        #expect(renderer.measure("Hi\u{E000}", size: 20).width == advance + 20)
        let square = Self.squareBounds(x: 10 + advance, baseline: 30)
        #expect(TestSupport.differingPixels(image.cropped(to: square), Pixmap(width: 16, height: 16, fill: .lime)) == 0)
        // Left of the square, exactly what DejaVu alone draws for "Hi".
        let text = Rect(x: 0, y: 0, width: square.minX, height: image.height)
        let alone = TestSupport.render(bundled, "Hi", size: 20, x: 10, baseline: 30)
        #expect(TestSupport.differingPixels(image.cropped(to: text), alone.cropped(to: text)) == 0)
    }

    @Test func missingGlyphBoxComesFromTheLastFont() throws {
        // DejaVu last: its box is drawn, exactly as DejaVu alone draws it.
        let tinyFirst = try TextRenderer(
            fonts: [.file(TinyFont.path), .file(TestSupport.bundledFont)], options: TestSupport.noSystemFonts)
        let bundled = try TestSupport.bundledRenderer()
        let box = TestSupport.render(bundled, "\u{E001}", size: 20)
        #expect(TestSupport.count(.black, in: box) < box.pixelCount)
        #expect(TestSupport.differingPixels(TestSupport.render(tinyFirst, "\u{E001}", size: 20), box) == 0)
        // TinyFont last: its glyph 0 is empty with a 500-unit advance, so nothing is drawn and the pen moves 10 px.
        let tinyLast = try TextRenderer(
            fonts: [.file(TestSupport.bundledFont), .file(TinyFont.path)], options: TestSupport.noSystemFonts)
        let blank = TestSupport.render(tinyLast, "\u{E001}", size: 20)
        #expect(TestSupport.count(.black, in: blank) == blank.pixelCount)
        #expect(tinyLast.measure("\u{E001}", size: 20).width == 10)
        #expect(tinyLast.warnings.count == 1)
    }

    /// Reproduces issue 13: only the first missing character used to be warned about.
    @Test func everyMissingCharacterIsListedInOneWarning() throws {
        let renderer = try TestSupport.bundledRenderer()
        _ = TestSupport.render(renderer, "a\u{E000}b\u{E001}", size: 14)
        _ = renderer.measure("\u{E002}\u{E000}", size: 30)
        _ = TestSupport.render(renderer, "\u{E003}", size: 9)
        #expect(renderer.missingCharacters == ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}"])
        #expect(
            renderer.warnings == [
                "warning: no font has a glyph for U+E000 '\u{E000}', U+E001 '\u{E001}', U+E002 '\u{E002}', "
                    + "U+E003 '\u{E003}'; drawn as missing-glyph boxes"
            ])
        // Each renderer keeps its own list.
        let second = try TestSupport.bundledRenderer()
        _ = second.measure("\u{E001}", size: 10)
        #expect(second.missingCharacters == ["\u{E001}"])
        #expect(second.warnings.count == 1)
    }

    @Test func missingCharactersOfOneTextAreKnownWithoutDrawing() throws {
        let renderer = try TestSupport.bundledRenderer()
        #expect(renderer.missingCharacters(in: "b\u{E001}a\u{E000}\u{E001}") == ["\u{E000}", "\u{E001}"])
        #expect(renderer.missingCharacters(in: "Prediction: Anomalous") == [])
        #expect(renderer.missingCharacters == ["\u{E000}", "\u{E001}"])
    }

    @Test func theWarningNamesWhereTheCharactersWere() throws {
        let renderer = try TestSupport.bundledRenderer()
        _ = renderer.measure("\u{E000}", size: 12)
        #expect(renderer.warnings(missingIn: []) == renderer.warnings)
        #expect(
            renderer.warnings(missingIn: ["a.jpg"]) == [
                "warning: a.jpg: no font has a glyph for U+E000 '\u{E000}'; drawn as missing-glyph boxes"
            ])
        #expect(
            renderer.warnings(missingIn: ["a.jpg", "b.jpg"], alsoMissing: ["\u{E005}"]) == [
                "warning: no font has a glyph for U+E000 '\u{E000}', U+E005 '\u{E005}' (in a.jpg, b.jpg); "
                    + "drawn as missing-glyph boxes"
            ])
        let many = (1...12).map { "\($0).png" }
        let line = try #require(renderer.warnings(missingIn: many).first)
        #expect(line.contains("(in 1.png, 2.png, 3.png, 4.png, 5.png, 6.png, 7.png, 8.png, 9.png, 10.png and 2 more)"))
        // Nothing missing: no line, whatever the places.
        #expect(try TestSupport.bundledRenderer().warnings(missingIn: ["a.jpg"]).isEmpty)
    }

    @Test func controlCharactersAreNamedWithoutQuotesAndMarksOnACircle() throws {
        let renderer = try TestSupport.bundledRenderer()
        _ = renderer.measure("a\nb", size: 12)
        #expect(renderer.warnings == ["warning: no font has a glyph for U+000A; drawn as missing-glyph boxes"])
        #expect(TextRenderer.describe("\u{0301}") == "U+0301 '\u{25CC}\u{0301}'")
        #expect(TextRenderer.describe("\u{200D}") == "U+200D")
        #expect(TextRenderer.describe("ひ") == "U+3072 'ひ'")
    }

    @Test func defaultIgnorablesTakeNoSpaceAndDoNotWarn() throws {
        let renderer = try TestSupport.bundledRenderer()
        let plain = TestSupport.render(renderer, "ab", size: 20)
        let joined = TestSupport.render(renderer, "a\u{200D}b\u{FE0F}\u{200B}", size: 20)
        #expect(TestSupport.differingPixels(joined, plain) == 0)
        #expect(renderer.measure("a\u{200D}b", size: 20) == renderer.measure("ab", size: 20))
        #expect(renderer.warnings.isEmpty)
    }
}
