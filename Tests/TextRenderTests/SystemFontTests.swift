import Foundation
import Raster
import Testing

@testable import TextRender

/// The fontconfig step of the fallback, with `fonts/subsets` as fontconfig's only font folder: it runs fontconfig's
/// matching with nothing installed, and the results cannot depend on the machine. (The command-line tests run
/// fontconfig's default set-up, through `FONTCONFIG_FILE`.)
@Suite("System fonts (fontconfig)")
struct SystemFontTests {
    static let subsets = TestSupport.fontsDirectory + "/subsets"

    /// The bundled font, then fontconfig with the test configuration.
    static func renderer() throws -> TextRenderer {
        try TextRenderer(
            fonts: [.embedded], options: TextRendererOptions(systemFonts: true, fontDirectories: [subsets]))
    }

    static let japanese = "ひび割れ"
    static let arabic = "خدش سطحي"
    static let hindi = "दरार"

    /// Reproduces issue 13: a Japanese class name drew as boxes although a font with it was installed.
    @Test func aCharacterNoGivenFontHasComesFromAnInstalledFont() throws {
        let renderer = try Self.renderer()
        #expect(renderer.missingCharacters(in: Self.japanese).isEmpty)
        let glyphs = renderer.positions(Self.japanese, size: 20)
        #expect(glyphs.count == 4)
        #expect(glyphs.allSatisfy { $0.glyph != 0 })
        #expect(
            Set(glyphs.map { renderer.fontSource($0.font) }) == [
                .file(TestSupport.fontsDirectory + "/subsets/NotoSansCJKjp-Subset.otf")
            ])
        #expect(renderer.warnings.isEmpty)
        // Without system fonts: boxes, and every character listed.
        let plain = try TestSupport.bundledRenderer()
        #expect(plain.positions(Self.japanese, size: 20).allSatisfy { $0.glyph == 0 })
        #expect(plain.missingCharacters(in: Self.japanese) == ["ひ", "び", "れ", "割"])
    }

    @Test func fallbackIsPerRunOfUncoveredCharacters() throws {
        let renderer = try Self.renderer()
        let text = "Label: दरार (" + Self.japanese + ")"
        let fonts = renderer.positions(text, size: 18).map { renderer.fontSource($0.font).description }
        // DejaVu for the Latin and punctuation, the Devanagari and Japanese subsets for their runs only.
        let runs = fonts.reduce(into: [String]()) { runs, font in if runs.last != font { runs.append(font) } }
        #expect(runs.count == 5)
        #expect(runs[0] == "embedded DejaVuSans.ttf" && runs[2] == runs[0] && runs[4] == runs[0])
        #expect(runs[1].hasSuffix("NotoSansDevanagari-Subset.ttf"))
        #expect(runs[3].hasSuffix("NotoSansCJKjp-Subset.otf"))
        #expect(renderer.missingCharacters.isEmpty)
    }

    @Test func installedFontsAreUsedOnlyAfterTheGivenOnes() throws {
        // DejaVu Sans has Arabic: the bundled font draws it although the Noto Arabic subset is installed.
        let renderer = try Self.renderer()
        #expect(Set(renderer.positions(Self.arabic, size: 18).map(\.font)) == [0])
        #expect(!renderer.systemFontsLoaded)
    }

    @Test func theCommonCaseNeverSetsUpFontconfig() throws {
        let renderer = try TextRenderer(
            fonts: [.embedded],
            options: TextRendererOptions(systemFonts: true, fontDirectories: ["/nonexistent/fonts"]))
        var image = Pixmap(width: 300, height: 40, fill: .black)
        renderer.draw("Prediction: Anomalous — 99.97 % ÄÖÜ", size: 14, into: &image, x: 2, baseline: 30, color: .lime)
        #expect(!renderer.systemFontsLoaded)
        #expect(renderer.warnings.isEmpty)
        // The first missing character sets it up, here failing: said once, with the characters.
        _ = renderer.measure("ひ", size: 14)
        #expect(renderer.systemFontsLoaded)
        #expect(
            renderer.warnings == [
                "warning: no font has a glyph for U+3072 'ひ'; drawn as missing-glyph boxes",
                "warning: fontconfig cannot read the font folder /nonexistent/fonts; no system fonts used",
            ])
    }

    @Test func systemFontsOffNeverAskFontconfig() throws {
        let renderer = try TestSupport.bundledRenderer()
        _ = renderer.measure(Self.japanese + Self.hindi, size: 14)
        #expect(!renderer.systemFontsLoaded)
        #expect(renderer.missingCharacters.count == 7)
    }

    /// Which font draws a character depends on the character, not on what was drawn before: the same text in two
    /// renderers that saw other text first gives the same pixels.
    @Test func choicesDoNotDependOnEarlierText() throws {
        let a = try Self.renderer()
        let b = try Self.renderer()
        _ = a.measure(Self.hindi + Self.japanese, size: 16)
        _ = b.measure(Self.japanese, size: 16)
        let text = "傷 " + Self.hindi + " 汚れ"
        let imageA = TestSupport.render(a, text, size: 16, width: 240)
        let imageB = TestSupport.render(b, text, size: 16, width: 240)
        #expect(TestSupport.count(.black, in: imageA) < imageA.pixelCount)
        #expect(TestSupport.differingPixels(imageA, imageB) == 0)
    }

    @Test func onlyCharactersNoFontHasAreMissing() throws {
        let renderer = try Self.renderer()
        _ = renderer.measure("ひ\u{E000}क", size: 14)
        #expect(renderer.missingCharacters == ["\u{E000}"])
    }

    /// The bar of issue 13 at the renderer: Japanese, Arabic and Hindi names, no missing-glyph box anywhere.
    @Test func japaneseArabicAndHindiNamesHaveNoBoxes() throws {
        let renderer = try Self.renderer()
        for name in [Self.japanese, Self.arabic, Self.hindi] {
            let line = "\(name)  1.85 %"
            #expect(renderer.positions(line, size: 16).allSatisfy { $0.glyph != 0 }, "\(name)")
        }
        #expect(renderer.missingCharacters.isEmpty)
        #expect(renderer.warnings.isEmpty)
    }
}
