import AnomarkKit
import Foundation
import TestSupport
import Testing

@testable import AnomarkReport

/// `--annotated-format png|jpg|none` and `--jpeg-quality`: a report small enough to mail; thumbnails stay JPEG.
@Suite struct ReportAnnotatedFormatTests {
    private func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
    private func isJPEG(_ b: [UInt8]) -> Bool { b.starts(with: [0xFF, 0xD8, 0xFF]) }
    private func isPNG(_ b: [UInt8]) -> Bool { b.starts(with: [0x89, 0x50, 0x4E, 0x47]) }

    private func folderSize(_ url: URL) throws -> Int {
        let names = try FileManager.default.subpathsOfDirectory(atPath: url.path)
        return try names.reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path + "/" + name)
            return total
                + ((attributes[.type] as? FileAttributeType) == .typeRegular ? (attributes[.size] as? Int ?? 0) : 0)
        }
    }

    @Test func jpgWritesJPEGAnnotatedImagesAndNoneWritesNone() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let png = root.appendingPathComponent("png")
        _ = try ReportFixtures.run([folder.path], output: png)
        let jpg = root.appendingPathComponent("jpg")
        let jpgOutcome = try ReportFixtures.run([folder.path], output: jpg) {
            $0.annotatedFormat = .jpg
            $0.jpegQuality = 80
        }
        for record in jpgOutcome.summary.items {
            let annotated = try #require(record.annotated)
            #expect(annotated == "annotated/\(record.name).jpg")
            #expect(isJPEG(try bytes(jpg.appendingPathComponent(annotated))))
            #expect(isJPEG(try bytes(jpg.appendingPathComponent(try #require(record.thumbnail)))))
        }
        #expect(!ReportFixtures.fileExists(jpg.appendingPathComponent("annotated/anomaly-1.png")))
        #expect(isPNG(try bytes(png.appendingPathComponent("annotated/anomaly-1.png"))))
        let html = try ReportFixtures.read(jpg.appendingPathComponent("index.html"))
        #expect(html.contains(#""im":"annotated/anomaly-1.jpg""#))

        let none = root.appendingPathComponent("none")
        let noneOutcome = try ReportFixtures.run([folder.path], output: none) { $0.annotatedFormat = .none }
        #expect(noneOutcome.summary.items.allSatisfy { $0.annotated == nil && $0.thumbnail != nil })
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: none.appendingPathComponent("annotated").path) == [])
        let page = try ReportFixtures.read(none.appendingPathComponent("index.html"))
        #expect(!page.contains("annotated/") && page.contains("thumbnails/anomaly-1.jpg"))
        // Each is smaller than the last; the figures, the same.
        let sizes = try [png, jpg, none].map(folderSize)
        #expect(sizes[0] > 2 * sizes[1] && sizes[1] > sizes[2])
        #expect(noneOutcome.summary.counts == jpgOutcome.summary.counts)
        #expect(noneOutcome.summary.metrics == jpgOutcome.summary.metrics)
    }

    @Test func changingTheFormatRendersAgainAndRemovesTheOtherFormatsImages() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = root.appendingPathComponent("r")
        _ = try ReportFixtures.run([folder.path], output: out)
        // A file of the user's in annotated/ is never touched.
        let mine = out.appendingPathComponent("annotated/mine.png")
        try Data([1, 2, 3]).write(to: mine)
        let again = try ReportFixtures.run([folder.path], output: out) { $0.annotatedFormat = .jpg }
        #expect(again.processed == 4 && again.removedStale == 4)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("annotated").path)
        #expect(files.sorted() == ["anomaly-1.jpg", "anomaly-4.jpg", "anomaly-5.jpg", "mine.png", "normal-1.jpg"])
        let same = try ReportFixtures.run([folder.path], output: out) { $0.annotatedFormat = .jpg }
        #expect(same.skipped == 4 && same.removedStale == 0)
        // The quality is a rendering setting too.
        let other = try ReportFixtures.run([folder.path], output: out) {
            $0.annotatedFormat = .jpg
            $0.jpegQuality = 50
        }
        #expect(other.processed == 4)
        // Back to PNG, then none: each time only the recorded images of the other format go.
        let png = try ReportFixtures.run([folder.path], output: out)
        #expect(png.processed == 4 && png.removedStale == 4)
        #expect(try annotated(out) == ["anomaly-1.png", "anomaly-4.png", "anomaly-5.png", "mine.png", "normal-1.png"])
        let none = try ReportFixtures.run([folder.path], output: out) { $0.annotatedFormat = .none }
        #expect(none.processed == 4 && none.removedStale == 4)
        #expect(try annotated(out) == ["mine.png"])
        #expect(ReportFixtures.fileExists(out.appendingPathComponent("thumbnails/anomaly-1.jpg")))
    }

    @Test func aFailedItemKeepsTheImageAnEarlierRunMadeOfIt() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try ReportFixtures.sampleFolder(in: root)
        let out = root.appendingPathComponent("r")
        _ = try ReportFixtures.run([folder.path], output: out)
        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("anomaly-4.json"))
        let again = try ReportFixtures.run([folder.path], output: out) { $0.annotatedFormat = .jpg }
        #expect(again.summary.items.first { $0.name == "anomaly-4" }?.status == .failed)
        #expect(again.removedStale == 3)
        #expect(try annotated(out) == ["anomaly-1.jpg", "anomaly-4.png", "anomaly-5.jpg", "normal-1.jpg"])
        // Still recorded as ours: once its input goes, so does the image.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("anomaly-4.jpg"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("anomaly-4.json"))
        let gone = try ReportFixtures.run([folder.path], output: out) { $0.annotatedFormat = .jpg }
        #expect(gone.skipped == 3 && gone.removedStale == 2)
        #expect(try annotated(out) == ["anomaly-1.jpg", "anomaly-5.jpg", "normal-1.jpg"])
    }

    private func annotated(_ out: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("annotated").path).sorted()
    }
}
