import CFreeType
import CHarfBuzz
import Foundation
import Raster

/// Measures and draws single lines of text: FriBidi ordering, HarfBuzz shaping, font fallback down to
/// fontconfig's installed fonts, FreeType glyphs and a glyph cache.
///
/// Thread-safe: one renderer is meant to be shared by all threads of a batch. An internal lock serialises every
/// FreeType, HarfBuzz and fontconfig call and cache access (their objects must not be used concurrently); the
/// painting itself runs outside the lock on immutable cached bitmaps, so threads drawing into different pixmaps
/// overlap. See `TextRender.swift` for the rendering contract.
public final class TextRenderer: @unchecked Sendable {
    /// Pixel sizes used as given; sizes outside are clamped into this range.
    public static let sizeRange: ClosedRange<Int> = RenderSettings.sizeRange

    /// Version of the FreeType library in use, e.g. "2.12.1" (output was verified with 2.12.1).
    public static let freetypeVersion: String = (try? FreeTypeLibrary().version) ?? "unknown"

    /// Version of the HarfBuzz library in use, e.g. "6.0.0" (output was verified with 6.0.0).
    public static let harfBuzzVersion = String(cString: hb_version_string())

    /// The renderer's own fonts in fallback order; the last one supplies the missing-glyph box. System fonts, when
    /// on, come after them.
    public let fonts: [FontSource]
    /// Where else fonts come from.
    public let options: TextRendererOptions

    private let lock = NSLock()
    // Everything below is guarded by `lock`. The faces keep their FreeType library alive.
    private let fontSet: FontSet
    private let shaper = Shaper()
    private var cache = GlyphCache()
    /// Every scalar drawn as a missing-glyph box so far.
    private var missingSeen = Set<UInt32>()
    /// Other problems, one line each, at most one per kind.
    private var problems: [String] = []
    private var problemKinds = Set<ProblemKind>()
    /// HarfBuzz shaping calls so far.
    private var shapeCalls = 0

    private enum ProblemKind: Hashable {
        case renderFailure
    }

    /// A renderer using the user's fonts first and the bundled DejaVu Sans last (`FontLocator.bundledFont()`:
    /// the embedded copy unless `ANOMARK_FONT_DIR` or the installed layout provides the file), then — unless
    /// `options` turn them off — installed fonts through fontconfig.
    ///
    /// - Parameters:
    ///   - userFontPaths: fonts given with `--font PATH`, tried in this order before the bundled font.
    ///   - options: system fonts on or off, and which fontconfig configuration to use.
    /// - Throws: `TextRenderError` when `ANOMARK_FONT_DIR` names a folder without the font, or a font cannot be
    ///   loaded.
    public convenience init(userFontPaths: [String] = [], options: TextRendererOptions = .init())
        throws(TextRenderError)
    {
        try self.init(fonts: userFontPaths.map(FontSource.file) + [FontLocator.bundledFont()], options: options)
    }

    /// A renderer using exactly these fonts in this order (then system fonts unless `options` turn them off); the
    /// last one supplies the missing-glyph box.
    ///
    /// - Throws: `TextRenderError.noFonts` for an empty list, `.fontLoadFailed` or `.fontNotScalable` for a bad
    ///   font, `.freetype` when FreeType itself cannot be set up.
    public convenience init(fonts: [FontSource], options: TextRendererOptions = .init()) throws(TextRenderError) {
        try self.init(fonts: fonts, options: options, properties: .standard)
    }

    /// Designated initialiser; `properties` are only varied by tests.
    init(fonts: [FontSource], options: TextRendererOptions, properties: FreeTypeProperties) throws(TextRenderError) {
        guard !fonts.isEmpty else { throw .noFonts }
        let library = try FreeTypeLibrary(properties: properties)
        var faces: [FontFace] = []
        for font in fonts {
            faces.append(try FontFace(font, library: library))
        }
        self.fonts = fonts
        self.options = options
        // fontconfig itself is only set up when a character is missing from every font above.
        let systemFonts = options.systemFonts ? SystemFonts(directories: options.fontDirectories) : nil
        self.fontSet = FontSet(faces: faces, library: library, systemFonts: systemFonts)
    }

    /// `size` clamped into `sizeRange`.
    public static func clampedSize(_ size: Int) -> Int {
        min(max(size, sizeRange.lowerBound), sizeRange.upperBound)
    }

    /// FreeType and HarfBuzz calls made for layout so far (tests check that text seen before makes none).
    var freetypeCallCount: Int {
        lock.withLock { fontSet.faces.reduce(shapeCalls) { $0 + $1.freetypeCalls } }
    }

    /// True when some font of the renderer (system fonts included, when on) has a glyph for `scalar`.
    public func hasGlyph(for scalar: Unicode.Scalar) -> Bool {
        lock.withLock { fontSet.font(for: [scalar.value]).missing.isEmpty }
    }

    // MARK: - Missing characters and warnings

    /// Every character drawn as a missing-glyph box so far (no font has it), in code point order.
    public var missingCharacters: [Unicode.Scalar] {
        lock.withLock { Self.scalars(missingSeen.sorted()) }
    }

