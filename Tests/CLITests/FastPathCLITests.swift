import Foundation
import Testing

@testable import AnomarkCLI

/// `annotate IMAGE RESULT [-o OUT]` skips ArgumentParser (`FastPath`); it must be indistinguishable from the
/// parsed path, which a redundant default option (`--png-level default`) forces.
@Suite("annotate's fast path")
struct FastPathCLITests {
    let image = CLI.sample("anomaly-1.jpg")
    let result = CLI.sample("results/anomaly-1.json")

    /// What a run leaves: status, stdout bytes, stderr and the files written in its folder.
    struct Observed: Equatable {
        var status: Int32
        var stdout: Data
        var stderr: String
        var files: [String: Data]
    }

    /// Runs `arguments` in a fresh folder (so relative outputs land there and messages name the same paths).
    func observe(_ arguments: [String], stdin: Data? = nil) throws -> Observed {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(arguments, stdin: stdin, in: dir)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            files[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return Observed(status: run.status, stdout: run.stdoutBytes, stderr: run.stderr, files: files)
    }

    /// Runs `arguments` (which must take the fast path) and the same with `--png-level default` (which must not),
    /// expects the same outcome and returns it.
    @discardableResult
    func expectSameOnBothPaths(
        _ arguments: [String], stdin: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Observed {
        #expect(FastPath.match(arguments) != nil, "not on the fast path: \(arguments)", sourceLocation: sourceLocation)
        let parsed = arguments + ["--png-level", "default"]
        #expect(FastPath.match(parsed) == nil, sourceLocation: sourceLocation)
        let fast = try observe(arguments, stdin: stdin)
        let slow = try observe(parsed, stdin: stdin)
        #expect(
            fast == slow, "\(arguments): fast \(fast.status) \(fast.stderr) parsed \(slow.status) \(slow.stderr)",
            sourceLocation: sourceLocation)
        return fast
    }

    @Test func lookoutResultWithMask() throws {
        let run = try expectSameOnBothPaths(["annotate", image, result, "-o", "out.png"])
        #expect(run.status == 0)
        #expect(run.files["out.png"].map { $0.starts(with: [0x89, 0x50, 0x4E, 0x47]) } == true)
    }

    @Test func normalResultToTheDefaultOutputName() throws {
        let run = try expectSameOnBothPaths([
            "annotate", CLI.sample("normal-1.jpg"), CLI.sample("results/normal-1.json"),
        ])
        #expect(run.status == 0)
        #expect(run.files.keys.sorted() == ["normal-1.annotated.png"])
    }

    @Test func resultFromStandardInputAndImageToStandardOutput() throws {
        let json = try Data(contentsOf: URL(fileURLWithPath: result))
        let run = try expectSameOnBothPaths(["annotate", image, "-", "-o", "-"], stdin: json)
        #expect(run.status == 0)
        #expect(run.stdout.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(run.files.isEmpty)
    }

    @Test func outputSpellingsAndPlaces() throws {
        let equals = try expectSameOnBothPaths(["annotate", image, result, "--output=x.png"])
        let long = try expectSameOnBothPaths(["annotate", "--output", "x.png", image, result])
        let between = try expectSameOnBothPaths(["annotate", image, "-o", "x.png", result])
        #expect(equals.status == 0 && equals.files.keys.sorted() == ["x.png"])
        #expect(long == equals && between == equals)
    }

    @Test func maskAndNoOutline() throws {
        let mask = CLI.sample("anomaly-4.mask.png")
        let both = try expectSameOnBothPaths(["annotate", image, result, "--mask", mask, "--no-outline", "-o", "x.png"])
        let equals = try expectSameOnBothPaths([
            "annotate", "--no-outline", "--mask=\(mask)", image, result, "-o", "x.png",
        ])
        #expect(both.status == 0 && both == equals)
        // Each is read: the same command without it draws another picture.
        let outlined = try expectSameOnBothPaths(["annotate", image, result, "--mask", mask, "-o", "x.png"])
        let ownMask = try expectSameOnBothPaths(["annotate", image, result, "--no-outline", "-o", "x.png"])
        #expect(outlined.status == 0 && ownMask.status == 0)
        #expect(outlined.files["x.png"] != both.files["x.png"])
        #expect(ownMask.files["x.png"] != both.files["x.png"])
        let missing = try expectSameOnBothPaths(["annotate", image, result, "--mask", "nope.png", "-o", "x.png"])
        #expect(missing.status == 66 && missing.stderr.contains("nope.png") && missing.files.isEmpty)
    }

    @Test func failuresAreTheSame() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"DetectAnomalyResult\": ".utf8).write(to: bad)
        let missingImage = try expectSameOnBothPaths(["annotate", CLI.sample("nope.jpg"), result, "-o", "o.png"])
        #expect(missingImage.status == 66)
        #expect(missingImage.stderr.hasPrefix("error: ") && missingImage.stderr.contains("nope.jpg"))
        let missingResult = try expectSameOnBothPaths(["annotate", image, CLI.sample("nope.json"), "-o", "o.png"])
        #expect(missingResult.status == 66)
        let malformed = try expectSameOnBothPaths(["annotate", image, bad.path, "-o", "o.png"])
        #expect(malformed.status == 65)
        let emptyStdin = try expectSameOnBothPaths(["annotate", image, "-", "-o", "o.png"], stdin: Data())
        #expect(emptyStdin.status == 65)
        let overInput = try expectSameOnBothPaths(["annotate", image, result, "-o", image])
        #expect(overInput.status == 64)
        #expect(overInput.stderr.contains("is also an input"))
        for run in [missingImage, missingResult, malformed, emptyStdin, overInput] {
            #expect(run.files.isEmpty && run.stdout.isEmpty)
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }

