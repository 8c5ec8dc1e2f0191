import Foundation

/// The renderer's fonts and the choice of font for each grapheme cluster.
///
/// Order: the renderer's own fonts (`--font` files, then the bundled font) as given, then — when system fonts are
/// on — the installed font fontconfig picks for a character none of them has. Faces of system fonts are opened
/// once and appended as they are first needed; which font draws a cluster depends only on the cluster, never on
/// what was drawn before. The last of the renderer's own fonts supplies the missing-glyph box.
///
/// Not thread-safe: owned by `TextRenderer` and used under its lock.
final class FontSet {
    private(set) var faces: [FontFace]
    /// How many of `faces` are the renderer's own fonts; system fonts follow.
    let ownCount: Int
    /// The font whose glyph 0 is the missing-glyph box: the last own font.
    var boxFont: Int { ownCount - 1 }
    private let library: FreeTypeLibrary
    private let systemFonts: SystemFonts?
    /// Faces opened for system fonts, by file and face index.
    private var systemFaces: [SystemFonts.Font: Int] = [:]
    /// The first own font whose character map has a scalar; -1 for none.
    private var firstOwnFont: [UInt32: Int] = [:]
    /// The face of the system font for a scalar no own font has; -1 when there is none.
    private var systemFont: [UInt32: Int] = [:]
    /// System fonts fontconfig offered that FreeType could not open, once each (for a warning).
    private(set) var unusableSystemFonts: [String] = []

    init(faces: [FontFace], library: FreeTypeLibrary, systemFonts: SystemFonts?) {
        self.faces = faces
        self.ownCount = faces.count
        self.library = library
        self.systemFonts = systemFonts
    }

    /// True once fontconfig was asked something.
    var systemFontsLoaded: Bool { systemFonts?.isSetUp ?? false }

    /// Why fontconfig could not be used, if it was tried and failed.
    var systemFontFailure: String? { systemFonts?.failure }

    /// The font that draws a grapheme cluster (its scalars without default-ignorables, not empty) and the
    /// scalars that font lacks, which are drawn as missing-glyph boxes.
    ///
    /// A cluster stays in one font, so a base and its marks are shaped together: the first font (own fonts, then
    /// the system font for the first character no own font has) that has every scalar, or the precomposed (NFC)
    /// or decomposed (NFD) form, which HarfBuzz substitutes by itself. When none has it all, the font of the
    /// first scalar draws it, boxes where it has no glyph.
    func font(for cluster: [UInt32]) -> (font: Int, missing: [UInt32]) {
        if cluster.count == 1 {
            let scalar = cluster[0]
            let own = firstOwn(scalar)
            if own >= 0 { return (own, []) }
            if let system = system(for: scalar) { return (system, []) }
            return (boxFont, [scalar])
        }
        for font in 0..<ownCount where faces[font].covers(cluster) { return (font, []) }
        let forms = Self.normalizedForms(of: cluster)  // only now: most clusters are covered as they are
        for font in 0..<ownCount where forms.dropFirst().contains(where: { faces[font].covers($0) }) {
            return (font, [])
        }
        if let uncovered = cluster.first(where: { firstOwn($0) < 0 }), let system = system(for: uncovered),
            forms.contains(where: { faces[system].covers($0) })
        {
            return (system, [])
        }
        let base = cluster[0]
        let own = firstOwn(base)
        let font = own >= 0 ? own : system(for: base) ?? boxFont
        return (font, cluster.filter { faces[font].glyphIndex(for: $0) == 0 })
    }

    /// The cluster itself, then its NFC and NFD forms when they differ.
    private static func normalizedForms(of cluster: [UInt32]) -> [[UInt32]] {
        var text = String.UnicodeScalarView()
        for value in cluster { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
        let string = String(text)
        var forms = [cluster]
        for form in [string.precomposedStringWithCanonicalMapping, string.decomposedStringWithCanonicalMapping] {
            let scalars = form.unicodeScalars.map(\.value)
            if !forms.contains(scalars) { forms.append(scalars) }
        }
        return forms
    }

    private func firstOwn(_ scalar: UInt32) -> Int {
        if let known = firstOwnFont[scalar] { return known }
        var found = -1
        for font in 0..<ownCount where faces[font].glyphIndex(for: scalar) != 0 {
            found = font
            break
        }
        firstOwnFont[scalar] = found
        return found
    }

    /// The face of fontconfig's font for `scalar` (nil when system fonts are off or none has it).
    private func system(for scalar: UInt32) -> Int? {
        guard let systemFonts else { return nil }
        if let known = systemFont[scalar] { return known >= 0 ? known : nil }
        var found = -1
        if let font = systemFonts.font(for: scalar) {
            if let open = systemFaces[font] {
                found = open
            } else if let face = try? FontFace(.file(font.path), faceIndex: font.faceIndex, library: library) {
                faces.append(face)
                found = faces.count - 1
                systemFaces[font] = found
            } else if !unusableSystemFonts.contains(font.path) {
                unusableSystemFonts.append(font.path)
            }
            // fontconfig's character set and FreeType's character map agree in practice; trust FreeType's.
            if found >= 0 && faces[found].glyphIndex(for: scalar) == 0 { found = -1 }
        }
        systemFont[scalar] = found
        return found >= 0 ? found : nil
    }
}
