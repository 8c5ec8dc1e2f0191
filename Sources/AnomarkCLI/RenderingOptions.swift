import AnomarkKit
import ArgumentParser
import Codecs
import Foundation
import Overlay
import Raster
import TextRender

/// The options that say how an image is annotated, shared by `annotate` and `report`.
struct RenderingOptions: ParsableArguments {
    @Option(
        name: .customLong("font"),
        help: ArgumentHelp(
            "A font file tried before the bundled DejaVu Sans (repeatable).",
            discussion: """
                Fonts are tried per character in this order: each --font, then the bundled DejaVu Sans, then the \
                installed font fontconfig finds for the character (unless --no-system-fonts). The bundled font is \
                compiled into anomark; a DejaVuSans.ttf in the folder named by ANOMARK_FONT_DIR, or else in the \
                installed layout <prefix>/share/anomark/fonts/ (beside the bin/ folder holding anomark), replaces it.
                """))
    var fonts: [String] = RenderingSettings.defaults.fonts

    @Flag(
        help: ArgumentHelp(
            "Use no installed fonts: characters the --font and bundled fonts lack are drawn as boxes.",
            discussion: """
                By default such characters come from the installed font fontconfig finds best for them (e.g. \
                Noto Sans CJK for Japanese); this flag keeps the output independent of the machine's fonts.
                """))
    var noSystemFonts = RenderingSettings.defaults.noSystemFonts

    @Option(
        help: ArgumentHelp(
            "Panel font size in pixels (default: scales with the image, 12…96).",
            discussion: """
                Accepted: 8 up to a sixth of the image's shorter side, at least 16 and at most 200 (576×768: \
                8...96; 64×64: 8...16). annotate refuses a size outside the image's range (exit 64); report \
                refuses one outside 8...200 for the whole run and limits it to each image's range.
                """))
    var fontSize: Int?

    @Option(
        name: .customLong("class-color"),
        help: ArgumentHelp(
            "NAME=#RRGGBB: paint and list the anomaly type NAME in this colour (repeatable).",
            discussion: """
                For a product whose colour clashes with the model's. The mask is still matched by the result's \
                colour; only what is drawn (fill, outline, legend swatch) changes. NAME is the exact Name.
                """))
    var classColors: [String] = RenderingSettings.defaults.classColors

    @Option(help: "Panel text colour: #RRGGBB, #RRGGBBAA or a name.")
    var textColor: String = RenderingSettings.defaults.textColor

    @Option(help: "Colour of the boxes behind the text.")
    var boxColor: String = RenderingSettings.defaults.boxColor

    @Option(help: "Legend text colour.")
    var legendColor: String = RenderingSettings.defaults.legendColor

    @Option(
        help: ArgumentHelp(
            "Panel placement: auto, or a corner: top-left, top-right, bottom-left, bottom-right.",
            discussion: """
                auto puts the panel in the first corner (in that order) whose boxes cover no anomaly pixel, \
                outlines included; when every corner would cover some, in a band beside the image (see --panel). \
                A corner puts it there whatever lies under it.
                """))
    var position: String = RenderingSettings.defaults.position

    @Option(
        help: ArgumentHelp(
            "Panel over the image or in a band: auto, inside, outside.",
            discussion: """
                The band is a strip of the box colour to the right of or below the image (whichever keeps the \
                picture nearer its aspect ratio), so the output is larger than the input. auto uses it when \
                --position auto finds every corner busy, for images under 200 px on a side, and when a value \
                would not fit whole on the image; inside keeps the panel over the image (unless a value cannot \
                fit); outside always uses the band.
                """))
    var panel: String = RenderingSettings.defaults.panel

    @Flag(help: "Draw no panel or legend.")
    var noPanel = RenderingSettings.defaults.noPanel

    @Option(help: "Opacity of the anomaly colours, 0…1.")
    var opacity: Double = RenderingSettings.defaults.opacity

    @Option(help: "Largest per-channel difference for a mask colour to match an anomaly colour (0 = exact).")
    var colorTolerance: Int = RenderingSettings.defaults.colorTolerance

    @Option(
        help: ArgumentHelp(
            "Rings around anomaly regions: auto (small ones), always, never.",
            discussion: """
                auto rings regions under 0.05 % of the image or under 16 px across in a 256-px thumbnail, in \
                their class colour with a black or white halo, so that a pinhole stays visible in thumbnails and \
                contact sheets (at most 32, the largest first).
                """))
    var markers: String = RenderingSettings.defaults.markers

