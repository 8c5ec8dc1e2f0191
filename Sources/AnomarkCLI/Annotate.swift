import AnomarkKit
import ArgumentParser
import Codecs
import Foundation
import Overlay
import Raster
import TextRender

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",  // spelled out: deriving it from the type name is slow at start-up
        abstract: "Draw a DetectAnomalies result onto its image and write an annotated PNG.",
        discussion: """
            RESULT is the JSON the service returned: the AWS CLI shape {"DetectAnomalyResult": {...}} or the bare \
            object (as the SageMaker successor writes to <image>.out), or a DDA capture file (JSON Lines): the \
            record whose image has IMAGE's file name (or the file's only record), drawn with its mask.png \
            (--path-map maps the capture machine's paths). Use - to read it from standard input. An anomaly score \
            map (grey PNG or .npy) may be RESULT itself, or given with --anomaly-map (then RESULT, if any, is its \
            JSON sidecar).

            Examples:
              anomark annotate samples/cookies/anomaly-1.jpg samples/cookies/results/anomaly-1.json
              aws lookoutvision detect-anomalies ... | anomark annotate photo.jpg - -o photo.png
              anomark annotate photo.jpg result.json --mask truth.png --opacity 0.6 --no-outline
              anomark annotate captures/c1.jpg captures/c1.jsonl --path-map /aws_dda/inference-results/wf=.
              anomark annotate photo.jpg --anomaly-map photo.anomaly_map.npy --colormap jet
              anomark annotate test/crack/000.png pred/000.png.json --truth ground_truth/crack/000_mask.png
            """
    )

    @Argument(help: "The analysed image (JPEG or PNG, recognised by its content).")
    var image: String

    @Argument(help: "The result (DetectAnomalies JSON, an anomaly map or its sidecar), or - for standard input.")
    var result: String?

    @Option(help: "An anomaly score map to paint as a heat map: a grey PNG (8/16-bit) or a .npy of floats.")
    var anomalyMap: String?

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp(
            "Output file (default: <image stem>.annotated.png here; .jpg writes JPEG; - writes PNG to stdout).",
            discussion: """
                .png writes PNG, .jpg and .jpeg JPEG; any other extension is refused (exit 64). A name without an \
                extension (-, a device, a FIFO) gets PNG unless --output-format says otherwise. \
                A FIFO or character device (/dev/null) is written in place, a symbolic link's target is replaced, \
                a socket is refused (73), and an output that is also an input is refused (64) before anything is \
                read. With -o -, --summary json goes to standard error.
                """))
    var output: String?

    @Option(help: "Output format, png or jpg, for an output name without a .png/.jpg extension.")
    var outputFormat: String?

    @Option(help: "A mask PNG to draw instead of the result's AnomalyMask (e.g. a ground-truth mask).")
    var mask: String?

    @Option(
        help: ArgumentHelp(
            "A ground-truth mask to compare with: draws true positives, false positives and false negatives.",
            discussion: """
                A binary mask of the image's size (white anomaly on black, as MVTec AD's ground_truth masks; \
                --fit-mask scales it). Pixels are set where alpha ≥ 128 and the colour is white, exactly or \
                within --color-tolerance. The output shows agreement per pixel instead of the prediction's \
                classes — true positive #009E73, false positive #D55E00, false negative #0072B2 (Okabe–Ito, \
                colour-blind safe) — and the panel gives the IoU (class-agnostic); --summary json adds "truth".
                """))
    var truth: String?

    @Option(
        name: .customLong("path-map"),
        help: "Map a capture record's references to where the files are now: OLD=NEW (repeatable).")
    var pathMaps: [String] = AnnotateRequest.defaults.pathMaps

    @Option(help: "Text for the first panel line instead of 'File: <image>'.")
    var label: String?

    @OptionGroup var input: InputFormatOption

    @OptionGroup var rendering: RenderingOptions

    @Option(help: "Print a summary on standard output (standard error with -o -): json.")
    var summary: String?

    @Option(help: "PNG compression: fast, default, small, or a libdeflate level 0…12.")
    var pngLevel: String = AnnotateRequest.defaults.pngLevel

    @Option(help: "JPEG quality for a .jpg output, 1…100.")
    var jpegQuality: Int = AnnotateRequest.defaults.jpegQuality

    func validate() throws {
        if result == nil && anomalyMap == nil { throw ValidationError("give RESULT or --anomaly-map") }
        if let summary, summary != "json" { throw ValidationError("--summary takes 'json', got '\(summary)'") }
        if let outputFormat, OutputFormat.Name(rawValue: outputFormat) == nil {
            throw ValidationError("--output-format takes png or jpg, got '\(outputFormat)'")
        }
        if !(1...100).contains(jpegQuality) { throw ValidationError("--jpeg-quality must be in 1...100") }
        do { _ = try PathMap(parsing: pathMaps) } catch { throw ValidationError(error.description) }
        do {
            _ = try PNG.EncodeOptions(level: pngLevel)
        } catch {
            throw ValidationError("--png-level: \(error.description)")
        }
    }

    /// The values parsed, as plain values (valid after `validate()`).
    var request: AnnotateRequest {
        AnnotateRequest(
            image: image, result: result, anomalyMap: anomalyMap, output: output, outputFormat: outputFormat,
            mask: mask, truth: truth, pathMaps: pathMaps, label: label, inputFormat: input.inputFormat,
            rendering: rendering.settings, summary: summary, pngLevel: pngLevel, jpegQuality: jpegQuality)
    }

    func run() throws { try request.run() }
}

