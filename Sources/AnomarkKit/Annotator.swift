import Codecs
import Detections
import Dispatch
import Overlay
import Raster
import TextRender

/// The inputs of one annotation, with the names to use in messages and on the panel.
public struct AnnotateInput: Sendable {
    /// The photo, PNG or JPEG bytes.
    public var image: [UInt8]
    /// The image path as the user gave it (shown as `File: …` and named in errors).
    public var imageName: String
    /// What the detector (or the ground truth) says, mask included.
    public var detection: Detection
    /// Name of the result file (`<stdin>` for standard input), blamed for a bad mask in `detection`.
    public var resultName: String
    /// A mask PNG given separately (`--mask`), which takes precedence over the detection's mask.
    public var mask: [UInt8]?
    /// The name of `mask` in messages (the `--mask` path).
    public var maskName: String?
    /// Return the compositor's labelling (`Annotation.maskReport?.labels`), e.g. to measure IoU on exactly the
    /// pixels painted. Changes no pixel.
    public var keepLabels = false
    /// Ground truth to compare the prediction with (`annotate --truth`, `report --compare overlay`): a
    /// detection without verdict whose mask is the truth's. The picture then shows their agreement per pixel
    /// (`AgreementCompositor`) instead of the prediction's classes, and the panel gives the IoU.
    public var truth: Detection?
    /// The name of the truth's mask in messages (the `--truth` path).
    public var truthName: String?

    /// An input; the mask, when given, replaces the detection's own.
    public init(
        image: [UInt8], imageName: String, detection: Detection, resultName: String, mask: [UInt8]? = nil,
        maskName: String? = nil
    ) {
        self.image = image
        self.imageName = imageName
        self.detection = detection
        self.resultName = resultName
        self.mask = mask
        self.maskName = maskName
    }
}

/// A value handed from one thread to another; `concurrentPerform` returns only after every iteration has
/// finished, which orders the write before the read.
final class Slot<Value>: @unchecked Sendable {
    var value: Value?

    /// The value, leaving the slot empty (so the slot holds no second reference to pixel buffers).
    func take() -> Value? {
        defer { value = nil }
        return value
    }
}

/// What an annotation produced besides pixels.
public struct Annotation: Sendable {
    /// The annotated image, upright.
    public var image: Pixmap
    /// Warnings about this image for stderr (unlisted mask colours …), one line each. Font warnings concern the
    /// whole run and stay with the shared renderer (`TextRenderer.warnings`), printed once by the caller.
    public var warnings: [String]
    /// The characters of this image's panel that no font has (drawn as missing-glyph boxes), in code point
    /// order: lets a caller name the images behind the renderer's one missing-glyph warning
    /// (`TextRenderer.warnings(missingIn:)`).
    public var missingCharacters: [Unicode.Scalar]
    /// What the compositor found, when a mask was drawn.
    public var maskReport: CompositeReport?
    /// The types the mask was composited with, in the report's order.
    public var maskTypes: [AnomalyType]
    /// The regions that got a marker, in the mask's (stored) coordinates.
    public var markers: [MaskRegion]
    /// What the heat map painter did, when a score map was drawn.
    public var heatMapReport: HeatMapReport?
    /// The panel as drawn, in output-image coordinates (nil when no panel was drawn).
    public var panel: Panel.Layout?
    /// With ground truth (`AnnotateInput.truth`): how the prediction agrees with it, class-agnostically.
    public var agreement: MaskAgreement?
    /// With ground truth: what the compositor found in the truth's mask (its labelling included); nil when the
    /// truth has no mask (a normal image).
    public var truthReport: CompositeReport?

    /// The photo's EXIF orientation: how the stored pixels (those of `maskReport` and `markers`) were turned to
    /// give `image`.
    public var orientation: Orientation = .up
    /// Where the panel went (nil when no panel was drawn).
    public var placement: PanelPlacement?

