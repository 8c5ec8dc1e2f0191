import Raster

/// What a ground-truth dataset says about one image: its label, where its mask is, the mask's classes and how
/// a prediction is scored against it. Read by a `GroundTruthSource`; drawn and measured like a `Detection`
/// without verdict (`detection(mask:)`).
public struct GroundTruth: Sendable, Equatable {
    /// The registry name of the source that read it (`manifest`, `mvtec`; see `GroundTruthSources`).
    public var source: String
    /// True = anomalous, false = normal; nil when the source does not say.
    public var isAnomalous: Bool?
    /// The mask file (a path, as the caller resolved it); nil for a normal image or a line without a mask.
    public var maskPath: String?
    /// The mask's classes, background first when there is one (named `background`, any case).
    public var classes: [Anomaly]
    /// True when the mask is binary (one anomaly colour, e.g. MVTec AD's white on black): IoU is then measured
    /// class-agnostically, the truth's anomaly pixels against every predicted anomaly pixel, and named after
    /// the truth's class. False: per class, classes matched by name, ignoring case.
    public var isClassAgnostic: Bool

    /// Ground truth as a source read it.
    public init(
        source: String = "manifest", isAnomalous: Bool?, maskPath: String?, classes: [Anomaly],
        isClassAgnostic: Bool = false
    ) {
        self.source = source
        self.isAnomalous = isAnomalous
        self.maskPath = maskPath
        self.classes = classes
        self.isClassAgnostic = isClassAgnostic
    }

    /// The anomaly classes (background excluded), in source order.
    public var anomalyClasses: [Anomaly] { classes.filter { !$0.isBackground } }

    /// The background colour of the mask: the `background` class's, else white (the service's).
    public var backgroundColor: Color { classes.first(where: \.isBackground)?.color ?? .white }

    /// The truth as a detection without verdict, with `mask` (the encoded mask file) as its mask: what the
    /// compositor draws and labels, so the truth's pixels follow the same rule as a prediction's.
    public func detection(mask: [UInt8]?) -> Detection {
        Detection(
            source: Detection.Source(format: source), verdict: nil,
            classes: anomalyClasses.map {
                Detection.AnomalyClass(name: $0.name, color: $0.color, colorHex: $0.colorHex, reportedArea: nil)
            },
            backgroundColor: backgroundColor, mask: mask.map { .encoded($0) })
    }

    /// A binary mask's truth (MVTec AD's, `annotate --truth`): `className` in white (`#FFFFFF`) on a black
    /// background.
    package static func binary(source: String, className: String, isAnomalous: Bool?, maskPath: String?)
        -> GroundTruth
    {
        GroundTruth(
            source: source, isAnomalous: isAnomalous, maskPath: maskPath,
            classes: [
                Anomaly(name: "background", area: 0, color: .black),
                Anomaly(name: className, area: 0, color: .white),
            ], isClassAgnostic: true)
    }
}
