/// How `HeatMapCompositor.composite` paints an anomaly score map (`--colormap`, `--map-range`, `--map-floor`).
///
/// Scores are in the map's units (those of `ScoreMap.score(at:)`, the sidecar's); the threshold is the map's own
/// (`--map-threshold` sets it on the detection, see `Detection.withMapThreshold`).
public struct HeatMapOptions: Sendable, Equatable, CustomStringConvertible {
    /// The colour scale.
    public var colormap: Colormap
    /// The scores the colour scale spans, lowest colour at `lowerBound`; nil: floor…1.
    public var range: ClosedRange<Double>?
    /// Pixels scoring below this stay unpainted; nil: half the threshold.
    public var floor: Double?

    /// Options with the defaults: turbo over floor…1, the floor at half the threshold.
    public init(colormap: Colormap = .turbo, range: ClosedRange<Double>? = nil, floor: Double? = nil) {
        self.colormap = colormap
        self.range = range
        self.floor = floor
    }

    /// The floor for a map whose threshold is `threshold`.
    public func floor(threshold: Double) -> Double { floor ?? threshold / 2 }

    /// The range for a map whose threshold is `threshold`.
    public func range(threshold: Double) -> ClosedRange<Double> {
        if let range { return range }
        let lo = floor(threshold: threshold)
        return lo < 1 ? lo...1 : lo...(lo + 1)
    }

    /// Stable text of the settings (part of the report's render fingerprint).
    public var description: String {
        "heat(\(colormap.rawValue),\(range.map { "\($0.lowerBound),\($0.upperBound)" } ?? "auto"),"
            + "\(floor.map { "\($0)" } ?? "auto"))"
    }
}
