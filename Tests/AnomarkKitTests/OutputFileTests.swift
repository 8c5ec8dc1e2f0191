import AnomarkKit
import Foundation
import TestSupport
import Testing

/// `OutputFile`: how each kind of path is written, and what is refused, in-process.
@Suite("OutputFile")
struct OutputFileTests {
    static func tempDir() throws -> String { try TestFiles.tempDir(prefix: "anomark-out").path }

    @Test func eachKindOfPathIsWrittenItsWay() throws {
        let dir = try Self.tempDir()
        #expect(try OutputFile.check("-").kind == .standardOutput)
        let new = try OutputFile.check("\(dir)/new.png")
        #expect(new.kind == .replaced && new.target == "\(dir)/new.png")
        #expect(try OutputFile.check("/dev/null").kind == .inPlace)
        #expect(mkfifo("\(dir)/fifo", 0o600) == 0)
        #expect(try OutputFile.check("\(dir)/fifo").kind == .inPlace)
        #expect(symlink("./chain", "\(dir)/link") == 0 && symlink("target.png", "\(dir)/chain") == 0)
        let linked = try OutputFile.check("\(dir)/link")
        #expect(linked.kind == .replaced && linked.target == "\(dir)/./target.png")
        #expect(throws: AnomarkError(.cannotCreate, file: dir, "is a directory")) { try OutputFile.check(dir) }
    }

    @Test func writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let dir = try Self.tempDir()
        try OutputFile.write([1, 2, 3], to: "\(dir)/out.bin")
        try OutputFile.write([4, 5], to: "\(dir)/out.bin")
        #expect(FileManager.default.contents(atPath: "\(dir)/out.bin") == Data([4, 5]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.bin"])
        // The temporary-file registry is process-wide and other suites write at the same time, so it is
        // checked from outside, by the CLI signal tests (no temporary file left after SIGINT/TERM/HUP).
        #expect(throws: AnomarkError(.cannotCreate, file: "\(dir)/no/out.bin", "folder \(dir)/no does not exist")) {
            try OutputFile.write([1], to: "\(dir)/no/out.bin")
        }
    }

    @Test func anInputIsRecognisedWhateverItsSpelling() throws {
        let dir = try Self.tempDir()
        FileManager.default.createFile(atPath: "\(dir)/image.png", contents: Data([1]))
        #expect(symlink("image.png", "\(dir)/alias.png") == 0)
        let spellings = ["\(dir)/image.png", "\(dir)/./image.png", "\(dir)//image.png", "\(dir)/alias.png"]
        for output in spellings {
            for input in spellings {
                #expect(throws: AnomarkError(.usage, file: output, "is also an input (the image)")) {
                    try OutputFile.check(output, inputs: [("the mask", nil), ("the image", input)])
                }
            }
        }
        // A missing input or output is no conflict: reading or writing reports it.
        #expect(try OutputFile.check("\(dir)/other.png", inputs: [("the image", "\(dir)/image.png")]).kind == .replaced)
        #expect(try OutputFile.check("\(dir)/image.png", inputs: [("the image", "\(dir)/gone.png")]).kind == .replaced)
    }
}
