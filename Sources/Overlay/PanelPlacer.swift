import Raster
import TextRender

/// Decides where the panel goes so that it never hides the defect, from the anomaly coverage the compositor
/// already measured (no pass over the pixels).
///
/// Automatic placement tries the corners in order (top-left, top-right, bottom-left, bottom-right) and takes the
/// first whose boxes cover no anomaly pixel (outline included: the caller's coverage counts it). When every
/// corner covers some, the panel goes in a band beside the image — to the right or below, whichever keeps the
/// canvas's aspect ratio nearer the image's (below on a tie). Images under `bandMinimumSide` on a side always
/// get the band, at a legible size (never under 12 px). A value that cannot fit whole on the image also sends
/// the panel to the band.
public enum PanelPlacer {
    /// Images with a side shorter than this always get the band: a panel over them would cover most of it.
    public static let bandMinimumSide = 200

    /// Places `lines` and `legend` for an image of `width` × `height`.
    ///
    /// - Parameters:
    ///   - automatic: choose the corner (`--position auto`); false keeps `style.position`.
    ///   - coverage: anomaly pixels under a rectangle of the upright image.
    public static func place(
        lines: [String], legend: [Panel.LegendEntry], width: Int, height: Int, style: PanelStyle, automatic: Bool,
        mode: PanelMode, minimumOverlaySide: Int = bandMinimumSide, renderer: TextRenderer,
        coverage: (Rect) -> Int
    ) -> PlacedPanel {
        if min(width, height) >= minimumOverlaySide && mode != .outside {
            var best: (layout: Panel.Layout, covered: Int)?
            for corner in automatic ? PanelPosition.allCases : [style.position] {
                var cornerStyle = style
                cornerStyle.position = corner
                let layout = Panel.layout(
                    lines: lines, legend: legend, width: width, height: height, style: cornerStyle, renderer: renderer)
                guard layout.valuesFit else {
                    best = nil
                    break
                }
                let covered = layout.items.reduce(0) { $0 + coverage($1.box) }
                if best == nil || covered < best!.covered {
                    best = (layout, covered)
                    if covered == 0 { break }
                }
            }
            if let best, best.covered == 0 || !automatic || mode == .inside {
                let corner = best.layout.items.isEmpty ? style.position : cornerOf(best.layout, width, height)
                return PlacedPanel(
                    layout: best.layout, placement: .corner(corner), canvasWidth: width, canvasHeight: height)
            }
        }
        return band(lines: lines, legend: legend, width: width, height: height, style: style, renderer: renderer)
    }

    /// Which corner a laid-out panel sits in.
    static func cornerOf(_ layout: Panel.Layout, _ width: Int, _ height: Int) -> PanelPosition {
        let right = layout.bounds.minX + layout.bounds.maxX > width
        let bottom = layout.bounds.minY + layout.bounds.maxY > height
        switch (right, bottom) {
        case (false, false): return .topLeft
        case (true, false): return .topRight
        case (false, true): return .bottomLeft
        case (true, true): return .bottomRight
        }
    }

    /// The band: the panel laid out from the top-left of a strip beside the image, wide enough for every value.
    static func band(
        lines: [String], legend: [Panel.LegendEntry], width: Int, height: Int, style: PanelStyle,
        renderer: TextRenderer
    ) -> PlacedPanel {
        var bandStyle = style
        bandStyle.position = .topLeft
        let size = TextRenderer.clampedSize(style.fontSize ?? Panel.automaticFontSize(width: width, height: height))
        bandStyle.fontSize = size
        let needed = Panel.minimumWidth(lines: lines, legend: legend, fontSize: size, renderer: renderer)

        // Below: as wide as the image, or as the lines need (up to 1024 px), or as the values need.
        let natural = lines.map { renderer.measure($0, size: size).width }.max() ?? 0
        let belowWidth = max(width, min(natural + size * 2, 1024), needed)
        var below = Panel.layout(
            lines: lines, legend: legend, width: belowWidth, height: 1 << 20, style: bandStyle, renderer: renderer)
        let belowHeight = height + below.bounds.maxY + below.bounds.minY
        // Right: as wide as its widest box (names shortened past 1024 px).
        var right = Panel.layout(
            lines: lines, legend: legend, width: max(1024, needed), height: 1 << 20, style: bandStyle,
            renderer: renderer)
        let rightWidth = width + right.bounds.maxX + right.bounds.minX
        let rightHeight = max(height, right.bounds.maxY + right.bounds.minY)

        // How far a canvas's aspect ratio is from the image's, as a factor ≥ 1 (so 2:1 and 1:2 are as far).
        func distance(_ w: Int, _ h: Int) -> Double {
            let q = (Double(w) * Double(max(1, height))) / (Double(h) * Double(max(1, width)))
            return max(q, 1 / q)
        }
        if distance(rightWidth, rightHeight) < distance(belowWidth, belowHeight) {
            shift(&right, dx: width, dy: 0)
            return PlacedPanel(
                layout: right, placement: .bandRight, canvasWidth: rightWidth, canvasHeight: rightHeight)
        }
        shift(&below, dx: 0, dy: height)
        return PlacedPanel(layout: below, placement: .bandBelow, canvasWidth: belowWidth, canvasHeight: belowHeight)
    }

    /// Moves every box, text origin and swatch of `layout`.
    static func shift(_ layout: inout Panel.Layout, dx: Int, dy: Int) {
        for i in layout.items.indices {
            layout.items[i].box.x += dx
            layout.items[i].box.y += dy
            layout.items[i].textX += dx
            layout.items[i].baseline += dy
            if var s = layout.items[i].swatch {
                s.x += dx
                s.y += dy
                layout.items[i].swatch = s
            }
        }
        layout.bounds.x += dx
        layout.bounds.y += dy
    }
}
