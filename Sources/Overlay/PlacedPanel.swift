/// A panel laid out on its canvas: the image sits at (0, 0) of a canvas at least as large.
package struct PlacedPanel: Sendable, Equatable {
    /// The panel, in canvas coordinates.
    package var layout: Panel.Layout
    /// Where it went.
    package var placement: PanelPlacement
    /// The canvas: the image's size for a corner, larger for a band.
    package var canvasWidth: Int
    /// The canvas height: the image's for a corner, larger for a band below.
    package var canvasHeight: Int

    /// A panel placed at `placement` on a canvas of `canvasWidth` × `canvasHeight`.
    package init(layout: Panel.Layout, placement: PanelPlacement, canvasWidth: Int, canvasHeight: Int) {
        self.layout = layout
        self.placement = placement
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
    }
}
