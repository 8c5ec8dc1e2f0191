import CFreeType
import CHarfBuzz

/// One opened font (an FT_Face), its HarfBuzz fonts, and the FreeType calls TextRender makes on it.
///
/// Not thread-safe: the owning `TextRenderer` calls it only under its lock. Keeps its library alive, because a
/// face must be released before the library it came from.
final class FontFace {
    let source: FontSource
    /// Face index inside a font collection (0 for single fonts).
    let faceIndex: Int
    private let library: FreeTypeLibrary
    private let face: FT_Face
    /// Pixel size the face is currently set to (0 before the first); setting a size runs the font's `prep`
    /// program, so it is only done on a change.
    private var pixelSize = 0
    /// HarfBuzz fonts by pixel size (see `harfBuzzFont(size:)`).
    private var harfBuzzFonts: [Int: OpaquePointer] = [:]
    /// Hinted advances in 26.6 by `size << 32 | glyph`.
    private var advances: [UInt64: Int32] = [:]
    /// FreeType calls made so far (for tests: text seen before must make none).
    private(set) var freetypeCalls = 0

    /// Opens face `faceIndex` of a font file, or the embedded font from memory (FT_New_Memory_Face: the bytes are
    /// in the binary's read-only data and outlive every face).
    init(_ source: FontSource, faceIndex: Int = 0, library: FreeTypeLibrary) throws(TextRenderError) {
        var face: FT_Face?
        let error: FT_Error
        switch source {
        case .file(let path):
            error = FT_New_Face(library.handle, path, FT_Long(faceIndex), &face)
        case .embedded:
            let bytes = EmbeddedFont.bytes
            error = FT_New_Memory_Face(
                library.handle, bytes.baseAddress, FT_Long(bytes.count), FT_Long(faceIndex), &face)
        }
        guard error == 0, let face else { throw .fontLoadFailed(path: source.description, code: error) }
        guard anomark_ft_is_scalable(face) != 0 else {
            FT_Done_Face(face)
            throw .fontNotScalable(path: source.description)
        }
        self.source = source
        self.faceIndex = faceIndex
        self.library = library
        self.face = face
    }

    deinit {
        // The HarfBuzz fonts hold a reference to the face (FT_Reference_Face): release them first.
        for font in harfBuzzFonts.values { hb_font_destroy(font) }
        FT_Done_Face(face)
    }

    /// The glyph for a Unicode scalar in the font's Unicode character map; 0 when it has none.
    func glyphIndex(for scalar: UInt32) -> UInt32 {
        freetypeCalls += 1
        return UInt32(FT_Get_Char_Index(face, FT_ULong(scalar)))
    }

    /// True when the character map has every scalar.
    func covers(_ scalars: some Sequence<UInt32>) -> Bool {
        scalars.allSatisfy { glyphIndex(for: $0) != 0 }
    }

    /// Sets the pixel size (ppem) for the following calls; returns the FreeType error code (0 on success).
    func setPixelSize(_ size: Int) -> Int32 {
        if size == pixelSize { return 0 }
        freetypeCalls += 1
        let error = FT_Set_Pixel_Sizes(face, 0, FT_UInt(size))
        pixelSize = error == 0 ? size : 0
        return error
    }

    /// Line metrics at the current size in whole pixels: ascent and descent rounded up, both positive.
    func lineMetrics() -> (ascent: Int, descent: Int, lineHeight: Int) {
        let m = face.pointee.size.pointee.metrics
        let ascent = (Int(m.ascender) + 63) >> 6
        let descent = (-Int(m.descender) + 63) >> 6
        let height = (Int(m.height) + 63) >> 6
        return (ascent, descent, max(height, ascent + descent))
    }

    // MARK: - HarfBuzz

    /// The HarfBuzz font for shaping at `size`, with the face set to that size (nil when FreeType cannot set it).
    ///
    /// HarfBuzz reads the font through FreeType (`hb_ft_font_create_referenced`, glyphs loaded with
    /// `RenderSettings.loadFlags`), so glyph lookup, extents and outline points are those of the face we draw
    /// with. Advances are the exception: hb-ft asks `FT_Get_Advance`, which for LIGHT hinting takes FreeType's fast
    /// path and returns the unhinted, fractional advance (13.68 px for DejaVu's "A" at 20 px, drawn 14 px wide).
    /// A sub-font therefore overrides the advance functions with the hinted advance of the loaded glyph (what
    /// the bitmap was rendered with, rounded to whole pixels), and inherits everything else from the hb-ft font.
    /// GPOS adjustments (kerning, mark attachment) come on top, in 26.6, and are rounded per glyph by the layout.
    ///
    /// One font per size: hb-ft takes its scale from the face's size when created, and the face is set back to
    /// this size before every use.
    func harfBuzzFont(size: Int) -> OpaquePointer? {
        guard setPixelSize(size) == 0 else { return nil }
        if let font = harfBuzzFonts[size] { return font }
        // The face's size is `size` now: hb-ft reads its scale and ppem from it.
        guard let parent = hb_ft_font_create_referenced(face) else { return nil }
        hb_ft_font_set_load_flags(parent, RenderSettings.loadFlags)
        let font = hb_font_create_sub_font(parent)
        hb_font_destroy(parent)  // the sub-font keeps its own reference
        hb_font_set_funcs(font, HintedAdvances.functions, Unmanaged.passUnretained(self).toOpaque(), nil)
        if harfBuzzFonts.count >= 64 {  // sizes are few in practice; never grow without bound
            for old in harfBuzzFonts.values { hb_font_destroy(old) }
            harfBuzzFonts.removeAll()
        }
        harfBuzzFonts[size] = font
        return font
    }