    /// The panel's bounds in the output image (empty when no panel).
    public var panelBounds: Rect { panel?.bounds ?? Rect(x: 0, y: 0, width: 0, height: 0) }

    /// Where a panel must not go, in stored pixels: the mask's anomaly pixels, or a heat map's pixels at or above
    /// its threshold, each with the width of the outline around them. `coverage` nil: a mask too noisy to list,
    /// which covers everything.
    struct CoverageRegion {
        var coverage: MaskCoverage?
        var outlineWidth: Int
    }

    /// The regions of this annotation (none when neither a mask nor a heat map was drawn).
    var coverageRegions: [CoverageRegion] { Self.coverageRegions(mask: maskReport, heatMap: heatMapReport) }

    static func coverageRegions(mask: CompositeReport?, heatMap: HeatMapReport?) -> [CoverageRegion] {
        (mask.map { [CoverageRegion(coverage: $0.coverage, outlineWidth: $0.outlineWidth)] } ?? [])
            + (heatMap.map { [CoverageRegion(coverage: $0.coverage, outlineWidth: $0.outlineWidth)] } ?? [])
    }
}

/// Turns an image and what a detector found in it (a `Detection`) into an annotated image. No file I/O.
///
/// Order of work: decode; composite the mask onto the STORED pixels (the mask is aligned with them); turn the
/// image upright (EXIF orientation); then lay out and draw the panel and legend, so text is never rotated.
/// Thread-safe: one `Annotator` (and its `TextRenderer`) may serve many threads.
public final class Annotator: Sendable {
    /// The text renderer, shared by every annotation (it is thread-safe and caches glyphs).
    public let renderer: TextRenderer

    /// An annotator drawing text with `renderer`.
    public init(renderer: TextRenderer) { self.renderer = renderer }