    @Flag(help: "Do not outline anomaly regions.")
    var noOutline = RenderingSettings.defaults.noOutline

    @Option(help: "Outline width in pixels (default: scales with the image).")
    var outlineWidth: Int?

    @Flag(help: "Scale a mask of another size to the image (nearest neighbour) instead of failing.")
    var fitMask = RenderingSettings.defaults.fitMask

    @Option(help: "Colour scale of anomaly maps: \(Colormap.allCases.map(\.rawValue).joined(separator: ", ")).")
    var colormap: String = RenderingSettings.defaults.colormap

    @Option(help: "Scores the colour scale spans, LO,HI (default: the floor to 1).")
    var mapRange: String?

    @Option(help: "Anomaly map scores below this are not painted (default: half the threshold).")
    var mapFloor: Double?

    @Option(help: "Anomaly map threshold: contour and verdict (default: the sidecar's, else 0.5).")
    var mapThreshold: Double?

    @Option(help: "Refuse images with more pixels than this (at most 4294967296).")
    var maxPixels: Int = RenderingSettings.defaults.maxPixels

    @Flag(help: "Accept truncated or corrupt JPEGs (libjpeg fills the gaps with grey).")
    var lenientJpeg = RenderingSettings.defaults.lenientJpeg

    func validate() throws {
        if !(0...1).contains(opacity) { throw ValidationError("--opacity must be in 0...1, got \(opacity)") }
        if !(0...255).contains(colorTolerance) { throw ValidationError("--color-tolerance must be in 0...255") }
        if let fontSize, !Panel.fontSizeLimits.contains(fontSize) {
            let limits = Panel.fontSizeLimits
            throw ValidationError(
                "--font-size must be in \(limits.lowerBound)...\(limits.upperBound) "
                    + "(and at most a sixth of the image's shorter side, at least 16), got \(fontSize)")
        }
        if let outlineWidth, !(1...MaskCompositor.maxOutlineWidth).contains(outlineWidth) {
            throw ValidationError("--outline-width must be in 1...\(MaskCompositor.maxOutlineWidth)")
        }
        if !(1...DecodeLimits.largestMaxPixels).contains(maxPixels) {
            throw ValidationError("--max-pixels must be in 1...\(DecodeLimits.largestMaxPixels), got \(maxPixels)")
        }
        if Colormap(rawValue: colormap) == nil {
            let names = Colormap.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--colormap must be one of \(names), got '\(colormap)'")
        }
        if let mapRange, RenderingSettings.range(mapRange) == nil {
            throw ValidationError("--map-range: expected LO,HI with LO < HI (finite numbers), got '\(mapRange)'")
        }
        for (name, value) in [("--map-floor", mapFloor), ("--map-threshold", mapThreshold)] {
            if let value, !value.isFinite { throw ValidationError("\(name) must be a finite number") }
        }
        if position != "auto" && PanelPosition(rawValue: position) == nil {
            let names = (["auto"] + PanelPosition.allCases.map(\.rawValue)).joined(separator: ", ")
            throw ValidationError("--position must be one of \(names)")
        }
        if PanelMode(rawValue: panel) == nil {
            throw ValidationError("--panel must be one of auto, inside, outside, got '\(panel)'")
        }
        if MarkerMode(rawValue: markers) == nil {
            throw ValidationError("--markers must be one of auto, always, never, got '\(markers)'")
        }
        do { _ = try ClassColors.parse(classColors) } catch { throw ValidationError(error.problem) }
        for (name, value) in [("--text-color", textColor), ("--box-color", boxColor), ("--legend-color", legendColor)]
        where Color(parsing: value) == nil {
            throw ValidationError("\(name): expected #RRGGBB, #RRGGBBAA or a colour name, got '\(value)'")
        }
    }

    /// The values parsed, as plain values (valid after `RenderingOptions.validate()`).
    var settings: RenderingSettings {
        RenderingSettings(
            fonts: fonts, noSystemFonts: noSystemFonts, fontSize: fontSize, classColors: classColors,
            textColor: textColor, boxColor: boxColor, legendColor: legendColor, position: position, panel: panel,
            noPanel: noPanel, opacity: opacity, colorTolerance: colorTolerance, markers: markers, noOutline: noOutline,
            outlineWidth: outlineWidth, fitMask: fitMask, colormap: colormap, mapRange: mapRange, mapFloor: mapFloor,
            mapThreshold: mapThreshold, maxPixels: maxPixels, lenientJpeg: lenientJpeg)
    }
}

