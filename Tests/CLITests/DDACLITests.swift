import Foundation
import Testing

/// The built binary on the DDA sample captures: `report` with `--path-map` (exit 0; 1 with a failed capture)
/// and `annotate IMAGE CAPTURE.jsonl`.
@Suite("DDA captures (the built binary)")
struct DDACLITests {
    static let captures = CLI.repo.appendingPathComponent("samples/dda-captures")
    static let failed = CLI.repo.appendingPathComponent("samples/dda-capture-failed")
    static let map = "/aws_dda/inference-results/cookie-workflow"

    @Test func reportOfAFolderOfCapturesMappedWithPathMap() throws {
        let out = try CLI.tempDir().appendingPathComponent("r")
        let run = try CLI.run(["report", Self.captures.path, "--path-map", "\(Self.map)=.", "-o", out.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(
            csv.contains("cookie-capture-1.jpg,anomalous,") && csv.contains(",0.9375,cracked 1.74%,,,,ok,"), "\(csv)")
        #expect(csv.contains("cookie-capture-3.jpg,normal,") && csv.contains(",0.9702,,,,,ok,"), "\(csv)")
        // --s3-map is the same option.
        let alias = try CLI.run(["report", Self.captures.path, "--s3-map", "\(Self.map)=.", "-o", out.path, "-q"])
        #expect(alias.status == 0, "\(alias.stderr)")
    }

    @Test func aFailedCaptureIsListedAndTheReportExitsOne() throws {
        let out = try CLI.tempDir().appendingPathComponent("r")
        let run = try CLI.run([
            "report", Self.captures.path, Self.failed.path, "--path-map", "\(Self.map)=.", "-o", out.path, "-q",
        ])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "cookie-capture-4.jsonl: line 1: inference failed: Triton: model cookie-model version 1 is not ready"),
            "\(run.stderr)")
    }

    @Test func annotatePicksTheRecordOfTheImage() throws {
        let dir = try CLI.tempDir()
        let image = Self.captures.appendingPathComponent("cookie-capture-2.jpg").path
        let capture = Self.captures.appendingPathComponent("cookie-capture-2.jsonl").path
        let out = dir.appendingPathComponent("a.png").path
        let mapped = try CLI.run(["annotate", image, capture, "--path-map", "\(Self.map)=.", "-o", out])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        // The same mask given with --mask draws the same pixels.
        let given = dir.appendingPathComponent("b.png").path
        let mask = Self.captures.appendingPathComponent("cookie-capture-2.mask.png").path
        #expect(try CLI.run(["annotate", image, capture, "--mask", mask, "-o", given]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: given)))
        // The mask the capture names is an input: writing over it is refused.
        let mask2 = Self.captures.appendingPathComponent("cookie-capture-2.mask.png").path
        let over = try CLI.run(["annotate", image, capture, "--path-map", "\(Self.map)=.", "-o", mask2])
        #expect(over.status == 64 && over.stderr.contains("is also an input (the capture's mask)"), "\(over.stderr)")
        let unmapped = try CLI.run(["annotate", image, capture, "-o", out])
        #expect(unmapped.status == 66 && unmapped.stderr.contains("--path-map OLD=NEW"), "\(unmapped.stderr)")
        let other = Self.captures.appendingPathComponent("cookie-capture-3.jpg").path
        let wrong = try CLI.run(["annotate", other, capture, "-o", out])
        #expect(wrong.status == 65 && wrong.stderr.contains("no capture record is for cookie-capture-3.jpg"))
        let failed = try CLI.run([
            "annotate", Self.failed.appendingPathComponent("cookie-capture-4.jpg").path,
            Self.failed.appendingPathComponent("cookie-capture-4.jsonl").path, "-o", out,
        ])
        #expect(failed.status == 65 && failed.stderr.contains("inference failed: Triton"), "\(failed.stderr)")
    }
}
