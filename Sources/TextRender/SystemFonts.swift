import CFontconfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Installed fonts, through fontconfig: the last step of the fallback, for characters none of the renderer's
/// own fonts has (CJK, Devanagari … with `fonts-noto-cjk` / `fonts-noto-core` installed).
///
/// fontconfig is set up on the first question, so a run whose text the renderer's fonts cover never reads its
/// configuration or caches. The answer for a character depends only on the character (and on the machine's
/// fonts and configuration, and the locale fontconfig reads for its language preference), never on text seen
/// before, so output stays deterministic on one machine. Not thread-safe: used under the renderer's lock.
final class SystemFonts {
    /// An installed font file and the face inside it.
    struct Font: Hashable {
        let path: String
        let faceIndex: Int
    }

    /// Folders to take fonts from instead of fontconfig's configuration (tests use `fonts/subsets`).
    private let directories: [String]?
    private var config: OpaquePointer?
    /// True once the configuration was loaded (or tried).
    private(set) var isSetUp = false
    /// Why fontconfig could not be used, once (nil while it works).
    private(set) var failure: String?

    init(directories: [String]?) {
        self.directories = directories
    }

    deinit {
        if let config { FcConfigDestroy(config) }
    }

    /// The best installed scalable font with a glyph for `scalar`, for a sans-serif panel: fontconfig's best match
    /// for family `sans-serif` and that character, or else the first entry of its sorted list whose character set
    /// has it.
    func font(for scalar: UInt32) -> Font? {
        guard let config = configuration() else { return nil }
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        guard let characters = FcCharSetCreate() else { return nil }
        FcCharSetAddChar(characters, scalar)
        FcPatternAddCharSet(pattern, FC_CHARSET, characters)
        FcCharSetDestroy(characters)  // the pattern holds its own copy
        FcPatternAddString(pattern, FC_FAMILY, "sans-serif")
        FcPatternAddBool(pattern, FC_SCALABLE, FcTrue)
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        // The best match first (one pass over the fonts); only when it cannot draw the character, the sorted
        // list (a sort of every font, several times the cost).
        var result = FcResultNoMatch
        if let match = FcFontMatch(config, pattern, &result) {
            defer { FcPatternDestroy(match) }
            if let font = Self.usable(match, for: scalar) { return font }
        }
        guard let sorted = FcFontSort(config, pattern, FcTrue, nil, &result) else { return nil }
        defer { FcFontSetDestroy(sorted) }
        for i in 0..<Int(sorted.pointee.nfont) {
            if let candidate = sorted.pointee.fonts[i], let font = Self.usable(candidate, for: scalar) { return font }
        }
        return nil
    }

    /// The font of a fontconfig pattern when its character set has `scalar` and it is scalable (bitmap-only
    /// fonts, e.g. colour emoji strikes, cannot be drawn at any size).
    private static func usable(_ candidate: OpaquePointer, for scalar: UInt32) -> Font? {
        var set: OpaquePointer?
        guard FcPatternGetCharSet(candidate, FC_CHARSET, 0, &set) == FcResultMatch,
            FcCharSetHasChar(set, scalar) == FcTrue
        else { return nil }
        var scalable = FcFalse
        if FcPatternGetBool(candidate, FC_SCALABLE, 0, &scalable) == FcResultMatch, scalable == FcFalse { return nil }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(candidate, FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
        var index: Int32 = 0
        if FcPatternGetInteger(candidate, FC_INDEX, 0, &index) != FcResultMatch { index = 0 }
        return Font(path: String(cString: file), faceIndex: Int(index))
    }

    private static func isReadableDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && access(path, R_OK | X_OK) == 0
    }

    /// fontconfig's configuration with its font list, loaded on first use (nil when it cannot be).
    private func configuration() -> OpaquePointer? {
        if isSetUp { return config }
        isSetUp = true
        if let directories {
            // An empty configuration with these folders' fonts as "application fonts": no XML to parse (and no
            // file path for it to leak: fontconfig 2.14.1 loses the name of a configuration file that uses
            // `<dir prefix="relative">`).
            guard let created = FcConfigCreate() else {
                failure = "cannot set up fontconfig"
                return nil
            }
            // fontconfig accepts a folder that does not exist; say so instead of silently finding nothing.
            if let unreadable = directories.first(where: {
                !Self.isReadableDirectory($0) || FcConfigAppFontAddDir(created, $0) != FcTrue
            }) {
                FcConfigDestroy(created)
                failure = "fontconfig cannot read the font folder \(unreadable)"
            } else {
                config = created
            }
        } else {
            config = FcInitLoadConfigAndFonts()
            if config == nil { failure = "cannot load fontconfig's configuration" }
        }
        return config
    }
}