    /// Annotates `input`; every failure is an `AnomarkError` naming the file at fault.
    public func annotate(_ input: AnnotateInput, options: AnnotateOptions = .init()) throws(AnomarkError) -> Annotation
    {
        try Self.checkDistinctColors(input.detection, name: input.resultName)
        let source = try maskSource(input)
        // Photo and mask decode at the same time: both are single-threaded library calls, independent of each
        // other. The decoded pixels are moved out, not shared: a second reference would make the first in-place
        // edit copy the whole image (copy-on-write).
        let photoSlot = Slot<Result<DecodedImage, AnomarkError>>()
        let maskSlot = Slot<Result<Pixmap, AnomarkError>>()
        var encodedMask = false
        if case .encoded? = source?.mask { encodedMask = true }
        let decodeOne = { @Sendable (i: Int) in
            if i == 0 {
                photoSlot.value = Result { () throws(AnomarkError) in try self.decodePhoto(input, options: options) }
            } else if let source {
                switch source.mask {
                case .encoded(let bytes):
                    let mask = Result { () throws(AnomarkError) in
                        try self.decodeMask(bytes, name: source.name, limits: options.limits)
                    }
                    if case .success(let pixmap) = mask, options.concurrentDecode {
                        self.prewarmPanelText(input, options: options, width: pixmap.width, height: pixmap.height)
                    }
                    maskSlot.value = mask
                case .decoded(let pixmap): maskSlot.value = .success(pixmap)
                case .scores: break
                }
            }
        }
        if source == nil {
            decodeOne(0)
        } else if options.concurrentDecode && encodedMask {
            DispatchQueue.concurrentPerform(iterations: 2, execute: decodeOne)
        } else {
            decodeOne(0)
            decodeOne(1)
        }
        let decoded = try photoSlot.take()!.get()
        var (image, orientation) = (decoded.pixmap, decoded.orientation)
        var options = options
        if options.drawPanel, let size = options.style.fontSize {
            let (width, height) =
                orientation.swapsDimensions ? (image.height, image.width) : (image.width, image.height)
            let range = Panel.fontSizeRange(width: width, height: height)
            if !range.contains(size) {
                guard options.clampFontSize else {
                    throw AnomarkError(
                        .usage, file: nil,
                        "--font-size \(size) is out of range for the \(width)×\(height) image \(input.imageName): "
                            + "must be in \(range.lowerBound)...\(range.upperBound)")
                }
                options.style.fontSize = min(max(size, range.lowerBound), range.upperBound)
            }
        }
        var warnings: [String] = []
        if decoded.jpegWarnings > 0 {
            warnings.append(
                "warning: \(input.imageName): truncated or corrupt JPEG (\(decoded.jpegWarnings) libjpeg warnings), "
                    + "drawn with its missing parts grey (--lenient-jpeg)")
        }
        var report: CompositeReport?
        var markers: [MaskRegion] = []
        var heatMap: HeatMapReport?
        let types = input.detection.classes.map {
            AnomalyType(name: $0.name, color: $0.color, paintColor: options.classColors[$0.name])
        }

        // With ground truth the prediction is only labelled here (opacity 0, no contour, no markers): the picture
        // shows the agreement, painted below.
        let comparing = input.truth != nil
        var labelOnly = options.composite
        labelOnly.opacity = 0
        labelOnly.outline = false

        if let source, case .scores(let map) = source.mask {
            // Scores are continuous: a map of another size (the model's) is scaled bilinearly, no --fit-mask needed.
            do {
                heatMap = try HeatMapCompositor.composite(
                    &image, map: map, options: options.heatMap, composite: comparing ? labelOnly : options.composite,
                    keepLabels: comparing || input.keepLabels)
            } catch {
                throw AnomarkError(.badData, file: source.name, error.description)
            }
        }

        if let maskName = source?.name, let decodedMask = maskSlot.take() {
            var mask = try decodedMask.get()
            if mask.width != image.width || mask.height != image.height {
                guard options.fitMask else {
                    throw AnomarkError(
                        .badData, file: maskName,
                        Self.maskSizeProblem(mask: mask, image: image, orientation: orientation))
                }
                mask = mask.scaledNearest(to: image.width, height: image.height)
            }
            var compositeOptions = comparing ? labelOnly : options.composite
            compositeOptions.backgroundColor = input.detection.backgroundColor
            do {
                report = try MaskCompositor.composite(
                    &image, mask: mask, types: types, options: compositeOptions,
                    keepLabels: input.keepLabels || comparing,
                    findRegions: (options.markers != .never && !comparing) || options.autoPlacement)
            } catch {
                throw AnomarkError(.badData, file: maskName, error.description)
            }
            // Markers go on the stored pixels with the fill (a square ring turns into a square ring).
            markers = Markers.regions(
                comparing ? [] : report?.regions ?? [], mode: options.markers, width: image.width,
                height: image.height)
            Markers.draw(markers, colors: types.map { $0.paintColor ?? $0.color }, on: &image)
            if let report, report.unlistedPixels > 0 {
                let colors = report.unlistedColors.map { "\($0.color.hexString) (\($0.count) px)" }
                warnings.append(
                    "warning: \(maskName): \(report.unlistedPixels) mask pixels have colours no anomaly lists, "
                        + "left unpainted: \(colors.joined(separator: ", "))")
            }
        }

        var agreement: MaskAgreement?
        var truthReport: CompositeReport?
        if let truth = input.truth {
            let predicted = try predictedLabels(
                input, source: source?.name, mask: report, heatMap: heatMap, width: image.width, height: image.height)
            truthReport = try truthLabels(
                truth, name: input.truthName ?? "truth", image: &image, options: options, orientation: orientation)
            do {
                agreement = try AgreementCompositor.composite(
                    &image, truth: truthReport?.labels, predicted: predicted, opacity: options.composite.opacity)
            } catch {
                throw AnomarkError(.badData, file: input.truthName ?? "truth", error.description)
            }
        }

        if orientation != .up { image = image.applying(orientation) }

        var panel: Panel.Layout?
        var placement: PanelPlacement?
        if options.drawPanel, let agreement {
            let lines =
                Panel.lines(for: input.detection, fileLabel: options.label ?? "File: \(input.imageName)")
                + [Self.iouLine(agreement)]
            let placed = drawPanel(
                on: &image, lines: lines,
                legend: Self.agreementLegend(agreement, width: image.width, height: image.height),
                style: options.style, options: options,
                regions: Annotation.coverageRegions(mask: report, heatMap: heatMap)
                    + Annotation.coverageRegions(mask: truthReport, heatMap: nil), orientation: orientation)
            panel = placed.layout
            placement = placed.placement
        } else if options.drawPanel {
            let lines = Panel.lines(for: input.detection, fileLabel: options.label ?? "File: \(input.imageName)")
            let (classLegend, warning) = Self.legend(
                for: input.detection, measuredAreas: report?.measuredArea, options: options,
                resultName: input.resultName)
            warnings += warning.map { [$0] } ?? []
            var legend = classLegend
            if let heatMap {
                legend.append(
                    Panel.ColorBar.legendEntry(
                        colormap: heatMap.colormap, range: heatMap.range, threshold: heatMap.threshold,
                        areaAboveThreshold: heatMap.areaAboveThreshold))
            }
            let placed = drawPanel(
                on: &image, lines: lines, legend: legend, style: options.style, options: options,
                regions: Annotation.coverageRegions(mask: report, heatMap: heatMap), orientation: orientation)
            panel = placed.layout
            placement = placed.placement
        }
        return Annotation(
            image: image, warnings: warnings, missingCharacters: missingCharacters(in: panel), maskReport: report,
            maskTypes: types, markers: markers, heatMapReport: heatMap, panel: panel, agreement: agreement,
            truthReport: truthReport, orientation: orientation, placement: placement)
    }

