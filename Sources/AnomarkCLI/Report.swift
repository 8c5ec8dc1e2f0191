import AnomarkKit
import AnomarkReport
import ArgumentParser
import Codecs
import Foundation
import Overlay
import TextRender

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",  // spelled out: deriving it from the type name is slow at start-up
        abstract: "Turn a batch of images and their results into a browsable report.",
        discussion: """
            INPUT is a folder (each .jpg/.jpeg/.png with <image>.out, <image>.json or <stem>.json beside it), an \
            image file, a JSON Lines file ({"image": PATH, "result": PATH or object} per line) or a Lookout for \
            Vision / Ground Truth manifest (source-ref, anomaly-label, anomaly-mask-ref), or an MVTec AD-style tree \
            (a folder with test/ and ground_truth/; predictions mirror it under --results). OUTDIR receives \
            index.html, contact-sheet.png, summary.json, summary.csv and annotated/. DDA capture records \
            (.jsonl, one record per capture) are read as INPUTs, or found in a folder: map the capture machine's \
            absolute paths with --path-map.

            Exit status: 0 every image done, 1 report written but some images failed, 64 and up no report.

            Examples:
              anomark report photos/ -o report/
              anomark report photos/ --annotated-format jpg --jpeg-quality 80 -o report/    (to mail)
              anomark report inputs/ --results outputs/ -o report/ --jobs 8
              anomark report train.manifest --s3-map s3://b/cookies=cookies -o report/
              anomark report dataset/manifests/template.manifest --base dataset -o report/
              anomark report mvtec/bottle --results predictions/bottle --compare overlay -o report/
              anomark report captures/ --path-map /aws_dda/inference-results/wf=. -o report/
              anomark report photos/ -o shard-0/ --shard 0/4    (1/4 … 3/4 elsewhere)
              anomark report --merge shard-0 shard-1 shard-2 shard-3 -o report/
            """
    )

    @Argument(help: "Folders, images, JSON Lines files or manifests; with --merge, shard report folders.")
    var inputs: [String] = []

    @Option(name: [.short, .customLong("output")], help: "The report folder (created if missing).")
    var output: String

    @Option(help: "Folder holding the results, mirroring the image folder's names; a result beside an image wins.")
    var results: String?

    @Option(
        name: [.customLong("path-map"), .customLong("s3-map")],
        help: ArgumentHelp(
            "Map references to where the files are now: OLD=NEW, OLD an s3://bucket/prefix or an absolute path.",
            discussion: "Repeatable; the longest OLD wins. --s3-map is the same option."))
    var s3Maps: [String] = []

    @Option(
        help: ArgumentHelp(
            "The folder relative references in manifests and JSON Lines lists resolve against.",
            discussion: "After --path-map; the default is the folder of the file naming them.",
            valueName: "dir"))
    var base: String?

    @Option(help: "Images processed at once; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Process only shard K of N (K counts from 0), e.g. 0/4.")
    var shard: String?

    @Flag(help: "Join the reports of --shard runs (the INPUTs) into OUTDIR.")
    var merge = false

    @Flag(help: "Redo every image, even those whose outputs are newer than their inputs.")
    var force = false

    @Flag(name: [.short, .long], help: "No progress and no closing line on stderr.")
    var quiet = false

    @Option(help: "Title of index.html.")
    var title: String = "Anomark report"

    @Option(help: "Thumbnail width in pixels, 16…1024.")
    var thumbnailWidth: Int = 256

    @Option(help: "PNG compression of the annotated images: fast, default, small or 0…12.")
    var pngLevel: String = "fast"

    @Option(
        help: ArgumentHelp(
            "The full-size annotated images: png (lossless), jpg (small enough to mail) or none.",
            discussion: "Thumbnails are JPEG whatever this says; with none, they are the page's only pictures."))
    var annotatedFormat: String = ReportAnnotatedFormat.png.rawValue

    @Option(help: "JPEG quality of the annotated images with --annotated-format jpg, 1…100.")
    var jpegQuality: Int = 90

    @Option(
        help: ArgumentHelp(
            "With ground truth: side-by-side (two halves) or overlay (their agreement in one picture).",
            discussion: """
                overlay draws true positives #009E73, false positives #D55E00 and false negatives #0072B2 \
                (Okabe–Ito, colour-blind safe) with the IoU in the panel; items whose truth or prediction has \
                no mask (and is not normal) stay side by side.
                """))
    var compare: String = ReportCompare.sideBySide.rawValue

    @OptionGroup var input: InputFormatOption

    @OptionGroup var rendering: RenderingOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError(merge ? "--merge needs shard folders" : "give at least one INPUT") }
        if !(1...1024).contains(jobs) { throw ValidationError("--jobs must be in 1...1024, got \(jobs)") }
        if let shard {
            do { _ = try ReportShard(parsing: shard) } catch { throw ValidationError(error.description) }
            if merge { throw ValidationError("--shard and --merge cannot be combined") }
        }
        do { _ = try PathMap(parsing: s3Maps) } catch { throw ValidationError(error.description) }
        do { _ = try PNG.EncodeOptions(level: pngLevel) } catch { throw ValidationError(error.description) }
        if ReportCompare(rawValue: compare) == nil {
            throw ValidationError("--compare takes side-by-side or overlay, got '\(compare)'")
        }
        if !(16...1024).contains(thumbnailWidth) { throw ValidationError("--thumbnail-width must be in 16...1024") }
        if ReportAnnotatedFormat(rawValue: annotatedFormat) == nil {
            throw ValidationError("--annotated-format takes png, jpg or none, got '\(annotatedFormat)'")
        }
        if !(1...100).contains(jpegQuality) { throw ValidationError("--jpeg-quality must be in 1...100") }
    }

    func run() throws {
        let renderer = try rendering.settings.renderer()
        let outcome: ReportOutcome
        if merge {
            outcome = try ReportMerge(
                shardDirectories: inputs, outputDirectory: output, title: title == "Anomark report" ? nil : title,
                jobs: jobs, renderer: renderer
            ).run()
        } else {
            var annotate = rendering.settings.annotateOptions()
            annotate.clampFontSize = true  // one size for images of many sizes: validate() checked the limits
            var options = ReportOptions(
                outputDirectory: output, resultsDirectory: results, pathMap: try PathMap(parsing: s3Maps), jobs: jobs,
                shard: try shard.map { text throws in try ReportShard(parsing: text) }, force: force,
                progress: quiet ? .quiet : .automatic, annotate: annotate, png: try PNG.EncodeOptions(level: pngLevel),
                thumbnailWidth: thumbnailWidth, title: title, inputFormat: input.formats)
            options.compare = ReportCompare(rawValue: compare) ?? .sideBySide
            options.baseDirectory = base
            options.annotatedFormat = ReportAnnotatedFormat(rawValue: annotatedFormat) ?? .png
            options.jpegQuality = jpegQuality
            outcome = try ReportRunner(inputs: inputs, options: options, annotator: Annotator(renderer: renderer)).run()
        }
        // One line for the characters no font has, naming the images whose panels had them (also those of items
        // an earlier run rendered and this one resumed).
        let gaps = outcome.summary.items.filter { $0.missingCharacters != nil }
        let earlier = gaps.flatMap { Array($0.missingCharacters!.unicodeScalars) }
        for warning in renderer.warnings(missingIn: gaps.map(\.key), alsoMissing: earlier) { printError(warning) }
        for warning in outcome.summary.warnings { printError("warning: \(warning)") }
        let failures = outcome.summary.items.filter(\.isFailure)  // failed and without result
        for record in failures.prefix(20) {
            let reason = record.error ?? "failed"
            printError(record.status == .noResult ? "warning: \(record.key): \(reason)" : "failed: \(reason)")
        }
        if failures.count > 20 { printError("… and \(failures.count - 20) more (see summary.csv)") }
        if !quiet {
            printError(outcome.line(reportPath: ReportLayout(root: output).path(ReportLayout.indexFile)))
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
