import AnomarkKit
import ArgumentParser
import Foundation
import GoldenImage
import Raster

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare an image with its golden reference; exit 0 when within tolerance.",
        discussion: """
            Compares decoded pixels (PNG or JPEG), never file bytes. Exact by default; every tolerance is opt-in \
            and stated in the summary.

            Exit codes: 0 within tolerance, 1 pixels differ, 2 sizes differ, 64 usage, 65 bad image, \
            66 missing input, 73 cannot write the diff image.

            Examples:
              anomark diff golden/annotate/sample.png out.png
              anomark diff expected.png actual.png --threshold 0.1 --antialiasing --diff diff.png --composite
              anomark diff a.png b.png --max-diff-pixels 20 --ignore 0,0,300,40 --json
            """
    )

    @Argument(help: "The expected (golden) image.")
    var expected: String

    @Argument(help: "The actual image.")
    var actual: String

    @Option(help: "Write a diff image here (PNG; - for standard output, the summary then goes to stderr).")
    var diff: String?

    @Flag(help: "With --diff, write expected | actual | diff side by side.")
    var composite = false

    @Flag(help: "Print the result as JSON instead of a summary line.")
    var json = false

    @Option(help: "Perceptual YIQ threshold 0…1 (pixelmatch's; 0.1 is its default). Without it: exact.")
    var threshold: Double?

    @Flag(help: "Do not count anti-aliasing pixels as differences (pixelmatch's detection).")
    var antialiasing = false

    @Option(help: "Pixels whose every channel differs by at most N count as equal.")
    var maxChannelDelta: Int = 0

    @Option(help: "Pass when at most N pixels differ.")
    var maxDiffPixels: Int?

    @Option(help: "Pass when at most this fraction (0…1) of pixels differ.")
    var maxDiffRatio: Double?

    @Option(name: .customLong("ignore"), help: "A region x,y,w,h not compared (repeatable).")
    var ignore: [String] = []

    func run() throws {
        var regions: [Rect] = []
        for text in ignore {
            do {
                regions.append(try CompareOptions.parseRegion(text))
            } catch {
                throw AnomarkError(.usage, file: nil, "--ignore: \(error.description)")
            }
        }
        let options = CompareOptions(
            threshold: threshold, detectAntialiasing: antialiasing, maxChannelDelta: maxChannelDelta,
            maxDiffPixels: maxDiffPixels, maxDiffRatio: maxDiffRatio, ignoreRegions: regions)
        let job = DiffJob(
            expectedPath: expected, actualPath: actual, options: options, diffPath: diff, composite: composite)
        let outcome = try job.run()
        let text = json ? DiffJob.json(outcome.result) : outcome.result.summary
        // With `--diff -` standard output carries the image and nothing else.
        if diff == "-" { printError(text) } else { print(text) }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
