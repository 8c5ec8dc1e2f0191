/// How a `TextRenderer` finds fonts beyond the ones it is given.
public struct TextRendererOptions: Sendable, Hashable {
    /// Ask fontconfig for an installed font when none of the renderer's fonts has a character (default on).
    ///
    /// Turn it off for output that must not depend on the machine (golden images, `--no-system-fonts`): such
    /// characters are then drawn as missing-glyph boxes and listed in `TextRenderer.missingCharacters`.
    public var systemFonts: Bool
    /// Folders whose fonts fontconfig chooses from, instead of the fonts its configuration lists (nil, the
    /// default: fontconfig's own configuration — `FONTCONFIG_FILE`, else `/etc/fonts/fonts.conf`). For fallback
    /// from a project's own font folder only, independent of what is installed. Ignored when `systemFonts` is off.
    public var fontDirectories: [String]?

    /// Options; the defaults use the installed fonts the way fontconfig is configured.
    public init(systemFonts: Bool = true, fontDirectories: [String]? = nil) {
        self.systemFonts = systemFonts
        self.fontDirectories = fontDirectories
    }
}
