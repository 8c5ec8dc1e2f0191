// Anomark — the one import for the common jobs: annotate an image with a detector's result, compare against a
// golden image, write a batch report. Everything here is a thin layer over AnomarkKit and the modules below it
// (which stay available as products for those who want the parts).
//
// Contract
// - Functions, not a type: call them as `Anomark.annotate(…)`, `Anomark.compare(…)`, `Anomark.report(…)` (the
//   module name qualifies them; no type is named like the module, which would shadow it).
// - Inputs are bytes or paths. Results are read through the format registry (`--input-format auto` sniffs:
//   Lookout for Vision `DetectAnomalies`, wrapped, bare or `.out`), exactly as the CLI reads them, so an
//   in-process annotation is byte-identical to `anomark annotate` with the same options.
// - Text uses one shared renderer per `systemFonts` setting: the bundled DejaVu Sans (compiled in; nothing to
//   install beside the program), then, unless turned off, fontconfig's installed fonts for characters it lacks.
//   Renderers are thread-safe, so these functions may be called from any thread, concurrently.
// - Every failure throws `AnomarkError`: the file it is about, one line saying what is wrong, and the exit code
//   the CLI would use; `localizedDescription` is the CLI's line without `error: `. Nothing is written on failure,
//   and an existing output stays as it was.
// - The types a caller must name are re-exported here as type aliases (`AnnotateOptions`, `CompareOptions`,
//   `Detection`, `Pixmap`, …), so `import Anomark` is enough.
import AnomarkKit
import AnomarkReport
import Detections
import GoldenImage
import Overlay
import Raster
import TextRender

/// Annotates an image with a detector's result, both given as bytes.
///
/// - Parameters:
///   - image: a PNG or JPEG (the format is sniffed; EXIF orientation is applied).
///   - result: the result file's bytes in any format the registry reads (`format`, sniffed by default).
///   - mask: a mask PNG that replaces the result's own mask, as `--mask` does.
///   - imageName: what the panel's `File:` line shows and errors name (the CLI passes the path as given).
///   - options: panel, colours, opacity, outlines, limits — the CLI's defaults unless set.
///   - format: the input format; `.auto` sniffs.
///   - systemFonts: fall back to installed fonts for characters the bundled font lacks; turn off for output
///     that must not depend on the machine.
/// - Returns: the annotated image with its warnings.
public func annotate(
    image: [UInt8], result: [UInt8], mask: [UInt8]? = nil, imageName: String = "image",
    options: AnnotateOptions = .init(), format: ResultFormats = .auto, systemFonts: Bool = true
) throws(AnomarkError) -> AnnotatedImage {
    let detection: Detection
    do {
        detection = try format.read(result)
    } catch {
        throw AnomarkError(.badData, file: "result", error.description)
    }
    let input = AnnotateInput(
        image: image, imageName: imageName, detection: detection, resultName: "result", mask: mask,
        maskName: mask == nil ? nil : "mask")
    let annotator = try SharedRenderers.annotator(systemFonts: systemFonts)
    return AnnotatedImage(
        try annotator.annotate(input, options: options), detection: detection, imageName: input.imageName)
}

/// Annotates the image at `imagePath` with the result at `resultPath` (and `maskPath`, like `--mask`), reading
/// the files exactly as `anomark annotate` does: a capture file's record for this image, an anomaly map beside
/// it. Errors name the paths as given.
public func annotate(
    imageAt imagePath: String, resultAt resultPath: String, maskAt maskPath: String? = nil,
    options: AnnotateOptions = .init(), format: ResultFormats = .auto, systemFonts: Bool = true
) throws(AnomarkError) -> AnnotatedImage {
    let job = AnnotateJob(
        imagePath: imagePath, resultPath: resultPath, maskPath: maskPath, options: options, inputFormat: format)
    let (annotation, detection) = try job.annotate(annotator: SharedRenderers.annotator(systemFonts: systemFonts))
    return AnnotatedImage(annotation, detection: detection, imageName: imagePath)
}

/// Compares two decoded images (see ``CompareOptions`` for the tolerances; exact by default). Never throws:
/// sizes that differ give the verdict `.sizeMismatch`.
public func compare(expected: Pixmap, actual: Pixmap, tolerance: CompareOptions = .exact) -> CompareResult {
    ImageComparison.compare(expected: expected, actual: actual, options: tolerance)
}

/// Decodes two PNG or JPEG files and compares their pixels as stored, exactly as `anomark diff` does (without
/// a diff image).
///
/// - Throws: `AnomarkError` when a file cannot be read or decoded, or a tolerance is out of range (`.usage`).
public func compare(
    expectedAt expectedPath: String, actualAt actualPath: String, tolerance: CompareOptions = .exact
) throws(AnomarkError) -> CompareResult {
    try DiffJob(expectedPath: expectedPath, actualPath: actualPath, options: tolerance).run().result
}

/// Writes a batch report (HTML page, annotated images, thumbnails, contact sheets, `summary.json` and
/// `summary.csv`) for `inputs` — folders, images, JSON Lines files and manifests — as `anomark report` does.
///
/// - Returns: the outcome; its `exitCode` is 1 when some items failed (they are listed in the report).
/// - Throws: `AnomarkError` when no report can be written at all.
public func report(
    inputs: [String], options: ReportOptions, systemFonts: Bool = true
) throws(AnomarkError) -> ReportOutcome {
    try ReportRunner(inputs: inputs, options: options, annotator: SharedRenderers.annotator(systemFonts: systemFonts))
        .run()
}
