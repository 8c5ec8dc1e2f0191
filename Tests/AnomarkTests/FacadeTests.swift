import Anomark
import AnomarkKit
import Foundation
import TestSupport
import Testing
import TextRender

/// The facade gives the CLI's bytes with one import, and its errors read like the CLI's.
@Suite("Anomark facade")
struct FacadeTests {
    static let repo = TestFiles.repo
    static let image = repo.appendingPathComponent("samples/cookies/anomaly-1.jpg").path
    static let result = repo.appendingPathComponent("samples/cookies/results/anomaly-1.json").path

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// What `anomark annotate IMAGE RESULT --no-system-fonts` encodes, through the pipeline the CLI runs.
    static func pipelinePNG() throws -> [UInt8] {
        let annotator = Annotator(renderer: try TextRenderer(options: TextRendererOptions(systemFonts: false)))
        let detection = try AnnotateJob.readResult(result)
        let annotation = try annotator.annotate(
            AnnotateInput(image: try bytes(image), imageName: image, detection: detection, resultName: result))
        return try AnnotateJob.encode(annotation.image, format: .png(.default), name: "out.png")
    }

    @Test func annotateFromPathsMatchesThePipelineByteForByte() throws {
        let annotated = try Anomark.annotate(imageAt: Self.image, resultAt: Self.result, systemFonts: false)
        #expect(try annotated.pngData() == Self.pipelinePNG())
        #expect(annotated.detection.verdict?.isAnomalous == true)
        #expect(annotated.warnings.isEmpty)
    }

    @Test func annotateFromBytesDrawsTheSamePixels() throws {
        let fromPaths = try Anomark.annotate(imageAt: Self.image, resultAt: Self.result, systemFonts: false)
        let fromBytes = try Anomark.annotate(
            image: Self.bytes(Self.image), result: Self.bytes(Self.result), imageName: Self.image, systemFonts: false)
        #expect(fromBytes.image == fromPaths.image)
        let jpeg = try fromBytes.jpegData(quality: 80)
        #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
    }

    @Test func anAnomalyMapIsReadAsTheCLIReadsIt() throws {
        let map = Self.repo.appendingPathComponent("samples/anomaly-maps/anomaly-1.anomaly_map.png").path
        let annotated = try Anomark.annotate(imageAt: Self.image, resultAt: map, systemFonts: false)
        let out = try TestFiles.tempDir(prefix: "facade-map").appendingPathComponent("out.png").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let annotator = Annotator(renderer: try TextRenderer(options: TextRendererOptions(systemFonts: false)))
        _ = try AnnotateJob(imagePath: Self.image, resultPath: map, outputPath: out).run(annotator: annotator)
        #expect(try annotated.pngData() == Self.bytes(out))
        if case .scores = annotated.detection.mask {} else { Issue.record("expected a score map") }
    }

    @Test func compareSeesTheDifferenceTheOptionsAllow() throws {
        let a = try Anomark.annotate(imageAt: Self.image, resultAt: Self.result, systemFonts: false).image
        var b = a
        b.withUnsafeMutableBytes { $0[0] ^= 0xFF }  // one channel of one pixel
        #expect(Anomark.compare(expected: a, actual: a).verdict == .pass)
        #expect(Anomark.compare(expected: a, actual: b).verdict == .differs)
        #expect(Anomark.compare(expected: a, actual: b, tolerance: CompareOptions(maxDiffPixels: 1)).verdict == .pass)
    }

    @Test func errorsNameTheFileAndReadLikeTheCLI() {
        let missing = "/nonexistent/photo.jpg"
        #expect {
            try Anomark.annotate(imageAt: missing, resultAt: Self.result)
        } throws: { error in
            let e = error as? AnomarkError
            return e?.kind == .inputMissing && error.localizedDescription.hasPrefix("\(missing): ")
        }
        #expect(throws: AnomarkError.self) {
            try Anomark.annotate(image: [1, 2, 3], result: Array("{}".utf8))
        }
    }
}
