import CFreeType
import Foundation
import Raster

/// Measures and draws single lines of text with FreeType, with font fallback and a glyph cache.
///
/// Thread-safe: one renderer is meant to be shared by all threads of a batch. An internal lock serialises every
/// FreeType call and cache access (FreeType objects must not be used concurrently); the painting itself runs
/// outside the lock on immutable cached bitmaps, so threads drawing into different pixmaps overlap.
/// See `TextRender.swift` for the rendering contract.
public final class TextRenderer: @unchecked Sendable {
    /// Pixel sizes used as given; sizes outside are clamped into this range.
    public static let sizeRange: ClosedRange<Int> = RenderSettings.sizeRange

    /// Version of the FreeType library in use, e.g. "2.12.1" (output was verified with 2.12.1).
    public static let freetypeVersion: String = (try? FreeTypeLibrary().version) ?? "unknown"

    /// The fonts in fallback order; the last one supplies the missing-glyph box.
    public let fonts: [FontSource]

    private let lock = NSLock()
    private let warningHandler: (@Sendable (String) -> Void)?
    // Everything below is guarded by `lock`. The faces keep their FreeType library alive.
    private let faces: [FontFace]
    private var cache = GlyphCache()
    private var warned = Set<WarningKind>()
    private var collectedWarnings: [String] = []
    /// Warnings raised during the current call, handed to `warningHandler` once the lock is released.
    private var pendingWarnings: [String] = []
    /// FreeType calls made for layout so far.
    private var freetypeCalls = 0

    private enum WarningKind {
        case missingGlyph
        case renderFailure
    }

    /// A renderer using the user's fonts first and the bundled DejaVu Sans last (`FontLocator.bundledFont()`:
    /// the embedded copy unless `ANOMARK_FONT_DIR` or the installed layout provides the file).
    ///
    /// - Parameters:
    ///   - userFontPaths: fonts given with `--font PATH`, tried in this order before the bundled font.
    ///   - warningHandler: called (outside the lock) with each warning as it happens; warnings are also kept
    ///     in `warnings`.
    /// - Throws: `TextRenderError` when `ANOMARK_FONT_DIR` names a folder without the font, or a font cannot be
    ///   loaded.
    public convenience init(
        userFontPaths: [String] = [], warningHandler: (@Sendable (String) -> Void)? = nil
    ) throws(TextRenderError) {
        try self.init(
            fonts: userFontPaths.map(FontSource.file) + [FontLocator.bundledFont()], warningHandler: warningHandler)
    }

    /// A renderer using exactly these fonts in this order; the last one supplies the missing-glyph box.
    ///
    /// - Throws: `TextRenderError.noFonts` for an empty list, `.fontLoadFailed` or `.fontNotScalable` for a bad
    ///   font, `.freetype` when FreeType itself cannot be set up.
    public convenience init(
        fonts: [FontSource], warningHandler: (@Sendable (String) -> Void)? = nil
    ) throws(TextRenderError) {
        try self.init(fonts: fonts, warningHandler: warningHandler, properties: .standard)
    }

    /// Designated initialiser; `properties` are only varied by tests.
    init(
        fonts: [FontSource], warningHandler: (@Sendable (String) -> Void)?, properties: FreeTypeProperties
    ) throws(TextRenderError) {
        guard !fonts.isEmpty else { throw .noFonts }
        let library = try FreeTypeLibrary(properties: properties)
        var faces: [FontFace] = []
        for font in fonts {
            faces.append(try FontFace(font, library: library))
        }
        self.fonts = fonts
        self.warningHandler = warningHandler
        self.faces = faces
    }

    /// Warnings reported so far (at most one per kind: missing glyph, glyph FreeType could not render).
    public var warnings: [String] {
        lock.withLock { collectedWarnings }
    }

    /// `size` clamped into `sizeRange`.
    public static func clampedSize(_ size: Int) -> Int {
        min(max(size, sizeRange.lowerBound), sizeRange.upperBound)
    }

    /// FreeType calls made for layout so far (tests check that text seen before makes none).
    var freetypeCallCount: Int {
        lock.withLock { freetypeCalls }
    }

    /// True when some font of the renderer has a glyph for `scalar` in its character map.
    public func hasGlyph(for scalar: Unicode.Scalar) -> Bool {
        lock.withLock { faces.contains { $0.glyphIndex(for: scalar) != 0 } }
    }

    /// Measures one line of text at a pixel size (clamped into `sizeRange`).
    public func measure(_ text: String, size: Int) -> TextMetrics {
        let (layout, line, newWarnings) = lock.withLock {
            let layout = layOut(text, size: Self.clampedSize(size), keepGlyphs: false)
            return (layout, lineMetrics(size: Self.clampedSize(size)), takeNewWarnings())
        }
        report(newWarnings)
        return TextMetrics(
            width: layout.width, ascent: line.ascent, descent: line.descent, lineHeight: line.lineHeight,
            inkBounds: layout.ink)
    }

    /// Draws one line of text with its pen starting at `x` on the baseline row `baseline`, clipped to the pixmap.
    ///
    /// Each pixel gets `color` source-over with alpha `color.a × coverage / 255`. `size` is clamped into
    /// `sizeRange`.
    public func draw(_ text: String, size: Int, into pixmap: inout Pixmap, x: Int, baseline: Int, color: Color) {
        let (layout, newWarnings) = lock.withLock {
            (layOut(text, size: Self.clampedSize(size), keepGlyphs: true), takeNewWarnings())
        }
        report(newWarnings)
        for placed in layout.glyphs {
            let glyph = placed.glyph
            glyph.coverage.withUnsafeBufferPointer { bytes in
                let mask = CoverageMask(width: glyph.width, height: glyph.height, pitch: glyph.width, bytes: bytes)
                pixmap.draw(mask, x: x + placed.x + glyph.left, y: baseline - glyph.top, color: color)
            }
        }
    }

