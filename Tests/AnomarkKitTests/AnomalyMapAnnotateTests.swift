import AnomarkTesting
import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TestSupport
import Testing

@testable import AnomarkKit

/// Anomaly maps through annotate (the report side: AnomarkReportTests): the real-shaped maps of samples/anomaly-maps over the cookie they
/// were made from, at photo and at model resolution.
@Suite("anomaly maps in annotate")
struct AnomalyMapAnnotateTests {
    static let maps = TestFiles.repo.appendingPathComponent("samples/anomaly-maps")
    static func mapPath(_ name: String) -> String { maps.appendingPathComponent(name).path }

    static func annotate(_ mapName: String, options: AnnotateOptions = .init()) throws -> (Annotation, Pixmap) {
        let detection = try AnnotateJob.readResult(mapPath(mapName))
        let photo = try TestFiles.bytes("anomaly-1.jpg")
        let annotation = try Samples.annotator.annotate(
            AnnotateInput(image: photo, imageName: "anomaly-1.jpg", detection: detection, resultName: mapName),
            options: options)
        return (annotation, try ImageDecoder.decode(photo).upright)
    }

    @Test(
        "PNG and .npy maps at photo and model resolution: painted only above the floor, contour, colour bar",
        arguments: [
            "anomaly-1.anomaly_map.png", "anomaly-1.photo32.npy", "anomaly-1.model16.png", "anomaly-1.anomaly_map.npy",
        ])
    func paintsAboveFloor(_ name: String) throws {
        let (a, original) = try Self.annotate(name)
        let heat = try #require(a.heatMapReport)
        #expect(heat.floor == 0.25 && heat.threshold == 0.5 && heat.outlinedPixels > 0 && heat.paintedPixels > 0)
        #expect(heat.areaAboveThreshold > 0.005 && heat.areaAboveThreshold < 0.03)
        // The scores at photo resolution (exact for the photo-resolution files; model maps are scaled).
        let scores = try AnomalyMapFormat.scoreMap(
            [UInt8](try Data(contentsOf: Self.maps.appendingPathComponent("anomaly-1.photo32.npy"))), threshold: 0.5)
        let panel = a.panelBounds
        var changedLow = 0
        var low = 0
        for y in 0..<768 {
            for x in 0..<576 where !panel.contains(x: x, y: y) {
                // Far below the floor (and far from the contour): never painted, whatever the scaling.
                if scores.score(at: y * 576 + x) < 0.05 {
                    low += 1
                    if a.image[x, y] != original[x, y] { changedLow += 1 }
                }
            }
        }
        #expect(low > 200_000 && changedLow == 0)
        let bar = try #require(a.panel?.items.last)
        #expect(bar.colorBar?.colors == Colormap.turbo.colors && bar.text.hasPrefix("score 0.25–1.00, ≥ 0.50"))
    }

    @Test("the photo-resolution PNG paints exactly the scores the .npy gives, rounded to 8 bits")
    func exactAtPhotoResolution() throws {
        var options = AnnotateOptions()
        options.drawPanel = false
        options.composite.outline = false
        let (a, original) = try Self.annotate("anomaly-1.anomaly_map.png", options: options)
        let map = try AnomalyMapFormat.scoreMap(
            [UInt8](try Data(contentsOf: Self.maps.appendingPathComponent("anomaly-1.anomaly_map.png"))), threshold: 0.5
        )
        let colors = Colormap.turbo.colors
        for y in stride(from: 0, to: 768, by: 3) {
            for x in stride(from: 0, to: 576, by: 3) {
                let s = map.score(at: y * 576 + x)
                let level = Int(((s - 0.25) * (65536 / 0.75)).rounded(.down))
                if s < 0.25 {
                    #expect(a.image[x, y] == original[x, y])
                    continue
                }
                let c = colors[min(255, max(0, (level * 255 + 32768) >> 16))]
                var px = [original[x, y].r, original[x, y].g, original[x, y].b, 255]
                px.withUnsafeMutableBufferPointer {
                    Blend.sourceOver($0.baseAddress!, r: UInt32(c.r), g: UInt32(c.g), b: UInt32(c.b), alpha: 128)
                }
                #expect(a.image[x, y] == Color(r: px[0], g: px[1], b: px[2]), "(\(x), \(y))")
            }
        }
    }

