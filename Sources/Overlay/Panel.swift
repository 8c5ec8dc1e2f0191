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

    /// The classification lines: the file, then the verdict and its confidence when the detection has them.
    /// `IsAnomalous == true` ↔ "Anomalous" (the Python sample had it inverted).
    public static func lines(for detection: Detection, fileLabel: String) -> [String] {
        var lines = [fileLabel]
        if let verdict = detection.verdict {
            lines.append("Prediction: \(verdict.isAnomalous ? "Anomalous" : "Normal")")
            if let confidence = verdict.confidence { lines.append("Confidence: \(percent(confidence))") }
        }
        return lines
    }

    /// `0.99971` → `"99.97%"`: two decimals, rounded half away from zero, computed in integers so that the
    /// text never depends on locale or floating-point printing.
    public static func percent(_ fraction: Double, space: Bool = false) -> String {
        let hundredths = Int((fraction * 10_000).rounded())
        let whole = hundredths / 100
        let frac = hundredths % 100
        return "\(whole).\(frac < 10 ? "0" : "")\(frac)\(space ? " " : "")%"
    }

    /// One legend entry: an anomaly type with its reported area.
    public struct LegendEntry: Sendable, Equatable {
        public var name: String
        public var color: Color
        /// Area as a fraction 0…1.
        public var area: Double

        public init(name: String, color: Color, area: Double) {
            self.name = name
            self.color = color
            self.area = area
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
            .sorted { $0.area != $1.area ? $0.area > $1.area : $0.name < $1.name }
    }

    /// One laid-out box: its rectangle, the text (already shortened to fit) and where the text starts.
    public struct Item: Sendable, Equatable {
        public var box: Rect
        public var text: String
        public var textX: Int
        public var baseline: Int
        public var textColor: Color
        /// A legend swatch (its rectangle and colour), or nil for a panel line.
        public var swatch: Rect?
        public var swatchColor: Color?
    }

    /// A laid-out panel: boxes in image coordinates and the font size used.
    public struct Layout: Sendable, Equatable {
        public var items: [Item]
        public var fontSize: Int
        /// The union of all boxes.
        public var bounds: Rect
    }

    /// Lays out `lines` then `legend` for an area of `width` × `height`.
    ///
    /// Every line that would be wider than the area (less the margins) is shortened — its label dropped, then a
    /// middle ellipsis — never cut off. Boxes stack downwards from the top corners or upwards from the bottom ones.
    public static func layout(
        lines: [String], legend: [LegendEntry], width: Int, height: Int, style: PanelStyle, renderer: TextRenderer
    ) -> Layout {
        let size = TextRenderer.clampedSize(style.fontSize ?? automaticFontSize(width: width, height: height))
        let pad = max(2, size / 4)
        let gap = max(1, size / 8)
        let margin = max(2, size / 3)
        let probe = renderer.measure("Hg", size: size)
        let boxHeight = probe.ascent + probe.descent + 2 * pad
        let maxBoxWidth = max(1, width - 2 * margin)
        let swatchSize = probe.ascent
        let swatchGap = max(2, size / 3)

        var items: [Item] = []
        var y = 0
        func add(_ text: String, color: Color, swatch: Color?) {
            let lead = swatch == nil ? 0 : swatchSize + swatchGap
            let fitted = fit(text, maxWidth: max(1, maxBoxWidth - 2 * pad - lead), size: size, renderer: renderer)
            let textWidth = renderer.measure(fitted, size: size).width
            let boxWidth = min(maxBoxWidth, textWidth + 2 * pad + lead)
            let box = Rect(x: 0, y: y, width: boxWidth, height: boxHeight)
            var item = Item(
                box: box, text: fitted, textX: pad + lead, baseline: y + pad + probe.ascent, textColor: color,
                swatch: nil, swatchColor: nil)
            if let swatch {
                item.swatch = Rect(
                    x: pad, y: y + pad + probe.ascent - swatchSize, width: swatchSize, height: swatchSize)
                item.swatchColor = swatch
            }
            items.append(item)
            y += boxHeight + gap
        }
        for line in lines { add(line, color: style.textColor, swatch: nil) }
        for entry in legend {
            // The name is isolated, so that a right-to-left name does not pull the area into its run.
            let line = "\(TextRenderer.isolated(entry.name))  \(percent(entry.area, space: true))"
            add(line, color: style.legendTextColor, swatch: entry.color)
        }
        let stackHeight = max(0, y - gap)

        // Place the stack in the requested corner.
        let fromRight = style.position == .topRight || style.position == .bottomRight
        let fromBottom = style.position == .bottomLeft || style.position == .bottomRight
        let dy = fromBottom ? height - margin - stackHeight : margin
        var bounds = Rect(x: 0, y: 0, width: 0, height: 0)
        for i in items.indices {
            let dx = fromRight ? width - margin - items[i].box.width : margin
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
        return Layout(items: items, fontSize: size, bounds: bounds)
    }

    /// Fits a line into `maxWidth`: as is if it fits; else shortened with a middle ellipsis — but when a
    /// `Label: value` line's label alone would take more than a third of the room (a cramped image), the label
    /// is dropped first: there "Anomalous" says more than "Pred…lous".
    static func fit(_ text: String, maxWidth: Int, size: Int, renderer: TextRenderer) -> String {
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

    /// Draws a layout: each box, its swatch (with a thin contrasting frame so dark colours stay visible on
    /// black), then the text.
    public static func draw(_ layout: Layout, into image: inout Pixmap, style: PanelStyle, renderer: TextRenderer) {
        for item in layout.items {
            image.fill(item.box, with: style.boxColor)
            if let swatch = item.swatch, let color = item.swatchColor {
                image.fill(swatch, with: style.legendTextColor)
                image.fill(swatch.insetBy(max(1, swatch.width / 10)), with: color.withAlpha(255))
            }
            renderer.draw(
                item.text, size: layout.fontSize, into: &image, x: item.textX, baseline: item.baseline,
                color: item.textColor)
        }
    }
}
