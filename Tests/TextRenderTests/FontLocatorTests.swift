import Foundation
import TestSupport
import Testing

@testable import TextRender

@Suite("FontLocator")
struct FontLocatorTests {
    /// Links the repository's font into `folder/relativeFolder/DejaVuSans.ttf`.
    private func placeFont(in folder: URL, at relativeFolder: String) throws -> String {
        let dir = folder.appendingPathComponent(relativeFolder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(FontLocator.fontFileName).path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: TestSupport.bundledFont)
        return path
    }

    @Test func embeddedFontIsTheRepositoryCopy() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: TestSupport.bundledFont))
        #expect(file.count > 100_000)
        #expect(EmbeddedFont.bytes.count == file.count)
        #expect(Data(EmbeddedFont.bytes) == file)
    }

    @Test func withoutOverridesTheEmbeddedCopyIsUsed() throws {
        #expect(try FontLocator.bundledFont(fontDirectory: nil, executablePath: nil) == .embedded)
        #expect(try FontLocator.bundledFont(fontDirectory: "", executablePath: "/nonexistent/bin/anomark") == .embedded)
        let renderer = try TextRenderer()
        #expect(renderer.fonts == [try FontLocator.bundledFont()])
    }

    @Test func installedLayoutIsBesideTheBinFolder() {
        #expect(
            FontLocator.installedFontPath(executablePath: "/usr/local/bin/anomark")
                == "/usr/local/share/anomark/fonts/DejaVuSans.ttf")
        #expect(FontLocator.installedFontPath(executablePath: "/anomark") == "/share/anomark/fonts/DejaVuSans.ttf")
        #expect(FontLocator.installedFontPath(executablePath: nil) == nil)
    }

    @Test func anInstalledFontFileReplacesTheEmbeddedCopy() throws {
        let tmp = try TestFiles.tempDir(prefix: "anomark-fontlocator")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let exe = tmp.appendingPathComponent("bin/anomark").path
        #expect(try FontLocator.bundledFont(fontDirectory: nil, executablePath: exe) == .embedded)
        let installed = try placeFont(in: tmp, at: "share/anomark/fonts")
        #expect(try FontLocator.bundledFont(fontDirectory: nil, executablePath: exe) == .file(installed))
    }

    @Test func environmentFolderWinsOverTheInstalledLayout() throws {
        let tmp = try TestFiles.tempDir(prefix: "anomark-fontlocator")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fromEnvironment = try placeFont(in: tmp, at: "custom")
        _ = try placeFont(in: tmp, at: "share/anomark/fonts")
        let found = try FontLocator.bundledFont(
            fontDirectory: tmp.appendingPathComponent("custom").path,
            executablePath: tmp.appendingPathComponent("bin/anomark").path)
        #expect(found == .file(fromEnvironment))
    }

    @Test func environmentFolderWithoutTheFontIsAnError() throws {
        let tmp = try TestFiles.tempDir(prefix: "anomark-fontlocator")
        defer { try? FileManager.default.removeItem(at: tmp) }
        // Even with an installed copy and the embedded one available: the variable asked for this folder.
        _ = try placeFont(in: tmp, at: "share/anomark/fonts")
        let empty = tmp.appendingPathComponent("empty").path
        let error = #expect(throws: TextRenderError.self) {
            try FontLocator.bundledFont(
                fontDirectory: empty, executablePath: tmp.appendingPathComponent("bin/anomark").path)
        }
        #expect(error == .fontNotFound(tried: [empty]))
        #expect(error?.description.contains(empty) == true)
        #expect(error?.description.contains("ANOMARK_FONT_DIR") == true)
    }

    @Test func aFolderNamedLikeTheFontIsNotTheFont() throws {
        let tmp = try TestFiles.tempDir(prefix: "anomark-fontlocator")
        defer { try? FileManager.default.removeItem(at: tmp) }
        try FileManager.default.createDirectory(
            at: tmp.appendingPathComponent("share/anomark/fonts/DejaVuSans.ttf"), withIntermediateDirectories: true)
        let exe = tmp.appendingPathComponent("bin/anomark").path
        #expect(try FontLocator.bundledFont(fontDirectory: nil, executablePath: exe) == .embedded)
    }

    @Test func theRunningExecutableIsKnown() throws {
        let path = try #require(FontLocator.currentExecutablePath())
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }
}