    /// Lays out the panel's text once for an image of `width` × `height` (the mask's size, which is the photo's)
    /// so the renderer caches its glyphs and shaped lines. Called on the mask's thread while the photo still
    /// decodes on the other: a mask decodes several times faster than a photo, and shaping and rasterising the
    /// panel's glyphs is ~1.5 ms of a 576×768 annotation that would otherwise follow the decode. Output never
    /// depends on it: the renderer's caches only save work (`TextRenderer` is thread-safe), and a guess that
    /// misses (another size after orientation or compositing) is laid out again when the panel is drawn.
    func prewarmPanelText(_ input: AnnotateInput, options: AnnotateOptions, width: Int, height: Int) {
        guard options.drawPanel, width > 0, height > 0 else { return }
        let lines = Panel.lines(for: input.detection, fileLabel: options.label ?? "File: \(input.imageName)")
        let (legend, _) = Self.legend(
            for: input.detection, measuredAreas: nil, options: options, resultName: input.resultName)
        _ = Panel.layout(
            lines: lines, legend: legend, width: width, height: height, style: options.style, renderer: renderer)
    }

    /// The prediction's labelling to compare with ground truth: its mask's, or its score map's pixels at or
    /// above the threshold; nil (empty) for a normal prediction without either. An anomalous prediction that
    /// says nowhere where the anomaly is cannot be compared.
    func predictedLabels(
        _ input: AnnotateInput, source: String?, mask: CompositeReport?, heatMap: HeatMapReport?, width: Int,
        height: Int
    ) throws(AnomarkError) -> LabelMap? {
        if let labels = mask?.labels ?? heatMap?.labels { return labels }
        if heatMap != nil || mask != nil { return nil }  // a map or mask of nothing but background
        guard input.detection.verdict?.isAnomalous != true else {
            throw AnomarkError(
                .badData, file: source ?? input.resultName,
                "the prediction is anomalous but has no mask or anomaly map to compare with the ground truth")
        }
        return nil
    }

