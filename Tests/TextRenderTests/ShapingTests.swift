import Foundation
import Raster
import Testing

@testable import TextRender

/// HarfBuzz shaping and FriBidi ordering, with the Noto subsets in `fonts/subsets` (nothing installed needed).
@Suite("Shaping")
struct ShapingTests {
    /// One case of `Fixtures/hb-shape.txt`: the font, the text, and hb-shape's glyphs.
    struct Recorded: CustomTestStringConvertible {
        struct Glyph: Equatable, CustomStringConvertible {
            let glyph: UInt32
            let cluster: UInt32
            let xOffset: Int
            let yOffset: Int
            let advance: Int
            var description: String { "\(glyph)=\(cluster)@\(xOffset),\(yOffset)+\(advance)" }
        }

        let font: String
        let text: String
        let glyphs: [Glyph]
        var testDescription: String { "\(font) \(text)" }
    }

    /// The recorded cases (`$ hb-shape --no-glyph-names fonts/subsets/FONT 'TEXT'` then its output line).
    static let recorded: [Recorded] = {
        let url = TestSupport.repoRoot.appendingPathComponent("Tests/TextRenderTests/Fixtures/hb-shape.txt")
        let lines = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n") ?? []
        var cases: [Recorded] = []
        var pending: (font: String, text: String)?
        for line in lines where !line.hasPrefix("#") {
            if line.hasPrefix("$ "), let path = line.range(of: "fonts/subsets/"),
                let open = line.firstIndex(of: "'"), let close = line.lastIndex(of: "'"), open < close
            {
                let font = line[path.upperBound...].prefix { $0 != " " }
                pending = (String(font), String(line[line.index(after: open)..<close]))
            } else if let (font, text) = pending {
                cases.append(Recorded(font: font, text: text, glyphs: parse(String(line))))
                pending = nil
            }
        }
        return cases
    }()

    /// `[112=7+736|1=4@126,0+0|…]` → glyphs.
    static func parse(_ line: String) -> [Recorded.Glyph] {
        line.dropFirst().dropLast().split(separator: "|").map { item in
            let (glyphCluster, advance) = split(item, "+")
            let (glyph, rest) = split(glyphCluster, "=")
            let (cluster, offsets) = split(rest, "@")
            let (x, y) = offsets.isEmpty ? ("0", "0") : split(offsets, ",")
            return Recorded.Glyph(
                glyph: UInt32(glyph)!, cluster: UInt32(cluster)!, xOffset: Int(x)!, yOffset: Int(y)!,
                advance: Int(advance)!)
        }
    }

    private static func split(_ text: some StringProtocol, _ separator: Character) -> (String, String) {
        guard let i = text.lastIndex(of: separator) else { return (String(text), "") }
        return (String(text[..<i]), String(text[text.index(after: i)...]))
    }

    static func subset(_ name: String) -> String { TestSupport.fontsDirectory + "/subsets/" + name }

    /// Our layout of `text` at `size` in hb-shape's terms: per glyph its offset from the pen (y up) and advance.
    static func layout(_ renderer: TextRenderer, _ text: String, size: Int) -> [Recorded.Glyph] {
        var pen = 0
        return renderer.positions(text, size: size).map { p in
            defer { pen += p.advance }
            return Recorded.Glyph(
                glyph: p.glyph, cluster: p.cluster, xOffset: p.x - pen, yOffset: -p.y, advance: p.advance)
        }
    }

    @Test func theFixtureHasTheCasesTheBarNames() {
        #expect(Self.recorded.count == 9)
        #expect(Self.recorded.first?.text == "خدش سطحي")
        #expect(Self.recorded.allSatisfy { !$0.glyphs.isEmpty })
    }

    /// The bar of issue 13: the Arabic name's glyph sequence and positions equal hb-shape's for the same font
    /// (and so for every recorded script). At 1000 px, the subsets' units per em, HarfBuzz's 26.6 values are
    /// whole pixels equal to font units, hinted advances included, so the comparison is exact.
    @Test(arguments: recorded)
    func glyphsAndPositionsEqualHbShape(_ recorded: Recorded) throws {
        let renderer = try TextRenderer(fonts: [.file(Self.subset(recorded.font))], options: TestSupport.noSystemFonts)
        #expect(Self.layout(renderer, recorded.text, size: 1000) == recorded.glyphs)
        #expect(renderer.missingCharacters.isEmpty)
    }

    @Test func arabicJoinsAndReadsRightToLeft() throws {
        let renderer = try TextRenderer(
            fonts: [.file(Self.subset("NotoSansArabic-Subset.ttf"))], options: TestSupport.noSystemFonts)
        let glyphs = renderer.positions("كسر", size: 24)
        // Visual order is right to left: the first letter (cluster 0) is drawn rightmost.
        #expect(glyphs.map(\.cluster) == [2, 1, 0])
        #expect(glyphs.map(\.x) == glyphs.map(\.x).sorted())
        // Joining forms, not the isolated letters the character map gives (which is what the old renderer drew).
        let isolated = ["ك", "س", "ر"].map { renderer.positions($0, size: 24)[0].glyph }
        #expect(glyphs.map(\.glyph) != isolated.reversed())
        #expect(glyphs.map(\.glyph).filter { isolated.contains($0) }.count <= 1)
    }

    @Test func rightToLeftNamesInsideALeftToRightLine() throws {
        // DejaVu Sans has Arabic: "File: كسر.jpg" keeps "File: " first and ".jpg" last, the name reversed between.
        let renderer = try TestSupport.bundledRenderer()
        let clusters = renderer.positions("File: كسر.jpg", size: 16).map(\.cluster)
        #expect(clusters == [0, 1, 2, 3, 4, 5, 8, 7, 6, 9, 10, 11, 12])
        #expect(renderer.missingCharacters.isEmpty)
    }

