import Foundation
import Testing

@testable import TextRender

@Suite("FontLocator")
struct FontLocatorTests {
    /// A fresh temporary folder, removed by the caller.
    private func makeTemporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("anomark-fontlocator-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Links the repository's font into `folder/relativeFolder/DejaVuSans.ttf`.
    private func placeFont(in folder: URL, at relativeFolder: String) throws -> String {
        let dir = folder.appendingPathComponent(relativeFolder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(FontLocator.fontFileName).path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: TestSupport.bundledFont)
        return path
    }

    @Test func findsTheBundledFontOfThisCheckout() throws {
        let path = try FontLocator.bundledFontPath()
        #expect(path.hasSuffix("/" + FontLocator.fontFileName))
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: TestSupport.bundledFont))
        let renderer = try TextRenderer()
        #expect(renderer.fontPaths == [path])
    }

    @Test func checkoutFallbackIsDerivedFromTheSourceFile() throws {
        let path = try FontLocator.bundledFontPath(environment: [:], executablePath: nil)
        #expect(URL(fileURLWithPath: path).standardizedFileURL.path == TestSupport.bundledFont)
    }

    @Test func searchOrderIsEnvironmentThenExecutableThenShareThenCheckout() {
        let folders = FontLocator.candidateDirectories(
            environment: ["ANOMARK_FONT_DIR": "/opt/fonts"], executablePath: "/usr/local/bin/anomark",
            sourceFilePath: "/src/anomark/Sources/TextRender/FontLocator.swift")
        #expect(
            folders == [
                "/opt/fonts", "/usr/local/bin/fonts", "/usr/local/share/anomark/fonts", "/src/anomark/fonts",
            ])
    }

    @Test func emptyEnvironmentVariableIsIgnored() {
        let folders = FontLocator.candidateDirectories(
            environment: ["ANOMARK_FONT_DIR": ""], executablePath: nil, sourceFilePath: "/a/Sources/T/F.swift")
        #expect(folders == ["/a/fonts"])
    }

    @Test func environmentFolderWinsOverExecutableFolder() throws {
        let tmp = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fromEnvironment = try placeFont(in: tmp, at: "custom")
        _ = try placeFont(in: tmp, at: "bin/fonts")
        let found = try FontLocator.bundledFontPath(
            environment: ["ANOMARK_FONT_DIR": tmp.appendingPathComponent("custom").path],
            executablePath: tmp.appendingPathComponent("bin/anomark").path, sourceFilePath: "/nonexistent/a/b/c.swift")
        #expect(found == fromEnvironment)
    }

    @Test(arguments: ["bin/fonts", "share/anomark/fonts"])
    func findsFontNextToTheExecutable(relativeFolder: String) throws {
        let tmp = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let placed = try placeFont(in: tmp, at: relativeFolder)
        let found = try FontLocator.bundledFontPath(
            environment: ["ANOMARK_FONT_DIR": tmp.appendingPathComponent("missing").path],
            executablePath: tmp.appendingPathComponent("bin/anomark").path, sourceFilePath: "/nonexistent/a/b/c.swift")
        #expect(URL(fileURLWithPath: found).standardizedFileURL.path == URL(fileURLWithPath: placed).path)
    }

    @Test func notFoundNamesEveryPlaceTried() throws {
        let tmp = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let environment = ["ANOMARK_FONT_DIR": tmp.path]
        let exe = tmp.appendingPathComponent("bin/anomark").path
        let source = "/nonexistent/a/b/c.swift"
        let expected = FontLocator.candidateDirectories(
            environment: environment, executablePath: exe, sourceFilePath: source)
        #expect(expected.count == 4)
        let error = #expect(throws: TextRenderError.self) {
            try FontLocator.bundledFontPath(environment: environment, executablePath: exe, sourceFilePath: source)
        }
        #expect(error == .fontNotFound(tried: expected))
        for folder in expected {
            #expect(error?.description.contains(folder) == true)
        }
    }
}
