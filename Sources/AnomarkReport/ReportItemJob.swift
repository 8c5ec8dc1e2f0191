import AnomarkKit
import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TextRender

/// Renders one report item: annotated PNG, thumbnail, measured areas and IoU. Never throws: whatever goes
/// wrong becomes the record's `error`, so one bad image or result never stops a batch.
///
/// - Prediction only: the `annotate` pipeline (shared `Annotator`), labelled with the item's key.
/// - Ground truth (manifest): the mask is drawn through the same pipeline as a `Detection` without verdict
///   (classes of the colour map, areas measured from the mask), with a "Ground truth" panel. With a prediction as well the
///   two are placed side by side, truth on the left.
/// - Neither (no result found): the plain upright image, so the report still shows what it is.
///
/// Outputs are written atomically: `annotated/<name>.png` (`.jpg`, or none, as `--annotated-format` says),
/// `thumbnails/<name>.jpg`; the caller writes the
/// record (the resume marker) after them.
struct ReportItemJob: Sendable {
    let annotator: Annotator
    let options: ReportOptions
    let layout: ReportLayout

    /// A job whose work for one image stays on the calling worker thread: a report parallelises across images
    /// (`--jobs`), so `--jobs 1` uses one core and each further job adds one.
    init(annotator: Annotator, options: ReportOptions, layout: ReportLayout) {
        var options = options
        options.annotate.concurrentDecode = false
        options.png.parallel = false
        // One core per image: bands only cost joints (a walk over each compressed band, ~6 % of a report's CPU
        // at 1 MiB bands on 576×768 photos). 8 MiB keeps images up to 1920×1080 whole and larger ones in
        // bands whose buffers stay small.
        options.png.bandBytes = Self.pngBandBytes
        self.annotator = annotator
        self.options = options
        self.layout = layout
    }

    /// Scanline bytes per PNG band for the annotated images (`PNG.EncodeOptions.bandBytes`).
    static let pngBandBytes = 8 << 20

    /// Gap between the ground-truth and prediction halves of a side-by-side image.
    static let sideBySideGap = 16
    static let sideBySideBackground = Color(r: 0x20, g: 0x20, b: 0x20)

    func run(_ item: ReportItem) -> ReportRecord {
        var record = ReportRecord(
            key: item.key, name: item.name, image: item.imagePath, result: item.resultLabel,
            truthMask: item.truth?.maskPath, status: .ok)
        if let problem = item.problem {
            record.status = .failed
            record.error = problem
            return record
        }
        do throws(AnomarkError) {
            try render(item, into: &record)
        } catch {
            record.status = .failed
            record.error = Self.message(error)
            record.annotated = nil
            record.thumbnail = nil
            record.thumbnailWidth = nil
            record.thumbnailHeight = nil
        }
        return record
    }

    /// `<file>: <problem>` (the CLI's `error: ` prefix is implied by the report's "failed" status).
    static func message(_ error: AnomarkError) -> String {
        let line = error.description
        return line.hasPrefix("error: ") ? String(line.dropFirst(7)) : line
    }