/// `RenderingOptions` as plain values, without ArgumentParser: what `annotate`'s fast path (`FastPath`) builds
/// without parsing. Its property initialisers are the options' defaults, the one place they are written:
/// `RenderingOptions` declares each option's default as `RenderingSettings.defaults`' value (an optional one
/// has none: left out, it is nil in both).
struct RenderingSettings {
    /// Every option at its default (what a command line without rendering options gives).
    static let defaults = RenderingSettings()

    var fonts: [String] = []
    var noSystemFonts = false
    var fontSize: Int?
    var classColors: [String] = []
    var textColor = "lime"
    var boxColor = "black"
    var legendColor = "white"
    var position = "auto"
    var panel = "auto"
    var noPanel = false
    var opacity = 0.5
    var colorTolerance = 0
    var markers = "auto"
    var noOutline = false
    var outlineWidth: Int?
    var fitMask = false
    var colormap = "turbo"
    var mapRange: String?
    var mapFloor: Double?
    var mapThreshold: Double?
    var maxPixels = 100_000_000
    var lenientJpeg = false

    /// The names given to `--class-color`, sorted (valid after `RenderingOptions.validate()`).
    var classColorNames: [String] { ((try? ClassColors.parse(classColors)) ?? [:]).keys.sorted() }

    /// The annotate options these flags describe (valid after `RenderingOptions.validate()`).
    func annotateOptions(label: String? = nil) -> AnnotateOptions {
        let style = PanelStyle(
            textColor: Color(parsing: textColor)!, boxColor: Color(parsing: boxColor)!,
            legendTextColor: Color(parsing: legendColor)!, position: PanelPosition(rawValue: position) ?? .topLeft,
            fontSize: fontSize)
        var options = AnnotateOptions(
            label: label, style: style,
            composite: CompositeOptions(
                opacity: opacity, colorTolerance: colorTolerance, outline: !noOutline, outlineWidth: outlineWidth),
            fitMask: fitMask, drawPanel: !noPanel, limits: DecodeLimits(maxPixels: maxPixels), lenientJPEG: lenientJpeg)
        options.classColors = (try? ClassColors.parse(classColors)) ?? [:]
        options.markers = MarkerMode(rawValue: markers) ?? .auto
        options.autoPlacement = position == "auto"
        options.panelMode = PanelMode(rawValue: panel) ?? .auto
        options.heatMap = HeatMapOptions(
            colormap: Colormap(rawValue: colormap) ?? .turbo, range: mapRange.flatMap(Self.range), floor: mapFloor)
        options.mapThreshold = mapThreshold
        return options
    }

    /// `LO,HI` as a range; nil unless both are finite and LO < HI.
    static func range(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lo = Double(parts[0].trimmingCharacters(in: .whitespaces)),
            let hi = Double(parts[1].trimmingCharacters(in: .whitespaces)), lo.isFinite, hi.isFinite, lo < hi
        else { return nil }
        return lo...hi
    }

    /// The text renderer: the `--font` files first, the bundled font, then (unless `--no-system-fonts`) installed
    /// fonts. A font file that is missing is exit 66 and one that is not a usable font exit 65, each named by its
    /// path (or the `ANOMARK_FONT_DIR` folder without the font).
    func renderer() throws(AnomarkError) -> TextRenderer {
        do {
            return try TextRenderer(userFontPaths: fonts, options: TextRendererOptions(systemFonts: !noSystemFonts))
        } catch {
            // A file that is missing or unreadable is 66 (EX_NOINPUT); one that is there but is not a usable
            // font is 65 (EX_DATAERR), like any other input with bad contents.
            let file: String
            var kind = AnomarkError.Kind.inputMissing
            switch error {
            case .fontNotFound(let tried): file = tried.first ?? FontLocator.environmentVariable
            case .fontLoadFailed(let path, let code):
                file = path
                if code != Self.freeTypeCannotOpenResource { kind = .badData }
            case .fontNotScalable(let path):
                file = path
                kind = .badData
            case .noFonts, .freetype: file = fonts.first ?? FontLocator.fontFileName
            }
            throw AnomarkError(kind, file: file, error.description)
        }
    }

    /// FreeType's `FT_Err_Cannot_Open_Resource`: the font file could not be opened at all.
    static let freeTypeCannotOpenResource: Int32 = 0x01
}