    /// The hinted advance of `glyph` at the current size, in 26.6 whole pixels (cached).
    fileprivate func hintedAdvance(_ glyph: UInt32) -> Int32 {
        let key = UInt64(pixelSize) << 32 | UInt64(glyph)
        if let known = advances[key] { return known }
        freetypeCalls += 1
        var advance: Int32 = 0
        if FT_Load_Glyph(face, glyph, RenderSettings.loadFlags) == 0, let slot = face.pointee.glyph {
            advance = Int32(truncatingIfNeeded: (Int(slot.pointee.advance.x) + 32) & ~63)
        }
        advances[key] = advance
        return advance
    }

    // MARK: - Rendering

    /// Loads, hints and renders one glyph at the current size as 8-bit coverage.
    ///
    /// - Returns: the glyph, or the FreeType error code when it cannot be rendered.
    func renderGlyph(_ index: UInt32) -> Result<CachedGlyph, FreeTypeCode> {
        freetypeCalls += 2
        var error = FT_Load_Glyph(face, index, RenderSettings.loadFlags)
        guard error == 0, let slot = face.pointee.glyph else { return .failure(FreeTypeCode(error)) }
        error = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)
        guard error == 0 else { return .failure(FreeTypeCode(error)) }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width)
        let height = Int(bitmap.rows)
        guard width > 0, height > 0, let buffer = bitmap.buffer else { return .success(.empty) }
        guard bitmap.pixel_mode == UInt8(FT_PIXEL_MODE_GRAY.rawValue), bitmap.num_grays == 256 else {
            return .failure(FreeTypeCode(Int32(FT_Err_Unimplemented_Feature)))
        }
        let pitch = Int(bitmap.pitch)
        // Copy into a tight buffer (pitch == width), top row first whatever the sign of FreeType's pitch.
        let coverage = [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            for row in 0..<height {
                let source = buffer + (pitch >= 0 ? row * pitch : (height - 1 - row) * -pitch)
                (out.baseAddress! + row * width).update(from: source, count: width)
            }
            count = width * height
        }
        return .success(
            CachedGlyph(
                width: width, height: height, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                coverage: coverage))
    }
}

/// The font functions of `FontFace`'s HarfBuzz sub-fonts: hinted horizontal advances; everything else falls
/// through to the parent hb-ft font. `font_data` is the unretained `FontFace`, which outlives its fonts.
/// Immutable once made, so sharing it between renderers and threads is safe (HarfBuzz reference-counts it).
private enum HintedAdvances {
    nonisolated(unsafe) static let functions: OpaquePointer = {
        let functions = hb_font_funcs_create()!
        hb_font_funcs_set_glyph_h_advance_func(
            functions,
            { _, fontData, glyph, _ in
                Unmanaged<FontFace>.fromOpaque(fontData!).takeUnretainedValue().hintedAdvance(glyph)
            }, nil, nil)
        hb_font_funcs_set_glyph_h_advances_func(
            functions,
            { _, fontData, count, firstGlyph, glyphStride, firstAdvance, advanceStride, _ in
                let face = Unmanaged<FontFace>.fromOpaque(fontData!).takeUnretainedValue()
                var glyph = UnsafeRawPointer(firstGlyph!)
                var advance = UnsafeMutableRawPointer(firstAdvance!)
                for _ in 0..<count {
                    advance.storeBytes(of: face.hintedAdvance(glyph.load(as: UInt32.self)), as: Int32.self)
                    glyph += Int(glyphStride)
                    advance += Int(advanceStride)
                }
            }, nil, nil)
        hb_font_funcs_make_immutable(functions)
        return functions
    }()
}

/// A FreeType error code, as an `Error` so it can travel in a `Result`.
struct FreeTypeCode: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
