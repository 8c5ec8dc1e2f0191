import Foundation

/// Finds the bundled font (DejaVu Sans) shipped with Anomark — never a system font.
///
/// Places searched, in order (the first one holding a readable `DejaVuSans.ttf` wins):
/// 1. the folder named by the environment variable `ANOMARK_FONT_DIR` (when set and not empty);
/// 2. `<folder of the running executable>/fonts/`;
/// 3. `<folder of the running executable>/../share/anomark/fonts/` (an installed layout);
/// 4. the checkout's `fonts/` folder, derived from this source file's `#filePath` (builds from a checkout).
public enum FontLocator {
    /// File name of the bundled font.
    public static let fontFileName = "DejaVuSans.ttf"
    /// Environment variable naming a folder that contains `fontFileName`.
    public static let environmentVariable = "ANOMARK_FONT_DIR"

    /// Path of the bundled font, searched as described on `FontLocator`.
    ///
    /// - Throws: `TextRenderError.fontNotFound` listing every folder tried.
    public static func bundledFontPath() throws(TextRenderError) -> String {
        try bundledFontPath(
            environment: ProcessInfo.processInfo.environment, executablePath: currentExecutablePath())
    }

    /// Path of the bundled font for an explicit environment and executable (nil when unknown); the checkout
    /// folder is derived from `sourceFilePath` (this file's by default).
    ///
    /// - Throws: `TextRenderError.fontNotFound` listing every folder tried.
    public static func bundledFontPath(
        environment: [String: String], executablePath: String?, sourceFilePath: String = #filePath
    ) throws(TextRenderError) -> String {
        let folders = candidateDirectories(
            environment: environment, executablePath: executablePath, sourceFilePath: sourceFilePath)
        for folder in folders {
            let path = join(folder, fontFileName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isReadableFile(atPath: path)
            {
                return path
            }
        }
        throw .fontNotFound(tried: folders)
    }

    /// The folders searched, in order, without looking at the file system.
    public static func candidateDirectories(
        environment: [String: String], executablePath: String?, sourceFilePath: String = #filePath
    ) -> [String] {
        var folders: [String] = []
        if let dir = environment[environmentVariable], !dir.isEmpty {
            folders.append(dir)
        }
        // Plain string operations: Foundation's URL path methods cost about a millisecond at start-up here.
        if let exe = executablePath, !exe.isEmpty {
            let exeDir = parent(exe)
            folders.append(join(exeDir, "fonts"))
            folders.append(join(parent(exeDir), "share/anomark/fonts"))
        }
        // Sources/TextRender/FontLocator.swift → repository root → fonts/
        folders.append(join(parent(parent(parent(sourceFilePath))), "fonts"))
        return folders
    }

    /// The folder containing `path` (`/` for a top-level entry, `.` for a bare name).
    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The running executable with symbolic links resolved (so a symlink in `bin/` finds the real install).
    static func currentExecutablePath() -> String? {
        #if os(Linux)
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return target
            }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }
}