    // MARK: - Layout (call with `lock` held)

    private struct PlacedGlyph {
        let glyph: CachedGlyph
        /// Pen position relative to the start of the line.
        let x: Int
    }

    private struct Layout {
        var glyphs: [PlacedGlyph] = []
        var width = 0
        var ink = Rect(x: 0, y: 0, width: 0, height: 0)
    }

    /// Positions every glyph of `text`; `keepGlyphs: false` only measures.
    private func layOut(_ text: String, size: Int, keepGlyphs: Bool) -> Layout {
        var layout = Layout()
        var pen = 0
        var previous: (font: Int, index: UInt32)?
        for scalar in text.unicodeScalars {
            let (font, index): (Int, UInt32)
            switch choice(for: scalar) {
            case .ignored:
                continue
            case .glyph(let f, let i):
                (font, index) = (f, i)
            case .missing:
                (font, index) = (faces.count - 1, 0)
                warnOnce(
                    .missingGlyph,
                    "warning: no font has a glyph for \(Self.describe(scalar)); drawing the missing-glyph box")
            }
            if let previous, previous.font == font {
                pen += kerning(font: font, size: size, previous.index, index)
            }
            let glyph = self.glyph(font: font, index: index, size: size)
            if glyph.width > 0 && glyph.height > 0 {
                let box = Rect(x: pen + glyph.left, y: -glyph.top, width: glyph.width, height: glyph.height)
                layout.ink = layout.ink.union(box)
                if keepGlyphs { layout.glyphs.append(PlacedGlyph(glyph: glyph, x: pen)) }
            }
            pen += glyph.advance
            previous = (font, index)
        }
        layout.width = pen
        return layout
    }

    /// Which font draws `scalar` (cached: the character maps do not depend on size).
    private func choice(for scalar: Unicode.Scalar) -> GlyphChoice {
        if let known = cache.choices[scalar.value] { return known }
        var result = GlyphChoice.missing
        if scalar.properties.isDefaultIgnorableCodePoint {
            result = .ignored
        } else {
            for (font, face) in faces.enumerated() {
                freetypeCalls += 1
                let index = face.glyphIndex(for: scalar)
                if index != 0 {
                    result = .glyph(font: font, index: index)
                    break
                }
            }
        }
        cache.choices[scalar.value] = result
        return result
    }

    /// The rendered glyph (cached). A glyph FreeType cannot render becomes the missing-glyph box, and that one,
    /// if it fails too, an empty glyph.
    private func glyph(font: Int, index: UInt32, size: Int) -> CachedGlyph {
        let key = GlyphKey(font: font, size: size, index: index)
        if let known = cache.glyphs[key] { return known }
        let face = faces[font]
        freetypeCalls += 1
        var code = face.setPixelSize(size)
        if code == 0 {
            freetypeCalls += 1
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
        warnOnce(.renderFailure, "warning: cannot render \(what) (\(reason)); drawing the missing-glyph box")
        let missingFont = faces.count - 1
        let substitute =
            font == missingFont && index == 0
            ? CachedGlyph(width: 0, height: 0, left: 0, top: 0, advance: 0, coverage: [])
            : glyph(font: missingFont, index: 0, size: size)
        cache.insert(substitute, for: key)
        return substitute
    }

    private func kerning(font: Int, size: Int, _ left: UInt32, _ right: UInt32) -> Int {
        let face = faces[font]
        guard face.hasKerning else { return 0 }
        let key = KerningKey(font: font, size: size, left: left, right: right)
        if let known = cache.kerning[key] { return known }
        freetypeCalls += 2
        let value = face.setPixelSize(size) == 0 ? face.kerning(left, right) : 0
        cache.kerning[key] = value
        return value
    }

    /// Line metrics at `size`: the largest over all fonts, so the line height does not depend on the text.
    private func lineMetrics(size: Int) -> LineMetrics {
        if let known = cache.lineMetrics[size] { return known }
        var ascent = 0
        var descent = 0
        var lineHeight = 0
        for face in faces {
            freetypeCalls += 1
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

    // MARK: - Warnings

    private func warnOnce(_ kind: WarningKind, _ message: @autoclosure () -> String) {
        guard warned.insert(kind).inserted else { return }
        let text = message()
        collectedWarnings.append(text)
        pendingWarnings.append(text)
    }

    private func takeNewWarnings() -> [String] {
        defer { pendingWarnings.removeAll() }
        return pendingWarnings
    }

    /// Hands warnings to the handler outside the lock, so a handler may use the renderer.
    private func report(_ newWarnings: [String]) {
        guard let warningHandler else { return }
        for warning in newWarnings { warningHandler(warning) }
    }

    /// "U+00E9 'é'", or just "U+000A" for a control character.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        let category = scalar.properties.generalCategory
        let printable =
            category != .control && category != .format && category != .surrogate
            && category != .unassigned && category != .lineSeparator && category != .paragraphSeparator
        return printable ? "U+\(hex) '\(Character(scalar))'" : "U+\(hex)"
    }
}
