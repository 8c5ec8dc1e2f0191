import CHarfBuzz

/// HarfBuzz shaping of one run: one font, one script, one direction.
///
/// The whole line is handed to HarfBuzz and the run selected with `item_offset`/`item_length`, so the text
/// around it is context (Arabic joining across a font change, marks after a run boundary). One buffer, reused;
/// not thread-safe: used under the renderer's lock.
final class Shaper {
    /// One output glyph: its index in the run's font, the scalar offset of its cluster in the line, and its
    /// advance and offset in 26.6 pixels (y up, HarfBuzz's convention).
    struct Glyph: Equatable {
        let index: UInt32
        let cluster: UInt32
        let xAdvance: Int32
        let xOffset: Int32
        let yOffset: Int32
    }

    private let buffer: OpaquePointer

    init() {
        buffer = hb_buffer_create()
    }

    deinit {
        hb_buffer_destroy(buffer)
    }

    /// Shapes `scalars[range]` with `font`; glyphs come out in visual order, left to right, also for a
    /// right-to-left run. No language is set, so the font's default language system applies whatever the
    /// locale, and only the font's default features are used (kerning, ligatures, contextual forms, marks).
    func shape(
        _ scalars: [UInt32], range: Range<Int>, rightToLeft: Bool, script: hb_script_t, font: OpaquePointer,
        into glyphs: inout [Glyph]
    ) {
        hb_buffer_clear_contents(buffer)
        scalars.withUnsafeBufferPointer { text in
            hb_buffer_add_utf32(
                buffer, text.baseAddress, Int32(text.count), UInt32(range.lowerBound), Int32(range.count))
        }
        hb_buffer_set_direction(buffer, rightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR)
        hb_buffer_set_script(buffer, script)
        var flags = HB_BUFFER_FLAG_DEFAULT.rawValue
        if range.lowerBound == 0 { flags |= HB_BUFFER_FLAG_BOT.rawValue }
        if range.upperBound == scalars.count { flags |= HB_BUFFER_FLAG_EOT.rawValue }
        hb_buffer_set_flags(buffer, hb_buffer_flags_t(rawValue: flags))
        hb_shape(font, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count), count > 0,
            let positions = hb_buffer_get_glyph_positions(buffer, nil)
        else { return }
        glyphs.reserveCapacity(glyphs.count + Int(count))
        for i in 0..<Int(count) {
            let info = infos[i]
            let position = positions[i]
            glyphs.append(
                Glyph(
                    index: info.codepoint, cluster: info.cluster, xAdvance: position.x_advance,
                    xOffset: position.x_offset, yOffset: position.y_offset))
        }
    }

    /// The script of a scalar (Unicode's Script property, as HarfBuzz knows it).
    static func script(of scalar: UInt32) -> hb_script_t {
        hb_unicode_script(hb_unicode_funcs_get_default(), scalar)
    }
}
