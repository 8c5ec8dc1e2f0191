import Raster

/// One entry of `Anomalies` in a `DetectAnomalies` result: a label the model knows, its mask colour and area.
///
/// The service lists the `background` label first (colour `#FFFFFF`); it is not an anomaly. See
/// `DetectAnomaliesResult.background` and `defectTypes` for how it is recognised.
public struct Anomaly: Sendable, Hashable {
    /// `Name`, e.g. "cracked" or "background".
    public var name: String
    /// `PixelAnomaly.TotalPercentageArea`: a FRACTION of the image in 0…1, despite the name.
    public var area: Double
    /// `PixelAnomaly.Color` as a colour (opaque).
    public var color: Color
    /// `PixelAnomaly.Color` exactly as written (`#23a436` stays lower case), for reports and round trips.
    public var colorHex: String

    /// An entry with the colour written as `#RRGGBB` (upper case).
    public init(name: String, area: Double, color: Color) {
        let opaque = color.withAlpha(255)
        self.init(name: name, area: area, color: opaque, colorHex: opaque.hexString)
    }

    /// An entry whose colour text is kept as given; `color` must be what `colorHex` means.
    init(name: String, area: Double, color: Color, colorHex: String) {
        self.name = name
        self.area = area
        self.color = color
        self.colorHex = colorHex
    }

    /// True for the `background` entry (name compared case-insensitively): it marks the mask colour that
    /// means "no anomaly" and is never painted.
    public var isBackground: Bool { name.lowercased() == "background" }
}
