import CFreeType

/// One opened font (an FT_Face) and the FreeType calls TextRender makes on it.
///
/// Not thread-safe: the owning `TextRenderer` calls it only under its lock. Keeps its library alive, because a
/// face must be released before the library it came from.
final class FontFace {
    let source: FontSource
    private let library: FreeTypeLibrary
    private let face: FT_Face
    /// True when the font has a `kern` table FreeType can read.
    let hasKerning: Bool
    /// Pixel size the face is currently set to (0 before the first); setting a size runs the font's `prep`
    /// program, so it is only done on a change.
    private var pixelSize = 0

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
        self.library = library
        self.face = face
        self.hasKerning = anomark_ft_has_kerning(face) != 0
    }

    deinit {
        FT_Done_Face(face)
    }

    /// The glyph for a Unicode scalar in the font's Unicode character map; 0 when it has none.
    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        UInt32(FT_Get_Char_Index(face, FT_ULong(scalar.value)))
    }

    /// Sets the pixel size (ppem) for the following calls; returns the FreeType error code (0 on success).
    func setPixelSize(_ size: Int) -> Int32 {
        if size == pixelSize { return 0 }
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

    /// Kerning between two glyphs at the current size, rounded to whole pixels.
    func kerning(_ left: UInt32, _ right: UInt32) -> Int {
        var delta = FT_Vector()
        guard FT_Get_Kerning(face, left, right, FT_KERNING_DEFAULT.rawValue, &delta) == 0 else { return 0 }
        return (Int(delta.x) + 32) >> 6
    }

    /// Loads, hints and renders one glyph at the current size as 8-bit coverage.
    ///
    /// - Returns: the glyph, or the FreeType error code when it cannot be rendered.
    func renderGlyph(_ index: UInt32) -> Result<CachedGlyph, FreeTypeCode> {
        var error = FT_Load_Glyph(face, index, RenderSettings.loadFlags)
        guard error == 0, let slot = face.pointee.glyph else { return .failure(FreeTypeCode(error)) }
        error = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)
        guard error == 0 else { return .failure(FreeTypeCode(error)) }
        let bitmap = slot.pointee.bitmap
        let advance = (Int(slot.pointee.advance.x) + 32) >> 6
        let width = Int(bitmap.width)
        let height = Int(bitmap.rows)
        guard width > 0, height > 0, let buffer = bitmap.buffer else {
            return .success(CachedGlyph(width: 0, height: 0, left: 0, top: 0, advance: advance, coverage: []))
        }
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
                advance: advance, coverage: coverage))
    }
}

/// A FreeType error code, as an `Error` so it can travel in a `Result`.
struct FreeTypeCode: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