    /// The characters of `text` no font has (they are drawn as missing-glyph boxes), in code point order. Costs no
    /// drawing, and nothing when the text was measured or drawn before.
    public func missingCharacters(in text: String) -> [Unicode.Scalar] {
        lock.withLock { Self.scalars(itemized(text).missing) }
    }

    /// The run's warnings, one line each: every missing character in one line (see `missingGlyphWarning`), then
    /// other problems (a glyph FreeType could not render, fontconfig failing).
    public var warnings: [String] { warnings(missingIn: []) }

    /// `warnings`, with the missing-character line naming `places` (the images whose text had them) and listing
    /// `extra` characters too (e.g. ones reported by an earlier run whose results are reused).
    public func warnings(missingIn places: [String], alsoMissing extra: [Unicode.Scalar] = []) -> [String] {
        lock.withLock {
            let missing = missingSeen.union(extra.map(\.value))
            var lines: [String] = []
            if !missing.isEmpty {
                lines.append(Self.missingGlyphWarning(for: Self.scalars(missing.sorted()), in: places))
                if let failure = fontSet.systemFontFailure { lines.append("warning: \(failure); no system fonts used") }
                for path in fontSet.unusableSystemFonts {
                    lines.append("warning: cannot load system font \(path); skipped")
                }
            }
            return lines + problems
        }
    }

    /// The one line saying which characters no font has:
    /// `warning: [PLACE: ]no font has a glyph for U+3072 'ひ', U+3073 'び'[ (in A, B)]; drawn as missing-glyph boxes`.
    /// One place is named like a file in an error message; several are listed (the first ten, then a count).
    package static func missingGlyphWarning(for scalars: [Unicode.Scalar], in places: [String] = []) -> String {
        let list = scalars.map(describe).joined(separator: ", ")
        let what = "no font has a glyph for \(list)"
        let end = "; drawn as missing-glyph boxes"
        switch places.count {
        case 0: return "warning: \(what)\(end)"
        case 1: return "warning: \(places[0]): \(what)\(end)"
        default:
            let shown = places.prefix(10).joined(separator: ", ")
            let more = places.count > 10 ? " and \(places.count - 10) more" : ""
            return "warning: \(what) (in \(shown)\(more))\(end)"
        }
    }

    private static func scalars(_ values: [UInt32]) -> [Unicode.Scalar] { values.compactMap(Unicode.Scalar.init) }

    /// `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (U+2068, U+2069) when it has a right-to-left
    /// or explicitly directional character, else `text` unchanged (so Latin or CJK names stay as they are).
    ///
    /// Isolated, a name takes its direction from its own first strong character and neither affects nor is
    /// affected by the text around it. For names from data placed before a value: `isolated("كسر") + "  1.00 %"`
    /// keeps the number after the name, as the line reads, where bare Arabic letters would pull it (and its
    /// digits) into their right-to-left run. The marks are default-ignorable: they take no space, draw nothing.
    package static func isolated(_ text: String) -> String {
        Bidi.mayReorder(text.unicodeScalars.map(\.value)) ? "\u{2068}" + text + "\u{2069}" : text
    }

    // MARK: - Measuring and drawing

    /// Measures one line of text at a pixel size (clamped into `sizeRange`).
    public func measure(_ text: String, size: Int) -> TextMetrics {
        let size = Self.clampedSize(size)
        let (line, metrics) = lock.withLock { (laidOut(text, size: size), lineMetrics(size: size)) }
        return TextMetrics(
            width: line.width, ascent: metrics.ascent, descent: metrics.descent, lineHeight: metrics.lineHeight,
            inkBounds: line.ink)
    }

    /// Draws one line of text with its pen starting at `x` on the baseline row `baseline`, clipped to the pixmap.
    ///
    /// Each pixel gets `color` source-over with alpha `color.a × coverage / 255`. `size` is clamped into
    /// `sizeRange`.
    public func draw(_ text: String, size: Int, into pixmap: inout Pixmap, x: Int, baseline: Int, color: Color) {
        let line = lock.withLock { laidOut(text, size: Self.clampedSize(size)) }
        for placed in line.glyphs {
            let glyph = placed.glyph
            glyph.coverage.withUnsafeBufferPointer { bytes in
                let mask = CoverageMask(width: glyph.width, height: glyph.height, pitch: glyph.width, bytes: bytes)
                pixmap.draw(
                    mask, x: x + placed.x + glyph.left, y: baseline + placed.y - glyph.top, color: color)
            }
        }
    }

    /// Every glyph of `text` at `size` as laid out (for tests).
    func positions(_ text: String, size: Int) -> [LaidOutLine.Position] {
        lock.withLock { laidOut(text, size: Self.clampedSize(size)).positions }
    }

    /// The font of each position's `font` index (for tests).
    func fontSource(_ index: Int) -> FontSource {
        lock.withLock { fontSet.faces[index].source }
    }

    /// True once fontconfig has been set up (tests check that text the renderer's fonts cover never does).
    var systemFontsLoaded: Bool {
        lock.withLock { fontSet.systemFontsLoaded }
    }