    @Test("golden: the model-resolution 16-bit map over the cookie, jet, with panel and colour bar")
    func golden() throws {
        var options = AnnotateOptions()
        options.heatMap.colormap = .jet
        let (a, original) = try Self.annotate("anomaly-1.model16.png", options: options)
        var bounds = a.panelBounds
        for y in 0..<a.image.height {
            for x in 0..<a.image.width where a.image[x, y] != original[x, y] {
                bounds = bounds.union(Rect(x: x, y: y, width: 1, height: 1))
            }
        }
        expectMatchesGolden(a.image.cropped(to: bounds.outsetBy(4)), "anomaly-map/model16-jet", tolerance: .exact)
    }

    @Test("annotate: a sidecar finds its map beside the image; --map-threshold rejudges it")
    func sidecarBesideImage() throws {
        let dir = try TestFiles.tempDir(prefix: "anomark-maps")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            atPath: TestFiles.repo.appendingPathComponent("samples/cookies/anomaly-1.jpg").path,
            toPath: dir.appendingPathComponent("anomaly-1.jpg").path)
        try FileManager.default.copyItem(
            atPath: Self.mapPath("anomaly-1.json"), toPath: dir.appendingPathComponent("anomaly-1.json").path)
        try FileManager.default.copyItem(
            atPath: Self.mapPath("anomaly-1.model16.png"), toPath: dir.appendingPathComponent("anomaly-1_map.png").path)
        var options = AnnotateOptions()
        options.mapThreshold = 0.95
        let job = AnnotateJob(
            imagePath: dir.appendingPathComponent("anomaly-1.jpg").path,
            resultPath: dir.appendingPathComponent("anomaly-1.json").path,
            outputPath: dir.appendingPathComponent("out.png").path, options: options)
        let outcome = try job.run(annotator: Samples.annotator)
        #expect(outcome.detection.verdict?.isAnomalous == false && outcome.detection.verdict?.threshold == 0.95)
        #expect(outcome.annotation.heatMapReport?.threshold == 0.95)
        #expect(outcome.annotation.heatMapReport?.areaAboveThreshold == 0)
    }

    @Test("the panel keeps away from the heat map's pixels above the threshold, as it does from a mask's")
    func placementAvoidsTheHotRegion() throws {
        // A 16×16 map whose top-left quarter is hot: scaled to the photo, the corner the panel goes to by default.
        var scores = [UInt8](repeating: 0, count: 256)
        for y in 0..<8 { for x in 0..<8 { scores[y * 16 + x] = 255 } }
        let map = try #require(ScoreMap(width: 16, height: 16, values: .grey8(scores), threshold: 0.5))
        let detection = Detection(
            source: .init(format: "anomaly-map"), verdict: .init(isAnomalous: true, confidence: nil, score: 1),
            classes: [], mask: .scores(map))
        let annotation = try Samples.annotator.annotate(
            AnnotateInput(
                image: try TestFiles.bytes("anomaly-1.jpg"), imageName: "anomaly-1.jpg", detection: detection,
                resultName: "map.png"))
        let report = try #require(annotation.heatMapReport)
        let (width, height) = (annotation.image.width, annotation.image.height)
        let hot = report.coverage.pixels(in: Rect(x: 0, y: 0, width: width, height: height))
        #expect(hot > width * height / 8)
        #expect(!annotation.panelBounds.isEmpty)
        #expect(report.coverage.pixels(in: annotation.panelBounds.outsetBy(report.outlineWidth)) == 0)
    }
}
