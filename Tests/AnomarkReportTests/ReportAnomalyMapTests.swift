import AnomarkKit
import AnomarkReport
import Foundation
import TestSupport
import Testing

/// Anomaly maps in a report: maps beside the images (`samples/anomaly-maps`) are read through the format registry.
@Suite("anomaly maps in a report")
struct ReportAnomalyMapTests {
    static func mapPath(_ name: String) -> String {
        TestFiles.repo.appendingPathComponent("samples/anomaly-maps").appendingPathComponent(name).path
    }

    @Test("report: maps beside the images are found through the registry and are not listed as images")
    func report() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let images = root.appendingPathComponent("images")
        try TestFiles.copy("anomaly-1.jpg", to: images.appendingPathComponent("anomaly-1.jpg"))
        try TestFiles.copy("anomaly-4.jpg", to: images.appendingPathComponent("anomaly-4.jpg"))
        try FileManager.default.copyItem(
            atPath: Self.mapPath("anomaly-1.anomaly_map.npy"),
            toPath: images.appendingPathComponent("anomaly-1.anomaly_map.npy").path)
        try FileManager.default.copyItem(
            atPath: Self.mapPath("anomaly-1.model16.png"),
            toPath: images.appendingPathComponent("anomaly-4_map.png").path)
        let outcome = try ReportFixtures.run([images.path], output: root.appendingPathComponent("report"))
        let records = outcome.summary.items
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.status == .ok })
        #expect(
            records.map(\.result) == [
                images.appendingPathComponent("anomaly-1.anomaly_map.npy").path,
                images.appendingPathComponent("anomaly-4_map.png").path,
            ])
        #expect(records.allSatisfy { $0.prediction?.isAnomalous == true })
    }

    @Test("a resumed run redoes an item whose map beside the image changed")
    func aChangedMapMakesTheItemStale() throws {
        let root = try TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let images = root.appendingPathComponent("images")
        try TestFiles.copy("anomaly-1.jpg", to: images.appendingPathComponent("anomaly-1.jpg"))
        try FileManager.default.copyItem(
            atPath: Self.mapPath("anomaly-1.json"), toPath: images.appendingPathComponent("anomaly-1.json").path)
        let map = images.appendingPathComponent("anomaly-1_map.png")
        try FileManager.default.copyItem(atPath: Self.mapPath("anomaly-1.model16.png"), toPath: map.path)
        let out = root.appendingPathComponent("report")
        #expect(try ReportFixtures.run([images.path], output: out).processed == 1)
        #expect(try ReportFixtures.run([images.path], output: out).skipped == 1)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: map.path)
        let third = try ReportFixtures.run([images.path], output: out)
        #expect(third.processed == 1 && third.skipped == 0)
    }
}