    /// The truth's labelling (nil for a truth without mask: a normal image), by the compositor at opacity 0 —
    /// the same rule as the prediction's pixels, tolerance included.
    func truthLabels(
        _ truth: Detection, name: String, image: inout Pixmap, options: AnnotateOptions, orientation: Orientation
    ) throws(AnomarkError) -> CompositeReport? {
        try Self.checkDistinctColors(truth, name: name)
        guard let truthMask = truth.mask else { return nil }
        var mask: Pixmap
        switch truthMask {
        case .encoded(let bytes): mask = try decodeMask(bytes, name: name, limits: options.limits)
        case .decoded(let pixmap): mask = pixmap
        case .scores: throw AnomarkError(.badData, file: name, "a ground truth must be a mask, not an anomaly map")
        }
        if mask.width != image.width || mask.height != image.height {
            guard options.fitMask else {
                throw AnomarkError(
                    .badData, file: name, Self.maskSizeProblem(mask: mask, image: image, orientation: orientation))
            }
            mask = mask.scaledNearest(to: image.width, height: image.height)
        }
        var compositeOptions = options.composite
        compositeOptions.opacity = 0
        compositeOptions.outline = false
        compositeOptions.backgroundColor = truth.backgroundColor
        do {
            return try MaskCompositor.composite(
                &image, mask: mask, types: truth.classes.map { AnomalyType(name: $0.name, color: $0.color) },
                options: compositeOptions, keepLabels: true, findRegions: options.autoPlacement)
        } catch {
            throw AnomarkError(.badData, file: name, error.description)
        }
    }

