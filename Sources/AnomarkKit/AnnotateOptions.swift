import Codecs
import Overlay
import Raster

/// Everything `annotate` can be told, with the defaults of the CLI.
public struct AnnotateOptions: Sendable {
    /// Replaces the `File: <image path>` line (nil keeps it).
    public var label: String?
    /// Panel colours, corner and font size.
    public var style: PanelStyle
    /// Mask blending: opacity, colour tolerance, outlines.
    public var composite: CompositeOptions
    /// How score maps are painted (colour scale, range, floor).
    public var heatMap: HeatMapOptions = .init()
    /// `--map-threshold`: judges anomaly maps at this score instead of the sidecar's threshold (or 0.5).
    public var mapThreshold: Double?
    /// Scale a mask of another size to the image (nearest neighbour) instead of failing.
    public var fitMask: Bool
    /// Draw the panel (classification lines and legend).
    public var drawPanel: Bool
    /// Decoder limits (pixel count) for the image and the mask.
    public var limits: DecodeLimits
    /// Accept truncated or corrupt JPEGs that libjpeg can pad over.
    public var lenientJPEG: Bool
    /// Decode the photo and the mask on two threads. Batch runs that keep every core busy with one image each
    /// turn it off.
    public var concurrentDecode: Bool = true
    /// Limit a `style.fontSize` outside the image's `Panel.fontSizeRange` to that range instead of failing with
    /// a usage error: for batch runs, where one size serves images of many sizes.
    public var clampFontSize: Bool = false
    /// Colours to paint and list anomaly types in instead of the result's, by exact name (`--class-color`). The
    /// mask is still matched by the result's colour.
    public var classColors: [String: Color] = [:]
    /// Which anomaly regions get a ring (`--markers`): by default the small ones, which would vanish in a
    /// thumbnail.
    public var markers: MarkerMode = .auto
    /// Put the panel in the corner whose boxes cover no anomaly (`--position auto`), else in the band; false
    /// keeps `style.position`.
    public var autoPlacement: Bool = true
    /// Whether the panel may go over the image or in the band (`--panel`).
    public var panelMode: PanelMode = .auto

    /// Options with the CLI's defaults for everything not given.
    public init(
        label: String? = nil, style: PanelStyle = .init(),
        composite: CompositeOptions = .init(opacity: 0.5, outline: true), fitMask: Bool = false,
        drawPanel: Bool = true, limits: DecodeLimits = .init(), lenientJPEG: Bool = false
    ) {
        self.label = label
        self.style = style
        self.composite = composite
        self.fitMask = fitMask
        self.drawPanel = drawPanel
        self.limits = limits
        self.lenientJPEG = lenientJPEG
    }
}
