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
package enum PanelPlacer {
    /// Images with a side shorter than this always get the band: a panel over them would cover most of it.
    package static let bandMinimumSide = 200

    /// Places `lines` and `legend` for an image of `width` × `height`.
    ///
    /// - Parameters:
    ///   - lines: the panel's text lines (`File`, `Prediction`, `Confidence`).
    ///   - legend: the legend entries below them.
    ///   - width: the upright image's width in pixels.
    ///   - height: the upright image's height in pixels.
    ///   - style: colours, corner and font size.
    ///   - automatic: choose the corner (`--position auto`); false keeps `style.position`.
    ///   - mode: inside the image, outside in the band, or either (`--panel`).
    ///   - minimumOverlaySide: images with a shorter side always get the band.
    ///   - renderer: measures the text.
    ///   - coverage: anomaly pixels under a rectangle of the upright image.
    package static func place(
        lines: [String], legend: [Panel.LegendEntry], width: Int, height: Int, style: PanelStyle, automatic: Bool,
        mode: PanelMode, minimumOverlaySide: Int = bandMinimumSide, renderer: TextRenderer,
        coverage: (Rect) -> Int
    ) -> PlacedPanel {
        place(
            [(lines, legend)], width: width, height: height, style: style, automatic: automatic, mode: mode,
            minimumOverlaySide: minimumOverlaySide, renderer: renderer, coverage: coverage)[0]
    }

    /// Places several panels for views of one image decided once — `report`'s side by side of ground truth and
    /// prediction: one corner free for every panel (`coverage` is then the union of their anomalies), or the
    /// band on one side for all, and one canvas size (the largest) for all, so the halves line up.
    package static func place(
        _ panels: [(lines: [String], legend: [Panel.LegendEntry])], width: Int, height: Int, style: PanelStyle,
        automatic: Bool, mode: PanelMode, minimumOverlaySide: Int = bandMinimumSide, renderer: TextRenderer,
        coverage: (Rect) -> Int
    ) -> [PlacedPanel] {
        if min(width, height) >= minimumOverlaySide && mode != .outside {
            var best: (layouts: [Panel.Layout], corner: PanelPosition, covered: Int)?
            corners: for corner in automatic ? PanelPosition.allCases : [style.position] {
                var cornerStyle = style
                cornerStyle.position = corner
                var layouts: [Panel.Layout] = []
                var covered = 0
                for panel in panels {
                    let layout = Panel.layout(
                        lines: panel.lines, legend: panel.legend, width: width, height: height, style: cornerStyle,
                        renderer: renderer)
                    guard layout.valuesFit else {
                        best = nil
                        break corners
                    }
                    covered += layout.items.reduce(0) { $0 + coverage($1.box) }
                    layouts.append(layout)
                }
                if best == nil || covered < best!.covered {
                    best = (layouts, corner, covered)
                    if covered == 0 { break }
                }
            }
            if let best, best.covered == 0 || !automatic || mode == .inside {
                return best.layouts.map {
                    PlacedPanel(layout: $0, placement: .corner(best.corner), canvasWidth: width, canvasHeight: height)
                }
            }
        }
        var placed: [PlacedPanel] = []
        for panel in panels {
            placed.append(
                band(
                    lines: panel.lines, legend: panel.legend, width: width, height: height, style: style,
                    side: placed.first?.placement, renderer: renderer))
        }
        let canvasWidth = placed.map(\.canvasWidth).max() ?? width
        let canvasHeight = placed.map(\.canvasHeight).max() ?? height
        for i in placed.indices {
            placed[i].canvasWidth = canvasWidth
            placed[i].canvasHeight = canvasHeight
        }
        return placed
    }

    /// The band: the panel laid out from the top-left of a strip beside the image, wide enough for every value.
    /// `side` forces `.bandRight` or `.bandBelow`; nil chooses by aspect ratio.
    static func band(
        lines: [String], legend: [Panel.LegendEntry], width: Int, height: Int, style: PanelStyle,
        side: PanelPlacement? = nil, renderer: TextRenderer
    ) -> PlacedPanel {
        var bandStyle = style
        bandStyle.position = .topLeft
        let size = TextRenderer.clampedSize(style.fontSize ?? Panel.automaticFontSize(width: width, height: height))
        bandStyle.fontSize = size
        let needed = Panel.minimumWidth(lines: lines, legend: legend, fontSize: size, renderer: renderer)

        // Right: as wide as its widest box (names shortened past 1024 px).
        var right = Panel.layout(
            lines: lines, legend: legend, width: max(1024, needed), height: 1 << 20, style: bandStyle,
            renderer: renderer)
        let content = right.bounds.maxX + right.bounds.minX  // the widest box and its margins
        let rightWidth = width + content
        let rightHeight = max(height, right.bounds.maxY + right.bounds.minY)
        // Below: as wide as the image, or as the lines and legend need (up to 1024 px), or as the values need.
        let natural = lines.map { renderer.measure($0, size: size).width }.max() ?? 0
        let belowWidth = max(width, min(max(natural + size * 2, content), 1024), needed)
        var below = Panel.layout(
            lines: lines, legend: legend, width: belowWidth, height: 1 << 20, style: bandStyle, renderer: renderer)
        let belowHeight = height + below.bounds.maxY + below.bounds.minY

        // How far a canvas's aspect ratio is from the image's, as a factor ≥ 1 (so 2:1 and 1:2 are as far).
        func distance(_ w: Int, _ h: Int) -> Double {
            let q = (Double(w) * Double(max(1, height))) / (Double(h) * Double(max(1, width)))
            return max(q, 1 / q)
        }
        if side == .bandRight || (side == nil && distance(rightWidth, rightHeight) < distance(belowWidth, belowHeight))
        {
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