/// An `annotate` command line as plain values: what `Annotate` parses, or what `FastPath` reads from the common
/// `annotate IMAGE RESULT [-o OUT] [--mask MASK] [--no-outline]` without ArgumentParser. Its property initialisers
/// are the options' defaults, the one place they are written: `Annotate` declares each option's default as
/// `AnnotateRequest.defaults`' value (an optional one has none: left out, it is nil in both).
struct AnnotateRequest {
    /// Every option at its default (the operands are not: `defaults` serves only for the options' values).
    static let defaults = AnnotateRequest(image: "")

    var image: String
    var result: String?
    var anomalyMap: String?
    var output: String?
    var outputFormat: String?
    var mask: String?
    var truth: String?
    var pathMaps: [String] = []
    var label: String?
    var inputFormat = InputFormatOption.defaultName
    var rendering = RenderingSettings.defaults
    var summary: String?
    var pngLevel = "default"
    var jpegQuality = 90

    /// Annotates as the values say and prints the warnings and `--summary`. The values must be ones
    /// `Annotate.validate()` accepts (the defaults are); failures are thrown for `Anomark.main` to report.
    func run() throws {
        // One image, two or three threads: its buffers can come from huge pages (`AllocatorPolicy`). `run` is
        // called on the main thread before any other thread has started.
        let hugePages = AllocatorPolicy.useHugePages()
        defer { Self.reportAllocator(hugePages: hugePages) }
        var job = AnnotateJob(
            imagePath: image, resultPath: result, anomalyMapPath: anomalyMap, maskPath: mask, outputPath: output,
            options: rendering.annotateOptions(label: label), png: try PNG.EncodeOptions(level: pngLevel),
            jpegQuality: jpegQuality, inputFormat: InputFormatOption.formats(named: inputFormat),
            outputFormat: outputFormat.flatMap(OutputFormat.Name.init(rawValue:)))
        job.truthPath = truth
        job.pathMap = try PathMap(parsing: pathMaps)
        let renderer = try rendering.renderer()
        let outcome = try job.run(annotator: Annotator(renderer: renderer))
        let missingIn = outcome.annotation.missingCharacters.isEmpty ? [] : [image]
        let names = Set(outcome.detection.classes.map(\.name))
        let unused = rendering.classColorNames.filter { !names.contains($0) }.map {
            "warning: --class-color \($0): \(result == "-" ? "<stdin>" : result ?? anomalyMap ?? "the result") has no anomaly of that name"
        }
        for warning in outcome.annotation.warnings + unused + renderer.warnings(missingIn: missingIn) {
            printError(warning)
        }
        if summary == "json" {
            let summary = AnnotateSummary(outcome: outcome, imagePath: image)
            for warning in summary.warnings { printError(warning) }
            // With `-o -` standard output carries the image and nothing else.
            if output == "-" { printError(summary.json()) } else { print(summary.json()) }
        }
    }

    /// `ANOMARK_TEST_ALLOCATOR=1` (tests only): one line on stderr at the end of the run saying whether the
    /// huge-page heap was applied and how many bytes of mappings are marked for huge pages, so that a test can
    /// see in a fresh process what `AllocatorPolicy.useHugePages` did (in the test process other threads have
    /// taken arenas of their own already).
    static func reportAllocator(hugePages: Bool) {
        guard let flag = getenv("ANOMARK_TEST_ALLOCATOR"), String(cString: flag) == "1" else { return }
        let advised = AllocatorPolicy.hugePageAdvisedBytes ?? -1
        printError("allocator: huge pages \(hugePages ? "on" : "off"), \(advised) bytes")
    }
}