    /// `IoU: 0.734` (three decimals, rounded half up, in integers), or `IoU: none (both masks empty)`.
    static func iouLine(_ agreement: MaskAgreement) -> String {
        guard let iou = agreement.iou else { return "IoU: none (both masks empty)" }
        let thousandths = Int((iou * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "IoU: \(thousandths / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
    }

    /// The agreement picture's legend: true positives, false positives, false negatives, each with its share of
    /// the image, in that order.
    static func agreementLegend(_ agreement: MaskAgreement, width: Int, height: Int) -> [Panel.LegendEntry] {
        let total = Double(max(1, width * height))
        return [
            Panel.LegendEntry(
                name: "True positive", color: AgreementCompositor.truePositiveColor,
                area: Double(agreement.truePositives) / total),
            Panel.LegendEntry(
                name: "False positive", color: AgreementCompositor.falsePositiveColor,
                area: Double(agreement.falsePositives) / total),
            Panel.LegendEntry(
                name: "False negative", color: AgreementCompositor.falseNegativeColor,
                area: Double(agreement.falseNegatives) / total),
        ]
    }

    /// The legend of `detection` as drawn (areas as reported, else `measuredAreas`): `--class-color` colours, `(unnamed)` for an empty `Name` (with the
    /// warning saying so, naming `resultName`).
    package static func legend(
        for detection: Detection, measuredAreas: [Double]?, options: AnnotateOptions, resultName: String
    ) -> ([Panel.LegendEntry], String?) {
        var legend = Panel.legendEntries(for: detection, measuredAreas: measuredAreas)
        let unnamed = legend.indices.filter { legend[$0].name.allSatisfy(\.isWhitespace) }
        for i in legend.indices {
            if let color = options.classColors[legend[i].name] { legend[i].color = color }
        }
        for i in unnamed { legend[i].name = Self.unnamed }
        guard !unnamed.isEmpty else { return (legend, nil) }
        let count = unnamed.count == 1 ? "an anomaly has" : "\(unnamed.count) anomalies have"
        return (legend, "warning: \(resultName): \(count) an empty Name, drawn in the legend as \(Self.unnamed)")
    }

    /// Draws one panel on each of several views of one image (annotated without their panels), placed once for
    /// all from the union of their anomalies (`PanelPlacer`): `report`'s ground truth beside its prediction.
    package func drawPanels(
        on views: inout [Annotation], texts: [(lines: [String], legend: [Panel.LegendEntry])], options: AnnotateOptions
    ) -> [PlacedPanel] {
        guard let first = views.first else { return [] }
        let (width, height) = (first.image.width, first.image.height)
        let placed = PanelPlacer.place(
            texts, width: width, height: height, style: options.style, automatic: options.autoPlacement,
            mode: options.panelMode, renderer: renderer,
            coverage: Self.coverage(
                of: views.flatMap(\.coverageRegions), orientation: first.orientation, width: width, height: height))
        for i in views.indices {
            draw(placed[i], on: &views[i].image, style: options.style)
            views[i].panel = placed[i].layout
            views[i].placement = placed[i].placement
            views[i].missingCharacters = missingCharacters(in: placed[i].layout)
        }
        return placed
    }

    /// Draws a placed panel, first enlarging the image to the panel's canvas (the band) in the box colour.
    func draw(_ placed: PlacedPanel, on image: inout Pixmap, style: PanelStyle) {
        if placed.canvasWidth != image.width || placed.canvasHeight != image.height {
            var canvas = Pixmap(
                width: placed.canvasWidth, height: placed.canvasHeight, fill: style.boxColor.withAlpha(255))
            canvas.blit(image, x: 0, y: 0)
            image = canvas
        }
        var drawStyle = style
        drawStyle.fontSize = placed.layout.fontSize
        Panel.draw(placed.layout, into: &image, style: drawStyle, renderer: renderer)
    }

    /// The legend's name for an anomaly whose `Name` is empty (or only spaces).
    static let unnamed = "(unnamed)"

    /// Two entries of one result with the same colour (background included) cannot be told apart, in the mask
    /// or in the legend: a bad result, refused before any decoding.
    static func checkDistinctColors(_ detection: Detection, name: String) throws(AnomarkError) {
        var seen: [String: String] = [detection.backgroundColor.withAlpha(255).hexString: "background"]
        for anomaly in detection.classes {
            // By value: `colorHex` keeps the file's case, and #ff0000 is #FF0000.
            let hex = anomaly.color.withAlpha(255).hexString
            if let other = seen[hex] {
                throw AnomarkError(
                    .badData, file: name,
                    "anomalies '\(other)' and '\(anomaly.name)' have the same colour \(hex): "
                        + "the mask cannot tell them apart")
            }
            seen[hex] = anomaly.name
        }
    }

    /// Why a mask of the wrong size is refused, saying what is accepted: the size of the image's STORED pixels,
    /// which is not the size it is shown at when EXIF turns it. A mask of the upright size is named as such (and
    /// --fit-mask is not suggested for it: scaling would stretch it across the turned image, not rotate it).
    static func maskSizeProblem(mask: Pixmap, image: Pixmap, orientation: Orientation) -> String {
        let size = "mask is \(mask.width)×\(mask.height) but the image is \(image.width)×\(image.height)"
        guard orientation.swapsDimensions else { return size + " (use --fit-mask to scale it)" }
        let stored =
            "the mask must match the image's stored size \(image.width)×\(image.height), "
            + "not the size EXIF orientation \(orientation.rawValue) shows it at"
        if mask.width == image.height && mask.height == image.width {
            return "mask is \(mask.width)×\(mask.height), the image's upright size: \(stored)"
        }
        return "mask is \(mask.width)×\(mask.height): \(stored) (or use --fit-mask to scale it)"
    }

    /// The characters of a laid-out panel's text that no font has (none without a panel).
    package func missingCharacters(in panel: Panel.Layout?) -> [Unicode.Scalar] {
        let all = panel?.items.flatMap { renderer.missingCharacters(in: $0.text) } ?? []
        return Set(all).sorted { $0.value < $1.value }
    }

    /// Draws the panel over the image or in a band beside it (`PanelPlacer`): in a corner that hides no
    /// anomaly with `options.autoPlacement`, else in `style.position`; in the band for small images, where
    /// every corner would hide some of the defect, and wherever a value (`Anomalous`, `99.97%`, `5.05 %`) would
    /// not fit whole — so that text stays readable, no number is shortened and the defect stays in view.
    /// `regions` say where the anomalies are (none: no mask or heat map drawn), in the stored pixels of an image
    /// shown turned by `orientation`.
    func drawPanel(
        on image: inout Pixmap, lines: [String], legend: [Panel.LegendEntry], style: PanelStyle,
        options: AnnotateOptions, regions: [Annotation.CoverageRegion] = [], orientation: Orientation = .up
    ) -> PlacedPanel {
        let placed = PanelPlacer.place(
            lines: lines, legend: legend, width: image.width, height: image.height, style: style,
            automatic: options.autoPlacement, mode: options.panelMode, renderer: renderer,
            coverage: Self.coverage(of: regions, orientation: orientation, width: image.width, height: image.height))
        draw(placed, on: &image, style: style)
        return placed
    }

    /// Anomaly pixels under a rectangle of the upright `width` × `height` image, summed over `regions` (in stored
    /// pixels), each box widened by the region's outline width; a region without coverage (a mask too noisy to
    /// list) counts every rectangle as covered.
    static func coverage(
        of regions: [Annotation.CoverageRegion], orientation: Orientation, width: Int, height: Int
    ) -> (Rect) -> Int {
        let (storedWidth, storedHeight) = orientation.swapsDimensions ? (height, width) : (width, height)
        return { rect in
            regions.reduce(0) { sum, region in
                guard let coverage = region.coverage else { return sum + 1 }
                let stored = orientation.storedRect(
                    rect.outsetBy(region.outlineWidth), width: storedWidth, height: storedHeight)
                return sum + coverage.pixels(in: stored)
            }
        }
    }

    /// Decodes the photo; failures blame the image file.
    func decodePhoto(_ input: AnnotateInput, options: AnnotateOptions) throws(AnomarkError) -> DecodedImage {
        do {
            return try ImageDecoder.decode(input.image, limits: options.limits, lenientJPEG: options.lenientJPEG)
        } catch {
            throw AnomarkError(.badData, file: input.imageName, error.description)
        }
    }

    /// A mask to draw: encoded (PNG bytes) or decoded already, or a score map painted as a heat map.
    enum MaskPixels: Sendable {
        case encoded([UInt8])
        case decoded(Pixmap)
        case scores(ScoreMap)
    }

    /// The mask and the name to blame for it: `--mask` first, else the detection's own.
    func maskSource(_ input: AnnotateInput) throws(AnomarkError) -> (mask: MaskPixels, name: String)? {
        if let mask = input.mask { return (.encoded(mask), input.maskName ?? "mask") }
        switch input.detection.mask {
        case nil: return nil
        case .encoded(let bytes)?: return (.encoded(bytes), input.resultName)
        case .decoded(let pixmap)?: return (.decoded(pixmap), input.resultName)
        case .scores(let map)?: return (.scores(map), input.resultName)
        }
    }

    func decodeMask(_ bytes: [UInt8], name: String, limits: DecodeLimits) throws(AnomarkError) -> Pixmap {
        do {
            let format = try ImageFormat.sniff(bytes)
            guard format == .png else {
                throw AnomarkError(.badData, file: name, "the anomaly mask must be a PNG, found \(format)")
            }
            return try PNG.decode(bytes, limits: limits)
        } catch let error as AnomarkError {
            throw error
        } catch let error as DecodeError {
            throw AnomarkError(.badData, file: name, "anomaly mask: \(error.description)")
        } catch {
            throw AnomarkError(.badData, file: name, "anomaly mask: \(error)")
        }
    }
}