    private func render(_ item: ReportItem, into record: inout ReportRecord) throws(AnomarkError) {
        guard let imagePath = item.imagePath else { throw AnomarkError(.badData, file: item.key, "no image path") }
        // Before reading: an item whose outputs would overwrite one of its inputs fails instead.
        let inputs = item.inputFiles.map { (role: "an input of \(item.key)", path: Optional($0)) }
        let annotatedExtension = options.annotatedFormat.fileExtension
        let annotatedPath = annotatedExtension.map { layout.annotatedPath(item.name, fileExtension: $0) }
        let annotatedOutput = try annotatedPath.map { path throws(AnomarkError) in
            try OutputFile.check(path, inputs: inputs)
        }
        let thumbnailPath = layout.thumbnailPath(item.name)
        let thumbnailOutput = try OutputFile.check(thumbnailPath, inputs: inputs)
        // The result first: it is small, and a bad one should not cost an image decode.
        var detection: Detection?
        var resultName = "result"
        switch item.result {
        case .none: break
        case .file(let path):
            detection = try AnnotateJob.readResult(path, format: options.inputFormat)
            resultName = path
        case .inline(let inline):
            detection = inline
            resultName = "\(item.key) (inline result)"
        }
        // An anomalib sidecar brings its map from beside the image; --map-threshold applies to every map.
        if let mapped = try AnnotateJob.attachAnomalyMap(
            to: detection, imagePath: imagePath, mapPath: nil, threshold: options.annotate.mapThreshold)
        {
            detection = mapped.detection
            if let name = mapped.mapName { resultName = name }
        }
        let imageBytes = try FileIO.read(imagePath)
        var panels: [Pixmap] = []
        var truthLabels: LabelMap?
        var truthNames: [String] = []
        var missing = Set<Unicode.Scalar>()

        // With ground truth, each half is annotated without its panel, then both panels are placed at once
        // (one corner free on both, or the band on both) so that the halves share one canvas.
        var views: [Annotation] = []
        var texts: [(lines: [String], legend: [Panel.LegendEntry])] = []
        // `--compare overlay`: one picture of their agreement, when both sides say where the anomalies are.
        let predictionLocated =
            detection?.mask != nil || item.resultMaskPath != nil || detection?.verdict?.isAnomalous == false
        let overlay =
            options.compare == .overlay && detection != nil && predictionLocated
            && item.truth.map { $0.maskPath != nil || $0.isAnomalous == false } == true
        if let truth = item.truth, !overlay {
            let (view, text, labels, summary) = try renderTruth(truth, item: item, imageBytes: imageBytes)
            views.append(view)
            texts.append(text)
            truthLabels = labels
            truthNames = summary.anomalies.map(\.name)
            record.truth = summary
        }
        if let detection {
            var annotateOptions = options.annotate
            annotateOptions.label = annotateOptions.label ?? "File: \(item.key)"
            var input = AnnotateInput(
                image: imageBytes, imageName: imagePath, detection: detection, resultName: resultName)
            if let maskPath = item.resultMaskPath {
                input.mask = try FileIO.read(maskPath)
                input.maskName = maskPath
            }
            // With ground truth, IoU is measured on the labelling the compositor painted.
            input.keepLabels = item.truth != nil
            if overlay, let truth = item.truth {
                input.truth = truth.detection(
                    mask: try truth.maskPath.map { path throws(AnomarkError) in try FileIO.read(path) })
                input.truthName = truth.maskPath ?? imagePath
            } else if item.truth != nil {
                annotateOptions.drawPanel = false
            }
            var annotation = try annotator.annotate(input, options: annotateOptions)
            if overlay, let truth = item.truth {
                truthLabels = annotation.truthReport?.labels
                truthNames = truth.anomalyClasses.map(\.name)
                record.truth = Self.truthSummary(truth, labels: truthLabels)
            }
            if item.truth != nil { record.picture = overlay ? .agreement : .sideBySide }
            if item.truth != nil && !overlay && options.annotate.drawPanel {
                let (legend, warning) = Annotator.legend(
                    for: detection, measuredAreas: annotation.maskReport?.measuredArea, options: annotateOptions,
                    resultName: resultName)
                annotation.warnings += warning.map { [$0] } ?? []
                views.append(annotation)
                texts.append(
                    (Panel.lines(for: detection, fileLabel: annotateOptions.label ?? "File: \(item.key)"), legend))
            } else {
                panels.append(annotation.image)
            }
            record.warnings += annotation.warnings
            missing.formUnion(annotation.missingCharacters)
            let measured = annotation.maskReport?.measuredArea
            // In the legend's order (the picture's), so the table, CSV and JSON list the types as the panel does.
            let anomalies = detection.classes.enumerated().map { i, type in
                ReportRecord.TypeArea(
                    name: type.name, color: type.colorHex, area: type.reportedArea ?? 0,
                    measuredArea: measured.flatMap { i < $0.count ? $0[i] : nil })
            }
            let legendAreas = zip(detection.classes, anomalies).map { $0.reportedArea ?? $1.measuredArea ?? 0 }
            let order = anomalies.indices.sorted {
                Panel.legendPrecedes(
                    (anomalies[$0].name, legendAreas[$0]), (anomalies[$1].name, legendAreas[$1]))
            }
            record.prediction = ReportRecord.Prediction(
                isAnomalous: detection.verdict?.isAnomalous ?? false, confidence: detection.verdict?.confidence,
                anomalies: order.map { anomalies[$0] }, score: detection.verdict?.score,
                threshold: detection.verdict?.threshold)
            if let truth = item.truth {
                record.iou = intersections(
                    truth: truth, truthLabels: truthLabels, truthNames: truthNames, detection: detection,
                    predicted: annotation.maskReport?.labels ?? annotation.heatMapReport?.labels)
            }
        } else if item.resultExpected {
            record.status = .noResult
            record.error = "no result (looked for " + item.resultCandidates.joined(separator: ", ") + ")"
        }
        if !views.isEmpty {
            if options.annotate.drawPanel {
                _ = annotator.drawPanels(on: &views, texts: texts, options: options.annotate)
            }
            for view in views { missing.formUnion(view.missingCharacters) }
            panels = views.map(\.image) + panels
            views = []
        }
        if panels.isEmpty {
            do {
                panels.append(try ImageDecoder.decode(imageBytes, limits: options.annotate.limits).upright)
            } catch {
                throw AnomarkError(.badData, file: imagePath, error.description)
            }
        }
        let image = panels.count == 1 ? panels[0] : Self.sideBySide(panels[0], panels[1])
        let thumbnailWidth = options.thumbnailWidth * panels.count
        panels = []

        if let annotatedPath, let annotatedOutput, let annotatedExtension {
            let format: OutputFormat =
                options.annotatedFormat == .jpg ? .jpeg(quality: options.jpegQuality) : .png(options.png)
            try annotatedOutput.write(try AnnotateJob.encode(image, format: format, name: annotatedPath))
            record.annotated = ReportLayout.annotatedRelative(item.name, fileExtension: annotatedExtension)
        }
        let thumbnail = ReportThumbnail.fitting(
            image, maxWidth: thumbnailWidth, maxHeight: options.thumbnailWidth * 4)
        let jpeg = try AnnotateJob.encode(
            thumbnail, format: .jpeg(quality: options.thumbnailQuality), name: thumbnailPath)
        try thumbnailOutput.write(jpeg)
        record.thumbnail = ReportLayout.thumbnailRelative(item.name)
        record.thumbnailWidth = thumbnail.width
        record.thumbnailHeight = thumbnail.height
        Self.note(missing, in: &record)
    }

