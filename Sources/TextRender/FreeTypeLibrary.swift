import CFreeType

/// FreeType module properties TextRender fixes in code.
struct FreeTypeProperties: Sendable {
    /// TrueType bytecode interpreter: TT_INTERPRETER_VERSION_40 ("minimal subpixel hinting"), the default of
    /// every FreeType since 2.7. Unused by light hinting, which sends TrueType glyphs to the auto-hinter, but
    /// fixed so that no other hinting path could pick up a different interpreter.
    var interpreterVersion = UInt32(TT_INTERPRETER_VERSION_40)
    /// Emboldening of thin stems at small sizes (auto-hinter, CFF, Type 1). Off, FreeType's default: it makes
    /// glyphs heavier depending on size and is meant for gamma-corrected blending, which Raster does not do.
    var stemDarkening = false

    static let standard = FreeTypeProperties()
}

/// One FreeType library instance with settings fixed in code.
///
/// Built with FT_New_Library + FT_Add_Default_Modules rather than FT_Init_FreeType: the latter also applies the
/// FREETYPE_PROPERTIES environment variable, which would let the environment change our pixels.
/// Not thread-safe by itself: the owning `TextRenderer` serialises all use.
final class FreeTypeLibrary {
    let handle: FT_Library
    private let memory: FT_Memory

    /// - Parameter properties: always `.standard` in production; tests vary them to show that they matter.
    init(properties: FreeTypeProperties = .standard) throws(TextRenderError) {
        guard let memory = anomark_ft_memory_new() else {
            throw .freetype(operation: "memory set-up", code: Int32(FT_Err_Out_Of_Memory))
        }
        var library: FT_Library?
        let error = FT_New_Library(memory, &library)
        guard error == 0, let library else {
            anomark_ft_memory_free(memory)
            throw .freetype(operation: "FT_New_Library", code: error)
        }
        self.memory = memory
        self.handle = library
        FT_Add_Default_Modules(library)
        try configure(properties)
    }

    deinit {
        FT_Done_Library(handle)
        anomark_ft_memory_free(memory)
    }

    /// Sets every property FREETYPE_PROPERTIES could set that can change our glyphs, restating 2.12.1's
    /// defaults, so that a build configured with other defaults still renders the same way.
    private func configure(_ properties: FreeTypeProperties) throws(TextRenderError) {
        // The auto-hinter draws TrueType glyphs in light mode (see RenderSettings.loadFlags): required.
        var noDarkening = FT_Bool(properties.stemDarkening ? 0 : 1)
        try set("autofitter", "no-stem-darkening", &noDarkening, required: true)
        var version = FT_UInt(properties.interpreterVersion)
        try set("truetype", "interpreter-version", &version, required: true)
        // For user fonts in CFF, Type 1 or CID formats. A module missing from the build cannot load such fonts
        // anyway, so its absence is not an error.
        var engine = FT_UInt(FT_HINTING_ADOBE)
        for module in ["cff", "type1", "t1cid"] {
            try set(module, "hinting-engine", &engine, required: false)
            try set(module, "no-stem-darkening", &noDarkening, required: false)
        }
    }

    private func set(
        _ module: String, _ property: String, _ value: UnsafeRawPointer, required: Bool
    ) throws(TextRenderError) {
        let error = FT_Property_Set(handle, module, property, value)
        if error == 0 || (!required && error == Int32(FT_Err_Missing_Module)) { return }
        throw .freetype(operation: "FT_Property_Set(\(module), \(property))", code: error)
    }

    /// "major.minor.patch" of the FreeType library actually loaded.
    var version: String {
        var major: FT_Int = 0
        var minor: FT_Int = 0
        var patch: FT_Int = 0
        FT_Library_Version(handle, &major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
