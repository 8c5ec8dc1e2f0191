#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides where the bundled font (DejaVu Sans) comes from — never a system font.
///
/// The font is compiled into the binary (`FontSource.embedded`, see `Sources/CAnomarkFont`), so a binary copied
/// anywhere, or linked into another package's executable, draws text without any file beside it. Two places may
/// replace the embedded copy with a `DejaVuSans.ttf` file, checked in this order:
/// 1. the folder named by the environment variable `ANOMARK_FONT_DIR` (when set and not empty). The variable is
///    an explicit request: when the folder holds no readable `DejaVuSans.ttf`, that is an error, not a silent
///    fall back to the embedded copy;
/// 2. the installed layout `<prefix>/share/anomark/fonts/DejaVuSans.ttf`, where `<prefix>` is the folder above
///    the one holding the running executable (symbolic links resolved): `/usr/bin/anomark` looks in
///    `/usr/share/anomark/fonts/`. For distributions that ship the font once, as a file (or a link to their own
///    DejaVu package), rather than inside every binary. Used only when the file is there.
///
/// Otherwise the embedded copy is used. Neither lookup reads more than one `stat` at start-up.
public enum FontLocator {
    /// File name of the bundled font.
    public static let fontFileName = "DejaVuSans.ttf"
    /// Environment variable naming a folder that contains `fontFileName`.
    public static let environmentVariable = "ANOMARK_FONT_DIR"
    /// The installed layout's font folder, relative to the installation prefix.
    public static let installedFontFolder = "share/anomark/fonts"

    /// The bundled font for this process, as described on `FontLocator`.
    ///
    /// - Throws: `TextRenderError.fontNotFound` when `ANOMARK_FONT_DIR` names a folder without the font.
    public static func bundledFont() throws(TextRenderError) -> FontSource {
        let variable = getenv(environmentVariable).map { String(cString: $0) }
        return try bundledFont(fontDirectory: variable, executablePath: currentExecutablePath())
    }

    /// The bundled font for an explicit `ANOMARK_FONT_DIR` value and executable path (each nil when unset or
    /// unknown).
    ///
    /// - Throws: `TextRenderError.fontNotFound` when `fontDirectory` is set but holds no readable font.
    public static func bundledFont(
        fontDirectory: String?, executablePath: String?
    ) throws(TextRenderError) -> FontSource {
        if let folder = fontDirectory, !folder.isEmpty {
            let path = join(folder, fontFileName)
            guard isReadableFile(path) else { throw .fontNotFound(tried: [folder]) }
            return .file(path)
        }
        if let installed = installedFontPath(executablePath: executablePath), isReadableFile(installed) {
            return .file(installed)
        }
        return .embedded
    }

    /// `<prefix>/share/anomark/fonts/DejaVuSans.ttf` for an executable at `<prefix>/<folder>/<name>` (nil when
    /// the executable is unknown).
    public static func installedFontPath(executablePath: String?) -> String? {
        guard let exe = executablePath, !exe.isEmpty else { return nil }
        return join(join(parent(parent(exe)), installedFontFolder), fontFileName)
    }

    /// The folder containing `path` (`/` for a top-level entry, `.` for a bare name). Plain string operations:
    /// Foundation's URL path methods cost about a millisecond at start-up.
    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// A regular file (after following links) that this process may read.
    static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, R_OK) == 0
    }

    /// The running executable with symbolic links resolved (so a link in `bin/` finds the real installation).
    static func currentExecutablePath() -> String? {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
            return nil
        #endif
    }
}
