import Detections
import Raster

/// A kind of anomaly as the mask compositor sees it: a name and the mask colour that marks it.
public struct AnomalyType: Sendable, Hashable {
    /// The label, e.g. "cracked".
    public var name: String
    /// The mask colour; only R, G and B are compared with mask pixels (alpha is ignored).
    public var color: Color
    /// The colour its regions and outline are painted in, when not `color` (a user's choice for a product whose
    /// colour clashes with the model's); the mask is still matched by `color`.
    public var paintColor: Color?

    /// A type named `name`, marked in masks by `color` and painted in `paintColor` (nil: `color`).
    public init(name: String, color: Color, paintColor: Color? = nil) {
        self.name = name
        self.color = color
        self.paintColor = paintColor
    }
}

extension Anomaly {
    /// The name and colour, as the mask compositor takes them.
    public var anomalyType: AnomalyType { AnomalyType(name: name, color: color) }
}

extension Detection.AnomalyClass {
    /// The name and colour, as the mask compositor takes them.
    public var anomalyType: AnomalyType { AnomalyType(name: name, color: color) }
}
