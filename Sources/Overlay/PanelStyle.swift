import Raster

/// Where the panel sits on the image.
public enum PanelPosition: String, Sendable, CaseIterable {
    case topLeft = "top-left"
    case topRight = "top-right"
    case bottomLeft = "bottom-left"
    case bottomRight = "bottom-right"
}

/// How the panel and legend look. Defaults follow the reference samples: lime text on black boxes, top-left.
public struct PanelStyle: Sendable, Equatable {
    /// Panel text colour (the reference samples' lime).
    public var textColor: Color
    /// Box colour behind each line (may be translucent, e.g. `#000000C0`).
    public var boxColor: Color
    /// Legend text colour: white by default; never the anomaly's own colour, which may be unreadably dark.
    public var legendTextColor: Color
    /// The corner the panel goes in when placement is not automatic.
    public var position: PanelPosition
    /// Font size in pixels; nil scales with the image (`Panel.automaticFontSize`).
    public var fontSize: Int?

    /// A style: lime text on black boxes, white legend text, top-left, size following the image, unless given.
    public init(
        textColor: Color = .lime, boxColor: Color = .black, legendTextColor: Color = .white,
        position: PanelPosition = .topLeft, fontSize: Int? = nil
    ) {
        self.textColor = textColor
        self.boxColor = boxColor
        self.legendTextColor = legendTextColor
        self.position = position
        self.fontSize = fontSize
    }
}
