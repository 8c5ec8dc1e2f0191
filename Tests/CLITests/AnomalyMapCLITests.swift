import Foundation
import Testing

/// `anomark annotate` with anomaly maps: `--anomaly-map` without RESULT, a map as RESULT, and bad maps.
@Suite("CLI anomaly maps")
struct AnomalyMapCLITests {
    static func map(_ name: String) -> String { CLI.repo.appendingPathComponent("samples/anomaly-maps/\(name)").path }

    @Test("--anomaly-map without RESULT, and a sidecar as RESULT with the map, write a PNG")
    func writes() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("a.png").path
        let run = try CLI.run([
            "annotate", CLI.sample("anomaly-1.jpg"), "--anomaly-map", Self.map("anomaly-1.anomaly_map.npy"), "-o", out,
            "--colormap", "inferno", "--map-range", "0,1", "--map-floor", "0.3", "--no-system-fonts",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
        let withSidecar = try CLI.run([
            "annotate", CLI.sample("anomaly-1.jpg"), Self.map("anomaly-1.json"), "--anomaly-map",
            Self.map("anomaly-1.model16.png"), "-o", out, "--map-threshold", "0.6", "--summary", "json",
            "--no-system-fonts",
        ])
        #expect(withSidecar.status == 0, "\(withSidecar.stderr)")
        #expect(withSidecar.stdout.contains("Score: 0.90 (threshold 0.60)"))
    }

    @Test("a bad map is exit 65 with one line naming it, and no output is written")
    func badMap() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.npy")
        var header = Array("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        let bytes: [UInt8] =
            [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count), 0] + header + [0, 0, 0, 0]
        try Data(bytes).write(to: bad)
        let out = dir.appendingPathComponent("a.png").path
        for arguments in [[bad.path], [Self.map("anomaly-1.json"), "--anomaly-map", bad.path]] {
            let run = try CLI.run(["annotate", CLI.sample("anomaly-1.jpg")] + arguments + ["-o", out])
            #expect(run.status == 65)
            #expect(
                run.stderr
                    == "error: \(bad.path): anomaly map: .npy: fortran_order True is not supported (save in C order)\n")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("usage errors: no RESULT and no map, an unknown colormap, a bad range")
    func usage() throws {
        for arguments in [
            [String](), ["--anomaly-map", Self.map("anomaly-1.model16.png"), "--colormap", "rainbow"],
            ["--anomaly-map", Self.map("anomaly-1.model16.png"), "--map-range", "1,0"],
        ] {
            let run = try CLI.run(["annotate", CLI.sample("anomaly-1.jpg")] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
        }
    }
}
