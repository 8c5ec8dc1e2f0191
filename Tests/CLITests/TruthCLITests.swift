import Foundation
import Testing

/// `annotate --truth MASK`: the agreement picture, its figures in --summary json, and bad truth masks.
@Suite("annotate --truth")
struct TruthCLITests {
    static func mvtec(_ name: String) -> String { CLI.repo.appendingPathComponent("samples/mvtec/\(name)").path }

    @Test("--truth writes the picture, and --summary json gives the agreement with its IoU")
    func writes() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("a.png").path
        let run = try CLI.run([
            "annotate", Self.mvtec("cookie/test/crack/000.png"), Self.mvtec("predictions/test/crack/000.png.json"),
            "--truth", Self.mvtec("cookie/ground_truth/crack/000_mask.png"), "-o", out, "--summary", "json",
            "--color-tolerance", "8", "--no-system-fonts",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let truth = try #require(summary?["truth"] as? [String: Any])
        #expect(truth["truePositives"] as? Int == 405 && truth["falsePositives"] as? Int == 54)
        #expect(truth["falseNegatives"] as? Int == 78)
        #expect(abs((truth["iou"] as? Double ?? 0) - 405.0 / 537) < 1e-9)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("a missing or undecodable truth mask is one line naming it, and no output is written")
    func badTruth() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("a.png").path
        let bad = dir.appendingPathComponent("bad_mask.png").path
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: bad))
        for (truth, status) in [(dir.appendingPathComponent("none.png").path, 66), (bad, 65)] {
            let run = try CLI.run([
                "annotate", Self.mvtec("cookie/test/crack/000.png"), Self.mvtec("predictions/test/crack/000.png.json"),
                "--truth", truth, "-o", out, "--no-system-fonts",
            ])
            #expect(run.status == Int32(status), "\(run.stderr)")
            #expect(run.stderr.hasPrefix("error: \(truth): ") && run.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("report --compare overlay writes one picture per item; an unknown --compare is a usage error")
    func reportCompare() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r").path
        let arguments = [
            "report", Self.mvtec("cookie"), "--results", Self.mvtec("predictions"), "-o", out, "--quiet",
            "--no-system-fonts",
        ]
        let bad = try CLI.run(arguments + ["--compare", "blend"])
        #expect(bad.status == 64 && bad.stderr.contains("--compare takes side-by-side or overlay"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let run = try CLI.run(arguments + ["--compare", "overlay"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let items = (summary as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let iou = items.first?["iou"] as? [[String: Any]]
        #expect(iou?.first?["name"] as? String == "crack" && iou?.first?["intersection"] as? Int == 337)
    }
}