    /// Records characters no font had in the item's panels: the field, and a warning in the item's row.
    static func note(_ missing: Set<Unicode.Scalar>, in record: inout ReportRecord) {
        guard !missing.isEmpty else { return }
        let sorted = missing.sorted { $0.value < $1.value }
        var characters = String.UnicodeScalarView()
        characters.append(contentsOf: sorted)
        record.missingCharacters = String(characters)
        record.warnings.append(
            "no font has a glyph for " + sorted.map(TextRenderer.describe).joined(separator: ", "))
    }

    /// The ground-truth half: the truth as a `Detection` without verdict (classes of the colour map, areas
    /// measured from the mask), composited like a prediction and labelled "Ground truth". Returns the half
    /// without its panel and the panel's text, for `Annotator.drawPanels`.
    private func renderTruth(
        _ truth: ReportItem.GroundTruth, item: ReportItem, imageBytes: [UInt8]
    ) throws(AnomarkError) -> (
        Annotation, (lines: [String], legend: [Panel.LegendEntry]), LabelMap?, ReportRecord.Truth
    ) {
        let defects = truth.anomalyClasses
        let maskBytes = try truth.maskPath.map { path throws(AnomarkError) in try FileIO.read(path) }
        let detection = truth.detection(mask: maskBytes)
        var annotateOptions = options.annotate
        annotateOptions.drawPanel = false
        let imagePath = item.imagePath ?? item.key
        var input = AnnotateInput(
            image: imageBytes, imageName: imagePath, detection: detection, resultName: truth.maskPath ?? imagePath)
        input.keepLabels = true
        let view = try annotator.annotate(input, options: annotateOptions)
        let labels = view.maskReport?.labels
        let areas = labels?.areas ?? [Double](repeating: 0, count: defects.count)
        let summary = Self.truthSummary(truth, labels: labels)
        let label = truth.isAnomalous.map { $0 ? "Anomalous" : "Normal" } ?? "unknown"
        let legend =
            labels == nil
            ? []
            : Annotator.legend(
                for: detection, measuredAreas: areas, options: options.annotate, resultName: input.resultName
            ).0
        let text = (["Ground truth: \(item.key)", "Label: \(label)"], legend)
        return (view, text, labels, summary)
    }

    /// What the record says about the truth: its label and each class's area measured on `labels` (0 without).
    static func truthSummary(_ truth: ReportItem.GroundTruth, labels: LabelMap?) -> ReportRecord.Truth {
        let defects = truth.anomalyClasses
        let areas = labels?.areas ?? [Double](repeating: 0, count: defects.count)
        let anomalies = defects.enumerated().map { i, type in
            ReportRecord.TypeArea(name: type.name, color: type.colorHex, area: areas[i])
        }
        return ReportRecord.Truth(
            isAnomalous: truth.isAnomalous,
            anomalies: anomalies.sorted { Panel.legendPrecedes(($0.name, $0.area), ($1.name, $1.area)) },
            hasMask: labels != nil)
    }

    /// Per-type IoU only where both masks exist: the truth's mask (or an MVTec AD-style `good` image, whose mask
    /// is empty by the layout's definition) and a predicted mask or score map. A label without a mask — a
    /// manifest's normal line, a classification-only prediction, normal or not — gives no IoU, so a mean IoU is
    /// never made of false positives against masks nobody drew. Both labellings are the compositor's, at the
    /// photo's size.
    private func intersections(
        truth: ReportItem.GroundTruth, truthLabels: LabelMap?, truthNames: [String], detection: Detection,
        predicted: LabelMap?
    ) -> [ReportRecord.TypeIoU] {
        let truthKnown = truthLabels != nil || (truth.isClassAgnostic && truth.isAnomalous == false)
        guard truthKnown, predicted != nil else { return [] }
        // Binary truth masks, and score maps (which have no classes), are compared class-agnostically.
        if truth.isClassAgnostic || detection.classes.isEmpty {
            return ReportIoU.classAgnostic(
                truth: truthLabels, predicted: predicted, name: truthNames.first ?? truth.source)
        }
        return ReportIoU.intersections(
            truth: truthLabels, truthNames: truthNames, predicted: predicted,
            predictedNames: detection.classes.map(\.name))
    }

    /// Ground truth on the left, prediction on the right, tops aligned, on a dark background.
    static func sideBySide(_ left: Pixmap, _ right: Pixmap) -> Pixmap {
        var out = Pixmap(
            width: left.width + sideBySideGap + right.width, height: max(left.height, right.height),
            fill: sideBySideBackground)
        out.blit(left, x: 0, y: 0)
        out.blit(right, x: left.width + sideBySideGap, y: 0)
        return out
    }
}
