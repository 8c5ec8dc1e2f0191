/// A grid of anomaly scores, as open-source detectors (anomalib, OpenVINO) write their anomaly maps, with the
/// threshold above which a pixel counts as anomalous.
///
/// Scores are stored as the source holds them; `score(at:)` reads every kind as a `Double`: 8-bit grey as
/// value / 255, 16-bit grey as value / 65535, floats as they are (the threshold is in the same units).
public struct ScoreMap: Sendable, Equatable {
    /// The stored scores, row-major, `width × height` of them.
    public enum Values: Sendable, Equatable {
        /// 8-bit grey: score = value / 255.
        case grey8([UInt8])
        /// 16-bit grey: score = value / 65535.
        case grey16([UInt16])
        /// Floating-point scores in the detector's units.
        case float([Float])

        /// How many scores are stored.
        public var count: Int {
            switch self {
            case .grey8(let v): return v.count
            case .grey16(let v): return v.count
            case .float(let v): return v.count
            }
        }
    }

    /// The most scores a map may hold (2²⁶, e.g. 8192×8192), checked before a reader allocates them.
    static let maxScores = 1 << 26

    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// The scores.
    public let values: Values
    /// The score above which a pixel is anomalous, in the units of `score(at:)`.
    public var threshold: Double

    /// A map of `width × height` scores; nil when `values` does not hold exactly that many or a size is negative.
    public init?(width: Int, height: Int, values: Values, threshold: Double) {
        guard width >= 0, height >= 0, width.multipliedReportingOverflow(by: height) == (values.count, false) else {
            return nil
        }
        self.width = width
        self.height = height
        self.values = values
        self.threshold = threshold
    }

    /// The score of pixel `index` (row-major), as a `Double`.
    public func score(at index: Int) -> Double {
        switch values {
        case .grey8(let v): return Double(v[index]) / 255
        case .grey16(let v): return Double(v[index]) / 65535
        case .float(let v): return Double(v[index])
        }
    }
}

extension ScoreMap {
    /// The largest score, as a `Double` (nil for an empty map): the verdict of a map read without a sidecar.
    public var maximum: Double? {
        switch values {
        case .grey8(let v): return v.max().map { Double($0) / 255 }
        case .grey16(let v): return v.max().map { Double($0) / 65535 }
        case .float(let v): return v.max().map { Double($0) }
        }
    }
}
