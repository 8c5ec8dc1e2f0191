import AnomarkKit
import ArgumentParser
import Foundation
import GoldenImage
import Raster

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",  // spelled out: deriving it from the type name is slow at start-up
        abstract: "Compare an image with its golden reference, or a folder of goldens with a folder of images.",
        discussion: """
            Compares decoded pixels (PNG or JPEG), never file bytes. Exact by default; every tolerance is opt-in \
            and stated in the summary.

            Exit codes: 0 within tolerance, 1 pixels differ, 2 sizes differ, 64 usage, 65 bad image, \
            66 missing input, 73 cannot write the diff image.

            With two folders, images (PNG, JPEG; recursive) are paired by relative path and each is passed, \
            changed (pixels or size), new (only in ACTUAL_DIR), deleted (only in EXPECTED_DIR) or failed \
            (unreadable). EXPECTED_DIR/anomark-diff.json (or --config) overrides the tolerances per path. \
            Folder exit codes: 0 all passed, 1 anything changed, new or deleted, 2 only failed items, 64+ as above.

            Examples:
              anomark diff golden/annotate/sample.png out.png
              anomark diff expected.png actual.png --threshold 0.1 --antialiasing --diff diff.png --composite
              anomark diff a.png b.png --max-diff-pixels 20 --ignore 0,0,300,40 --json
              anomark diff golden/ out/ -o review/ --junit diff.xml
              anomark diff golden/ out/ --approve 'report/**' --prune
            """
    )

    @Argument(help: "The expected (golden) image, or a folder of them.")
    var expected: String

    @Argument(help: "The actual image, or a folder of them.")
    var actual: String

    @Option(name: [.short, .customLong("output")], help: "Folders: write a review page and its images here.")
    var output: String?

    @Option(help: "Folders: per-path overrides from this file instead of EXPECTED_DIR/anomark-diff.json.")
    var config: String?

    @Option(help: "Folders: compare this many pairs at once (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Folders: write a JUnit XML report here (one test case per image).")
    var junit: String?

    @Flag(help: "Folders: no progress on stderr.")
    var quiet = false

    @Flag(help: "Folders: copy changed and new actual images over the goldens (those matching GLOBs, else all).")
    var approve = false

    @Flag(help: "With --approve: also remove the goldens of deleted images.")
    var prune = false

    @Argument(help: "With --approve: globs relative to EXPECTED_DIR (* ? **) selecting what to approve.")
    var globs: [String] = []

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
        if (!globs.isEmpty || prune) && !approve {
            throw AnomarkError(.usage, file: nil, "globs and --prune need --approve")
        }
        if FolderDiffJob.isFolderPair(expected, actual) {
            try runFolders(options)
            return
        }
        for (name, given) in [
            ("-o", output != nil), ("--config", config != nil), ("--junit", junit != nil), ("--approve", approve),
        ] where given {
            throw AnomarkError(.usage, file: nil, "\(name) needs two folders (EXPECTED_DIR ACTUAL_DIR)")
        }
        let job = DiffJob(
            expectedPath: expected, actualPath: actual, options: options, diffPath: diff, composite: composite)
        let outcome = try job.run()
        let text = json ? DiffJob.json(outcome.result) : outcome.result.summary
        // With `--diff -` standard output carries the image and nothing else.
        if diff == "-" { printError(text) } else { print(text) }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }

    private func runFolders(_ options: CompareOptions) throws {
        if diff != nil || composite {
            throw AnomarkError(
                .usage, file: nil, "--diff and --composite are for two files; with folders use -o REVIEW_DIR")
        }
        if !(1...1024).contains(jobs) {
            throw AnomarkError(.usage, file: nil, "--jobs must be in 1...1024, got \(jobs)")
        }
        let job = FolderDiffJob(
            expectedDirectory: expected, actualDirectory: actual, options: options, configPath: config,
            reviewDirectory: output, jobs: jobs, progress: quiet ? .quiet : .automatic,
            approval: approve ? try FolderApproval(globs: globs, prune: prune) : nil)
        // Checked before any input is read (OutputFile's policy: no folder, socket or block device).
        let junitFile = try junit.map { (path) throws(AnomarkError) in try OutputFile.check(path) }
        let outcome = try job.run()
        try junitFile?.write(Array(outcome.junit.utf8))
        if json {
            print(outcome.json)
        } else {
            for line in outcome.lines { print(line) }
            print(outcome.countLine)
        }
        // What --approve did goes to stderr with --json, so stdout stays one JSON document.
        for action in outcome.approvals {
            if json { printError(action.line) } else { print(action.line) }
        }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