    /// Shapes outside the fast path get ArgumentParser's answers.
    @Test func otherShapesAreParsed() throws {
        let one = try observe(["annotate", image])
        #expect(one.status == 64)
        #expect(one.stderr == "error: give RESULT or --anomaly-map (see 'anomark annotate --help')\n")
        let three = try observe(["annotate", image, result, "extra"])
        #expect(three.status == 64 && three.stderr.hasPrefix("error: "))
        let unknown = try observe(["annotate", image, result, "--bogus"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--bogus"))
        let dashOutput = try observe(["annotate", image, result, "-o", "-x.png"])
        #expect(dashOutput.status == 64 && dashOutput.files.isEmpty)
        let help = try observe(["annotate", "-h"])
        #expect(help.status == 0 && String(decoding: help.stdout, as: UTF8.self).contains("USAGE: anomark annotate"))
    }

    /// Which argument lists `FastPath.match` takes, and what it reads from them.
    @Test func matchTakesOnlyTheCommonShape() throws {
        let plain = try #require(FastPath.match(["annotate", "a.jpg", "r.json"]))
        #expect(plain.image == "a.jpg" && plain.result == "r.json" && plain.output == nil)
        #expect(FastPath.match(["annotate", "a.jpg", "-", "-o", "-"])?.output == "-")
        #expect(FastPath.match(["annotate", "a.jpg", "-", "-o", "-"])?.result == "-")
        #expect(FastPath.match(["annotate", "-o", "o.png", "a.jpg", "r.json"])?.output == "o.png")
        #expect(FastPath.match(["annotate", "a.jpg", "r.json", "--output=x=y.png"])?.output == "x=y.png")
        #expect(FastPath.match(["annotate", "a.jpg", "--output", "o.png", "r.json"])?.image == "a.jpg")
        let masked = try #require(FastPath.match(["annotate", "a.jpg", "--mask", "m.png", "r.json", "--no-outline"]))
        #expect(masked.mask == "m.png" && masked.rendering.noOutline && masked.result == "r.json")
        #expect(FastPath.match(["annotate", "a.jpg", "r.json", "--mask=m=1.png"])?.mask == "m=1.png")
        #expect(FastPath.match(["annotate", "a.jpg", "r.json"])?.rendering.noOutline == false)
        let fallBack: [[String]] = [
            [], ["annotate"], ["annotate", "a.jpg"], ["annotate", "a.jpg", "r.json", "x"],
            ["report", "a.jpg", "r.json"], ["--version"], ["annotate", "-", "r.json"], ["annotate", "a.jpg", "-", "-"],
            ["annotate", "a.jpg", "r.json", "-o"], ["annotate", "a.jpg", "r.json", "-o", "x", "-o", "y"],
            ["annotate", "a.jpg", "r.json", "-o", "x", "--output=y"], ["annotate", "a.jpg", "r.json", "-o", "-x"],
            ["annotate", "a.jpg", "r.json", "--output=-x"], ["annotate", "a.jpg", "r.json", "--output="],
            ["annotate", "a.jpg", "r.json", "-o", ""], ["annotate", "", "r.json"],
            ["annotate", "a.jpg", "r.json", "--"],
            ["annotate", "a.jpg", "r.json", "-h"], ["annotate", "a.jpg", "r.json", "--help"],
            ["annotate", "a.jpg", "r.json", "--no-panel"], ["annotate", "a.jpg", "r.json", "-ox.png"],
            ["annotate", "a.jpg", "r.json", "--output-format", "png"], ["annotate", "a.jpg", "r.json", "--version"],
            ["-o", "x.png", "annotate", "a.jpg", "r.json"],
            ["annotate", "a.jpg", "r.json", "--mask"], ["annotate", "a.jpg", "r.json", "--mask", "-"],
            ["annotate", "a.jpg", "r.json", "--mask", "-m.png"], ["annotate", "a.jpg", "r.json", "--mask="],
            ["annotate", "a.jpg", "r.json", "--mask", "m.png", "--mask", "n.png"],
            ["annotate", "a.jpg", "r.json", "--mask", "m.png", "--mask=n.png"],
            ["annotate", "a.jpg", "r.json", "--no-outline", "--no-outline"],
            ["annotate", "a.jpg", "r.json", "--no-outlines"], ["annotate", "a.jpg", "r.json", "--masks", "m.png"],
        ]
        for arguments in fallBack { #expect(FastPath.match(arguments) == nil, "\(arguments)") }
    }

    /// The fast path's request has every option at `Annotate`'s default.
    @Test func fastPathRequestHasTheDefaults() throws {
        let request = try #require(FastPath.match(["annotate", "a.jpg", "r.json", "-o", "o.png"]))
        let parsed = try #require(try Anomark.parseAsRoot(["annotate", "a.jpg", "r.json", "-o", "o.png"]) as? Annotate)
        try parsed.validate()
        #expect(String(describing: request) == String(describing: parsed.request))
    }
}
