import AnomarkKit
import ArgumentParser
import Codecs
import Foundation
import Overlay
import Raster
import TextRender

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a DetectAnomalies result onto its image and write an annotated PNG.",
        discussion: """
            RESULT is the JSON the service returned: the AWS CLI shape {"DetectAnomalyResult": {...}} or the bare \
            object (as the SageMaker successor writes to <image>.out). Use - to read it from standard input.

            Examples:
              anomark annotate samples/cookies/anomaly-1.jpg samples/cookies/results/anomaly-1.json
              aws lookoutvision detect-anomalies ... | anomark annotate photo.jpg - -o photo.png
              anomark annotate photo.jpg result.json --mask truth.png --opacity 0.6 --no-outline
            """
    )

    @Argument(help: "The analysed image (JPEG or PNG, recognised by its content).")
    var image: String

    @Argument(help: "The DetectAnomalies result JSON, or - for standard input.")
    var result: String

    @Option(
        name: [.short, .customLong("output")],
        help: "Output file (default: <image stem>.annotated.png here; .jpg writes JPEG).")
    var output: String?

    @Option(help: "A mask PNG to draw instead of the result's AnomalyMask (e.g. a ground-truth mask).")
    var mask: String?

    @Option(help: "Text for the first panel line instead of 'File: <image>'.")
    var label: String?

    @Option(name: .customLong("font"), help: "A font file tried before the bundled DejaVu Sans (repeatable).")
    var fonts: [String] = []

    @Option(help: "Panel font size in pixels (default: scales with the image, 12…96).")
    var fontSize: Int?

    @Option(help: "Panel text colour: #RRGGBB, #RRGGBBAA or a name.")
    var textColor: String = "lime"

    @Option(help: "Colour of the boxes behind the text.")
    var boxColor: String = "black"

    @Option(help: "Legend text colour.")
    var legendColor: String = "white"

    @Option(help: "Panel corner: top-left, top-right, bottom-left, bottom-right.")
    var position: String = "top-left"

    @Flag(help: "Draw no panel or legend.")
    var noPanel = false

    @Option(help: "Opacity of the anomaly colours, 0…1.")
    var opacity: Double = 0.5

    @Option(help: "Largest per-channel difference for a mask colour to match an anomaly colour (0 = exact).")
    var colorTolerance: Int = 0

    @Flag(help: "Do not outline anomaly regions.")
    var noOutline = false

    @Option(help: "Outline width in pixels (default: scales with the image).")
    var outlineWidth: Int?

    @Flag(help: "Scale a mask of another size to the image (nearest neighbour) instead of failing.")
    var fitMask = false

    @Option(help: "Print a summary on standard output: json.")
    var summary: String?

    @Option(help: "PNG compression: fast, default, small, or a libdeflate level 0…12.")
    var pngLevel: String = "default"

    @Option(help: "JPEG quality for a .jpg output, 1…100.")
    var jpegQuality: Int = 90

    @Option(help: "Refuse images with more pixels than this.")
    var maxPixels: Int = 100_000_000

    @Flag(help: "Accept truncated or corrupt JPEGs (libjpeg fills the gaps with grey).")
    var lenientJpeg = false

    func validate() throws {
        if let summary, summary != "json" { throw ValidationError("--summary takes 'json', got '\(summary)'") }
        if !(0...1).contains(opacity) { throw ValidationError("--opacity must be in 0...1, got \(opacity)") }
        if !(0...255).contains(colorTolerance) { throw ValidationError("--color-tolerance must be in 0...255") }
        if !(1...100).contains(jpegQuality) { throw ValidationError("--jpeg-quality must be in 1...100") }
        if let fontSize, !TextRenderer.sizeRange.contains(fontSize) {
            throw ValidationError("--font-size must be in \(TextRenderer.sizeRange)")
        }
        if let outlineWidth, !(1...64).contains(outlineWidth) {
            throw ValidationError("--outline-width must be in 1...64")
        }
        if maxPixels < 1 { throw ValidationError("--max-pixels must be positive") }
        do {
            _ = try PNG.EncodeOptions(level: pngLevel)
        } catch {
            throw ValidationError("--png-level: \(error.description)")
        }
        if PanelPosition(rawValue: position) == nil {
            throw ValidationError(
                "--position must be one of \(PanelPosition.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (name, value) in [("--text-color", textColor), ("--box-color", boxColor), ("--legend-color", legendColor)]
        where Color(parsing: value) == nil {
            throw ValidationError("\(name): expected #RRGGBB, #RRGGBBAA or a colour name, got '\(value)'")
        }
    }

    func run() throws {
        let style = PanelStyle(
            textColor: Color(parsing: textColor)!, boxColor: Color(parsing: boxColor)!,
            legendTextColor: Color(parsing: legendColor)!, position: PanelPosition(rawValue: position)!,
            fontSize: fontSize)
        let options = AnnotateOptions(
            label: label, style: style,
            composite: CompositeOptions(
                opacity: opacity, colorTolerance: colorTolerance, outline: !noOutline, outlineWidth: outlineWidth),
            fitMask: fitMask, drawPanel: !noPanel, limits: DecodeLimits(maxPixels: maxPixels), lenientJPEG: lenientJpeg)
        let job = AnnotateJob(
            imagePath: image, resultPath: result, maskPath: mask, outputPath: output, options: options,
            png: try PNG.EncodeOptions(level: pngLevel), jpegQuality: jpegQuality)
        let renderer: TextRenderer
        do {
            renderer = try TextRenderer(userFontPaths: fonts)
        } catch {
            throw AnomarkError(.inputMissing, file: fonts.first ?? "fonts/DejaVuSans.ttf", error.description)
        }
        let outcome = try job.run(annotator: Annotator(renderer: renderer))
        for warning in outcome.annotation.warnings { printError(warning) }
        if summary == "json" {
            let summary = AnnotateSummary(outcome: outcome, imagePath: image)
            for warning in summary.warnings { printError(warning) }
            print(summary.json())
        }
    }
}