    // MARK: - Layout (call with `lock` held)

    /// Runs and missing characters of `text` (cached).
    private func itemized(_ text: String) -> ItemizedText {
        if let known = cache.itemized[text] { return known }
        let items = ItemizedText(text, fonts: fontSet)
        missingSeen.formUnion(items.missing)
        cache.insert(items, for: text)
        return items
    }

    /// Every glyph of `text` shaped and placed at `size` (cached).
    ///
    /// Runs come left to right; HarfBuzz gives each glyph an advance and an offset in 26.6. Each is rounded to
    /// whole pixels on its own (`LaidOutLine.pixels`) and the pen adds up the rounded advances, so glyph origins
    /// are whole pixels and a line's width is the sum of what its pieces advance.
    private func laidOut(_ text: String, size: Int) -> LaidOutLine {
        let key = LineKey(text: text, size: size)
        if let known = cache.lines[key] { return known }
        let items = itemized(text)
        var line = LaidOutLine()
        var pen = 0
        var shaped: [Shaper.Glyph] = []
        for run in items.runs {
            shaped.removeAll(keepingCapacity: true)
            guard let font = fontSet.faces[run.font].harfBuzzFont(size: size) else {
                problem(
                    .renderFailure, "warning: cannot set \(fontSet.faces[run.font].source) to \(size) px; not drawn")
                continue
            }
            shapeCalls += 1
            shaper.shape(
                items.scalars, range: run.range, rightToLeft: run.rightToLeft, script: run.script, font: font,
                into: &shaped)
            for g in shaped {
                let x = pen + LaidOutLine.pixels(g.xOffset)
                let y = -LaidOutLine.pixels(g.yOffset)
                let advance = LaidOutLine.pixels(g.xAdvance)
                let glyph = self.glyph(font: run.font, index: g.index, size: size)
                if glyph.width > 0 && glyph.height > 0 {
                    let box = Rect(x: x + glyph.left, y: y - glyph.top, width: glyph.width, height: glyph.height)
                    line.ink = line.ink.union(box)
                    line.glyphs.append(LaidOutLine.PlacedGlyph(glyph: glyph, x: x, y: y))
                }
                line.positions.append(
                    LaidOutLine.Position(
                        font: run.font, glyph: g.index, cluster: g.cluster, x: x, y: y, advance: advance))
                pen += advance
            }
        }
        line.width = pen
        cache.insert(line, for: key)
        return line
    }

    /// The rendered glyph (cached). A glyph FreeType cannot render becomes the missing-glyph box, and that one,
    /// if it fails too, an empty glyph.
    private func glyph(font: Int, index: UInt32, size: Int) -> CachedGlyph {
        let key = GlyphKey(font: font, size: size, index: index)
        if let known = cache.glyphs[key] { return known }
        let face = fontSet.faces[font]
        var code = face.setPixelSize(size)
        if code == 0 {
            switch face.renderGlyph(index) {
            case .success(let glyph):
                cache.insert(glyph, for: key)
                return glyph
            case .failure(let error):
                code = error.code
            }
        }
        let reason = TextRenderError.message(for: code)
        let what = "glyph \(index) of \(face.source) at \(size) px"
        problem(.renderFailure, "warning: cannot render \(what) (\(reason)); drawing the missing-glyph box")
        let box = fontSet.boxFont
        let substitute = font == box && index == 0 ? CachedGlyph.empty : glyph(font: box, index: 0, size: size)
        cache.insert(substitute, for: key)
        return substitute
    }

    /// Line metrics at `size`: the largest over the renderer's own fonts, so the line height depends neither on
    /// the text nor on which system fonts it needed.
    private func lineMetrics(size: Int) -> LineMetrics {
        if let known = cache.lineMetrics[size] { return known }
        var ascent = 0
        var descent = 0
        var lineHeight = 0
        for face in fontSet.faces.prefix(fontSet.ownCount) {
            guard face.setPixelSize(size) == 0 else { continue }
            let m = face.lineMetrics()
            ascent = max(ascent, m.ascent)
            descent = max(descent, m.descent)
            lineHeight = max(lineHeight, m.lineHeight)
        }
        let result = LineMetrics(ascent: ascent, descent: descent, lineHeight: max(lineHeight, ascent + descent))
        cache.lineMetrics[size] = result
        return result
    }

    private func problem(_ kind: ProblemKind, _ message: @autoclosure () -> String) {
        guard problemKinds.insert(kind).inserted else { return }
        problems.append(message())
    }

    /// "U+00E9 'é'", or just "U+000A" for a control character, and "U+0301 '◌́'" for a combining mark (shown on
    /// a dotted circle, as character tables do, so that it does not fall on the quote).
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        let category = scalar.properties.generalCategory
        switch category {
        case .control, .format, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator:
            return "U+\(hex)"
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return "U+\(hex) '\u{25CC}\(Character(scalar))'"
        default:
            return "U+\(hex) '\(Character(scalar))'"
        }
    }
}
