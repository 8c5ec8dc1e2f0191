import Detections
import Raster
import TextRender

/// The text panel of an annotated image: `File: …`, `Prediction: …`, `Confidence: …`, each line on its own box,
/// then the legend (a swatch, name and area per anomaly type).
///
/// Layout is separate from drawing so that the caller can learn the panel's size first (to decide whether it fits
/// on the image or goes in a band outside it) and tests can check geometry without pixels.
public enum Panel {
    /// The reference samples' mistake was a fixed size: unreadable on 4096-px images, overflowing small ones.
    /// Here the size follows the image: `clamp(min(width, height) / 30, 12, 96)` pixels.
    public static func automaticFontSize(width: Int, height: Int) -> Int {
        min(96, max(12, min(width, height) / 30))
    }

    /// Font sizes accepted for an image of `width` × `height` (upright): from 8 px up to a sixth of the shorter
    /// side, but at least 16 (small images get their panel in a band, where 16 px still fits) and at most
    /// ``fontSizeLimits``' 200. Larger text would cover the picture with boxes; smaller is unreadable.
    public static func fontSizeRange(width: Int, height: Int) -> ClosedRange<Int> {
        fontSizeLimits.lowerBound...max(16, min(fontSizeLimits.upperBound, min(width, height) / 6))
    }

    /// The font sizes accepted for any image (each image narrows the top with ``fontSizeRange(width:height:)``).
    public static let fontSizeLimits: ClosedRange<Int> = 8...200

    /// The classification lines: the file, then the verdict and its confidence when the detection has them.
    /// `IsAnomalous == true` ↔ "Anomalous" (the Python sample had it inverted).
    public static func lines(for detection: Detection, fileLabel: String) -> [String] {
        var lines = [fileLabel]
        if let verdict = detection.verdict {
            lines.append("Prediction: \(verdict.isAnomalous ? "Anomalous" : "Normal")")
            if let confidence = verdict.confidence { lines.append("Confidence: \(percent(confidence))") }
            if let score = verdict.score {
                let threshold = verdict.threshold.map { " (threshold \(decimal($0)))" } ?? ""
                lines.append("Score: \(decimal(score))\(threshold)")
            }
        }
        return lines
    }

    /// `0.99971` → `"99.97%"`: two decimals, rounded half away from zero, computed in integers so that the
    /// text never depends on locale or floating-point printing.
    package static func percent(_ fraction: Double, space: Bool = false) -> String {
        let hundredths = Int((fraction * 10_000).rounded())
        let whole = hundredths / 100
        let frac = hundredths % 100
        return "\(whole).\(frac < 10 ? "0" : "")\(frac)\(space ? " " : "")%"
    }

    /// A legend entry's area: `"5.05 %"`, or `"< 0.01 %"` for an area above zero that two decimals would show
    /// as none (a 12×12 px defect on a 4096² image is 0.0009 %, not nothing).
    static func areaText(_ fraction: Double) -> String {
        fraction > 0 && fraction < 0.0001 ? "< 0.01 %" : percent(fraction, space: true)
    }

    /// One legend entry: an anomaly type with its reported area.
    public struct LegendEntry: Sendable, Equatable {
        /// The class name as the result gives it.
        public var name: String
        /// The colour of its swatch (the class colour, or the one `--class-color` chose).
        public var color: Color
        /// Area as a fraction 0…1.
        public var area: Double
        /// A heat map's colour scale, drawn in place of the swatch.
        public var colorBar: ColorBar?

        /// An entry; `area` is a fraction 0…1.
        public init(name: String, color: Color, area: Double, colorBar: ColorBar? = nil) {
            self.name = name
            self.color = color
            self.area = area
            self.colorBar = colorBar
        }
    }