    @Test func hebrewMarksSitOnTheirLetters() throws {
        let renderer = try TextRenderer(
            fonts: [.file(Self.subset("NotoSansHebrew-Subset.ttf"))], options: TestSupport.noSystemFonts)
        let glyphs = renderer.positions("בּ", size: 40)
        #expect(glyphs.count == 2)
        let mark = try #require(glyphs.first { $0.advance == 0 })
        let letter = try #require(glyphs.first { $0.advance > 0 })
        // The dagesh is placed inside the bet, not after it at the pen as an unshaped mark would be.
        #expect(mark.x > letter.x && mark.x < letter.x + letter.advance)
    }

    @Test func devanagariReordersThePreBaseVowelSign() throws {
        let renderer = try TextRenderer(
            fonts: [.file(Self.subset("NotoSansDevanagari-Subset.ttf"))], options: TestSupport.noSystemFonts)
        // क्षति: the conjunct क्ष becomes one glyph; ि (U+093F), typed after त, is drawn before it.
        let glyphs = renderer.positions("क्षति", size: 30)
        let ta = renderer.positions("त", size: 30)[0].glyph
        #expect(glyphs.count == 3)
        #expect(glyphs.map(\.cluster) == [0, 3, 3])
        #expect(glyphs[2].glyph == ta && glyphs[1].glyph != ta)
        #expect(glyphs[1].x < glyphs[2].x)
    }

    @Test func latinLigaturesAndCombiningMarks() throws {
        let noto = try TextRenderer(
            fonts: [.file(Self.subset("NotoSans-Subset.ttf"))], options: TestSupport.noSystemFonts)
        // "office": f, f, i become one ligature glyph.
        #expect(noto.positions("office", size: 20).count == 4)
        // x + combining dot below: the dot is under the x (below the baseline, within its width).
        let mark = TestSupport.render(noto, "x\u{0323}", size: 40, x: 10, baseline: 40, color: .white)
        let x = TestSupport.render(noto, "x", size: 40, x: 10, baseline: 40, color: .white)
        let xBox = TestSupport.changedBounds(x)
        let both = TestSupport.changedBounds(mark)
        #expect(both.maxY > 40 + 2)  // the dot hangs below the baseline
        #expect(both.minX >= xBox.minX && both.maxX <= xBox.maxX)
        #expect(noto.measure("x\u{0323}", size: 40).width == noto.measure("x", size: 40).width)
        // DejaVu's "fi" ligature: "fi" is one glyph.
        #expect(try TestSupport.bundledRenderer().positions("fi", size: 20).count == 1)
    }

    @Test func glyphOriginsAreWholePixelsWhateverTheScript() throws {
        let renderer = try TestSupport.bundledRenderer()
        for text in ["AVATAR Wa", "كسر 12", "שָׁלוֹם", "e\u{0301}x\u{0323}"] {
            let base = TestSupport.render(renderer, text, size: 17, width: 160, x: 20, baseline: 30)
            let moved = TestSupport.render(renderer, text, size: 17, width: 160, x: 23, baseline: 31)
            #expect(TestSupport.count(.black, in: base) < base.pixelCount, "\(text)")
            let shifted = base.cropped(to: Rect(x: 0, y: 0, width: 157, height: 59))
            #expect(
                TestSupport.differingPixels(moved.cropped(to: Rect(x: 3, y: 1, width: 157, height: 59)), shifted) == 0,
                "\(text)")
        }
    }

    @Test func theFontsAdvancesAreTheHintedOnes() throws {
        // DejaVu's "A" at 20 px: unhinted 13.68 px, hinted and drawn 14 px. HarfBuzz must advance by 14.
        let renderer = try TestSupport.bundledRenderer()
        #expect(renderer.measure("A", size: 20).width == 14)
        #expect(renderer.measure("HH", size: 40).width == 2 * renderer.measure("H", size: 40).width)
    }
}

@Suite("Bidi isolation")
struct IsolationTests {
    @Test func namesWithoutRightToLeftCharactersStayAsTheyAre() {
        for name in ["cracked", "ひび割れ", "दरार", "Печенье", ""] {
            #expect(TextRenderer.isolated(name) == name)
        }
        #expect(TextRenderer.isolated("كسر") == "\u{2068}كسر\u{2069}")
        #expect(TextRenderer.isolated("crack ٣") == "\u{2068}crack ٣\u{2069}")
    }

    /// Without isolation an Arabic name pulls the area after it into its right-to-left run (Unicode rules W2
    /// and N1: digits after Arabic letters become Arabic numbers): "1.00  كسر %". Isolated, the line reads as
    /// written: the name, then "1.00 %".
    @Test func anIsolatedNameKeepsTheNumberAfterIt() throws {
        let renderer = try TestSupport.bundledRenderer()
        func order(_ text: String) -> [Character] {
            let scalars = Array(text.unicodeScalars)
            return renderer.positions(text, size: 16).compactMap { p in
                let s = scalars[Int(p.cluster)]
                return s == " " || s.properties.isDefaultIgnorableCodePoint ? nil : Character(s)
            }
        }
        let bare = order("كسر  1.00 %")
        #expect(bare.first == "1" && bare.last == "%")  // the defect: the number is left of the name
        let isolated = order(TextRenderer.isolated("كسر") + "  1.00 %")
        #expect(isolated == ["ر", "س", "ك", "1", ".", "0", "0", "%"])
        #expect(
            renderer.measure(TextRenderer.isolated("كسر"), size: 16).width == renderer.measure("كسر", size: 16).width)
        #expect(renderer.missingCharacters.isEmpty)
    }
}
