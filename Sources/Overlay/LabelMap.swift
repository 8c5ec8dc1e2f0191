/// A mask reduced to one class label per pixel: the one labelling that the compositor paints contours from,
/// measures areas with, and the report computes IoU on.
///
/// A pixel has label `k + 1` (class `k` of the types the compositor was given) when its alpha is ≥ 128 and its
/// RGB matches the class colour — exactly, or within `CompositeOptions.colorTolerance` per channel, the nearest
/// listed colour winning and ties going by list order (the background first). Every other pixel (background,
/// alpha below 128, colours no class lists) is label 0. Built by `MaskCompositor.composite` in its one pass
/// when asked (`keepLabels`) (or contours are drawn).
public struct LabelMap: Sendable, Equatable {
    /// Columns (the photo's).
    public let width: Int
    /// Rows (the photo's).
    public let height: Int
    /// `width × height` labels, row-major.
    public let labels: [UInt8]
    /// Pixels per class, in the order of the types given (label `k + 1` counted at `k`).
    public let counts: [Int]

    /// A labelling; `labels` must hold `width × height` values, none above `counts.count`.
    init(width: Int, height: Int, labels: [UInt8], counts: [Int]) {
        precondition(labels.count == width * height, "labels do not match the size")
        self.width = width
        self.height = height
        self.labels = labels
        self.counts = counts
    }

    /// Each class's share of all pixels (0…1), in class order.
    public var areas: [Double] {
        let total = Double(max(1, width * height))
        return counts.map { Double($0) / total }
    }
}