    /// `0.5` → `"0.50"`, `-1.234` → `"-1.23"`: two decimals, rounded half away from zero, in integers (no
    /// locale, no floating-point printing).
    package static func decimal(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let frac = hundredths % 100
        return "\(value < 0 && hundredths > 0 ? "-" : "")\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// A heat map's colour scale for the legend, with the threshold marked on it.
    public struct ColorBar: Sendable, Equatable {
        /// The scale's colours, lowest score first (a `Colormap`'s 256).
        public var colors: [Color]
        /// Where the threshold lies along the bar, 0 (left end) … 1 (right end); outside that it is not marked.
        public var mark: Double

        /// A colour bar of `colors`, lowest first, with the threshold at `mark` (0…1).
        public init(colors: [Color], mark: Double) {
            self.colors = colors
            self.mark = mark
        }

        /// The legend entry of a heat map: `score LO–HI, ≥ T` with the share of pixels at or above the threshold.
        public static func legendEntry(
            colormap: Colormap, range: ClosedRange<Double>, threshold: Double, areaAboveThreshold: Double
        ) -> LegendEntry {
            let span = range.upperBound - range.lowerBound
            let bar = ColorBar(colors: colormap.colors, mark: span > 0 ? (threshold - range.lowerBound) / span : -1)
            let name = "score \(decimal(range.lowerBound))–\(decimal(range.upperBound)), ≥ \(decimal(threshold))"
            return LegendEntry(
                name: name, color: colormap.colors.last ?? .white, area: areaAboveThreshold, colorBar: bar)
        }
    }

    /// Legend entries for the detection's classes, largest area first; ties by name. A class's area is the one
    /// its source reports, else the one measured (`measuredAreas`, in class order), else 0.
    public static func legendEntries(for detection: Detection, measuredAreas: [Double]? = nil) -> [LegendEntry] {
        detection.classes.enumerated()
            .map { i, c in
                let measured = measuredAreas.flatMap { i < $0.count ? $0[i] : nil }
                return LegendEntry(name: c.name, color: c.color, area: c.reportedArea ?? measured ?? 0)
            }
            .sorted { legendPrecedes(($0.name, $0.area), ($1.name, $1.area)) }
    }

    /// The legend's order, which every listing of anomaly types follows (the report's table, CSV and JSON):
    /// larger area first (the reported area, else the measured one), then by name.
    package static func legendPrecedes(_ a: (name: String, area: Double), _ b: (name: String, area: Double)) -> Bool {
        a.area != b.area ? a.area > b.area : a.name < b.name
    }

    /// One laid-out box: its rectangle, the text (already shortened to fit) and where the text starts.
    public struct Item: Sendable, Equatable {
        /// The box behind the text.
        public var box: Rect
        /// The text as drawn, after any shortening.
        public var text: String
        /// Where the text starts (its pen origin).
        public var textX: Int
        /// The text's baseline.
        public var baseline: Int
        /// The text colour.
        public var textColor: Color
        /// A legend swatch (its rectangle and colour), or nil for a panel line.
        public var swatch: Rect?
        /// The swatch's colour, with `swatch`.
        public var swatchColor: Color?
        /// A colour bar drawn in the swatch's rectangle instead of its colour.
        public var colorBar: ColorBar? = nil
    }

    /// A laid-out panel: boxes in image coordinates and the font size used.
    public struct Layout: Sendable, Equatable {
        /// Every box, panel lines first, then the legend.
        public var items: [Item]
        /// The font size used, in pixels.
        public var fontSize: Int
        /// The union of all boxes.
        public var bounds: Rect
        /// False when some value (a `Label: value` line's value, a legend area) could not be shown whole in the
        /// width given: the items then hold a middle-ellipsised stand-in, and the caller should lay the panel out
        /// again somewhere wider (the band beside the image) rather than draw it.
        public var valuesFit: Bool
    }

    /// Lays out `lines` then `legend` for an area of `width` × `height`.
    ///
    /// The first line is a title (the file name) and is shortened like a name. Every other line is `Label: value`:
    /// when too wide its label is dropped, and its value is never shortened. A legend line's name is shortened
    /// (middle ellipsis), its area never. Nothing is cut off: when a value cannot fit whole, `valuesFit` is false.
    /// Boxes stack downwards from the top corners or upwards from the bottom ones.
    public static func layout(
        lines: [String], legend: [LegendEntry], width: Int, height: Int, style: PanelStyle, renderer: TextRenderer
    ) -> Layout {
        let size = TextRenderer.clampedSize(style.fontSize ?? automaticFontSize(width: width, height: height))
        let metrics = Metrics(size: size, renderer: renderer)
        let maxBoxWidth = max(1, width - 2 * metrics.margin)

        var items: [Item] = []
        var valuesFit = true
        var y = 0
        func add(_ fitted: String?, fallback: String, color: Color, swatch: Color?, bar: ColorBar? = nil) {
            let lead = swatch == nil ? 0 : metrics.lead(bar)
            let text: String
            if let fitted {
                text = fitted
            } else {
                valuesFit = false
                text = renderer.ellipsizeMiddle(
                    fallback, size: size, maxWidth: max(1, maxBoxWidth - 2 * metrics.pad - lead))
            }
            let textWidth = renderer.measure(text, size: size).width
            let boxWidth = min(maxBoxWidth, textWidth + 2 * metrics.pad + lead)
            let box = Rect(x: 0, y: y, width: boxWidth, height: metrics.boxHeight)
            let baseline = y + metrics.pad + metrics.ascent
            var item = Item(
                box: box, text: text, textX: metrics.pad + lead, baseline: baseline, textColor: color, swatch: nil,
                swatchColor: nil)
            if let swatch {
                item.swatch = Rect(
                    x: metrics.pad, y: baseline - metrics.swatchSize, width: metrics.swatchWidth(bar),
                    height: metrics.swatchSize)
                item.swatchColor = swatch
                item.colorBar = bar
            }
            items.append(item)
            y += metrics.boxHeight + metrics.gap
        }
        let textRoom = max(1, maxBoxWidth - 2 * metrics.pad)
        for (i, line) in lines.enumerated() {
            let fitted =
                i == 0
                ? fitTitle(line, maxWidth: textRoom, size: size, renderer: renderer)
                : fitValueLine(line, maxWidth: textRoom, size: size, renderer: renderer)
            add(fitted, fallback: line, color: style.textColor, swatch: nil)
        }
        for entry in legend {
            let fitted = fitLegend(
                entry, maxWidth: max(1, textRoom - metrics.lead(entry.colorBar)), size: size, renderer: renderer)
            add(
                fitted, fallback: legendLine(entry.name, entry), color: style.legendTextColor, swatch: entry.color,
                bar: entry.colorBar)
        }
        let stackHeight = max(0, y - metrics.gap)

        // Place the stack in the requested corner.
        let fromRight = style.position == .topRight || style.position == .bottomRight
        let fromBottom = style.position == .bottomLeft || style.position == .bottomRight
        let dy = fromBottom ? height - metrics.margin - stackHeight : metrics.margin
        var bounds = Rect(x: 0, y: 0, width: 0, height: 0)
        for i in items.indices {
            let dx = fromRight ? width - metrics.margin - items[i].box.width : metrics.margin
            items[i].box.x += dx
            items[i].box.y += dy
            items[i].textX += dx
            items[i].baseline += dy
            if var s = items[i].swatch {
                s.x += dx
                s.y += dy
                items[i].swatch = s
            }
            bounds = bounds.union(items[i].box)
        }
        return Layout(items: items, fontSize: size, bounds: bounds, valuesFit: valuesFit)
    }

    /// The narrowest area (margins included) in which `layout` shows every value whole at `fontSize`: each
    /// `Label: value` line's value alone, each legend area after a one-character name ("…").
    static func minimumWidth(
        lines: [String], legend: [LegendEntry], fontSize: Int, renderer: TextRenderer
    ) -> Int {
        let size = TextRenderer.clampedSize(fontSize)
        let metrics = Metrics(size: size, renderer: renderer)
        var widest = 1
        for line in lines.dropFirst() {
            let value = line.range(of: ": ").map { String(line[$0.upperBound...]) } ?? line
            widest = max(widest, renderer.measure(value.isEmpty ? line : value, size: size).width)
        }
        for entry in legend {
            let shortest = legendLine(String(TextRenderer.ellipsis), entry)
            widest = max(widest, metrics.lead(entry.colorBar) + renderer.measure(shortest, size: size).width)
        }
        return widest + 2 * metrics.pad + 2 * metrics.margin
    }

    /// The sizes of a panel's parts at one font size.
    struct Metrics {
        var pad, gap, margin, ascent, boxHeight, swatchSize, lead: Int

        init(size: Int, renderer: TextRenderer) {
            pad = max(2, size / 4)
            gap = max(1, size / 8)
            margin = max(2, size / 3)
            let probe = renderer.measure("Hg", size: size)
            ascent = probe.ascent
            boxHeight = probe.ascent + probe.descent + 2 * pad
            swatchSize = probe.ascent
            lead = swatchSize + max(2, size / 3)
        }

        /// A legend swatch's width: a colour bar is six swatches wide.
        func swatchWidth(_ bar: ColorBar?) -> Int { bar == nil ? swatchSize : swatchSize * 6 }

        /// The room before a legend line's text: its swatch (or colour bar) and the gap after it.
        func lead(_ bar: ColorBar?) -> Int { lead - swatchSize + swatchWidth(bar) }
    }

    /// A legend line: the name, isolated so that a right-to-left name does not pull the area into its run, then
    /// the area.
    static func legendLine(_ name: String, _ entry: LegendEntry) -> String {
        "\(TextRenderer.isolated(name))  \(areaText(entry.area))"
    }

    /// The title line as is if it fits; else, when its `Label: ` would take more than a third of the room (a
    /// cramped image), the rest alone — "crop.png" says more than "Fil….png" — shortened in the middle if need
    /// be; else the whole line shortened in the middle. A title is a name: shortening it hides nothing numeric.
    static func fitTitle(_ text: String, maxWidth: Int, size: Int, renderer: TextRenderer) -> String {
        if renderer.measure(text, size: size).width <= maxWidth { return text }
        if let colon = text.range(of: ": ") {
            let label = String(text[..<colon.upperBound])
            let value = String(text[colon.upperBound...])
            if !value.isEmpty && renderer.measure(label, size: size).width * 3 > maxWidth {
                return renderer.ellipsizeMiddle(value, size: size, maxWidth: maxWidth)
            }
        }
        return renderer.ellipsizeMiddle(text, size: size, maxWidth: maxWidth)
    }

    /// A `Label: value` line as is if it fits, else its value alone; nil when not even the value fits — a value
    /// is never shortened (`Ano…us` would read as a verdict it is not).
    static func fitValueLine(_ text: String, maxWidth: Int, size: Int, renderer: TextRenderer) -> String? {
        if renderer.measure(text, size: size).width <= maxWidth { return text }
        guard let colon = text.range(of: ": "), !text[colon.upperBound...].isEmpty else { return nil }
        let value = String(text[colon.upperBound...])
        return renderer.measure(value, size: size).width <= maxWidth ? value : nil
    }

    /// A legend line whose name is shortened in the middle until the line fits; nil when even a name shortened
    /// to "…" leaves no room for the whole area.
    static func fitLegend(_ entry: LegendEntry, maxWidth: Int, size: Int, renderer: TextRenderer) -> String? {
        let whole = legendLine(entry.name, entry)
        if renderer.measure(whole, size: size).width <= maxWidth { return whole }
        let areaWidth = renderer.measure(legendLine("", entry), size: size).width
        // Shaping across the isolate may differ by a pixel or two from the parts measured apart: shrink the
        // name's room until the whole line fits.
        var room = maxWidth - areaWidth
        while room > 0 {
            let name = renderer.ellipsizeMiddle(entry.name, size: size, maxWidth: room)
            if name.isEmpty { return nil }
            let line = legendLine(name, entry)
            if renderer.measure(line, size: size).width <= maxWidth { return line }
            room -= max(1, size / 8)
        }
        return nil
    }

    /// A colour bar in a frame of `frame`'s colour, its colours left to right, the threshold a frame-coloured
    /// line across it.
    static func drawColorBar(_ bar: ColorBar, in rect: Rect, into image: inout Pixmap, frame: Color) {
        image.fill(rect, with: frame)
        let border = max(1, rect.height / 10)
        let inner = rect.insetBy(border)
        guard inner.width > 0, inner.height > 0, !bar.colors.isEmpty else { return }
        let last = bar.colors.count - 1
        for column in 0..<inner.width {
            let k = inner.width == 1 ? 0 : column * last / (inner.width - 1)
            image.fill(
                Rect(x: inner.x + column, y: inner.y, width: 1, height: inner.height),
                with: bar.colors[k].withAlpha(255))
        }
        if bar.mark >= 0 && bar.mark <= 1 {
            let x = inner.x + Int((bar.mark * Double(inner.width - 1)).rounded())
            image.fill(Rect(x: x - border / 2, y: rect.y, width: border, height: rect.height), with: frame)
        }
    }

    /// Draws a layout: each box, its swatch (with a thin contrasting frame so dark colours stay visible on
    /// black), then the text.
    public static func draw(_ layout: Layout, into image: inout Pixmap, style: PanelStyle, renderer: TextRenderer) {
        for item in layout.items {
            image.fill(item.box, with: style.boxColor)
            if let swatch = item.swatch, let bar = item.colorBar {
                drawColorBar(bar, in: swatch, into: &image, frame: style.legendTextColor)
            } else if let swatch = item.swatch, let color = item.swatchColor {
                image.fill(swatch, with: style.legendTextColor)
                image.fill(swatch.insetBy(max(1, swatch.width / 10)), with: color.withAlpha(255))
            }
            renderer.draw(
                item.text, size: layout.fontSize, into: &image, x: item.textX, baseline: item.baseline,
                color: item.textColor)
        }
    }
}
