/// How a `TextRenderer` finds fonts beyond the ones it is given.
public struct TextRendererOptions: Sendable, Hashable {
    /// Ask fontconfig for an installed font when none of the renderer's fonts has a character (default on).
    ///
    /// Turn it off for output that must not depend on the machine (golden images, `--no-system-fonts`): such
    /// characters are then drawn as missing-glyph boxes and listed in `TextRenderer.missingCharacters`.
    public var systemFonts: Bool
    /// A fontconfig configuration file to use instead of fontconfig's default (`FONTCONFIG_FILE`, else
    /// `/etc/fonts/fonts.conf`), e.g. one whose `<dir>` lists only a project's own fonts. Ignored when
    /// `systemFonts` is off.
    public var fontconfigFile: String?

    /// Options; the defaults use the system's fonts the way fontconfig is configured.
    public init(systemFonts: Bool = true, fontconfigFile: String? = nil) {
        self.systemFonts = systemFonts
        self.fontconfigFile = fontconfigFile
    }
}
