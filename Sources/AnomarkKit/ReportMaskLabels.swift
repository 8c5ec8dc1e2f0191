import Raster

/// A mask reduced to one class label per pixel, for measuring ground-truth areas and IoU.
///
/// A pixel belongs to class `i` (label `i + 1`) when its alpha is ≥ 128 and its RGB equals the class colour
/// exactly — the same rule the mask compositor uses to measure areas. Everything else (background, alpha
/// below 128, colours no class lists) is label 0.
struct ReportMaskLabels {
    let width: Int
    let height: Int
    /// `width × height` labels, row-major.
    let labels: [UInt8]
    /// Pixels per class, in the order of the colours given.
    let counts: [Int]

    /// Labels `mask` with up to 254 class colours (background excluded).
    init(mask: Pixmap, colors: [Color]) {
        precondition(colors.count < 255, "at most 254 classes")
        width = mask.width
        height = mask.height
        let keys = colors.map { UInt32($0.r) | UInt32($0.g) << 8 | UInt32($0.b) << 16 }
        var counts = [Int](repeating: 0, count: colors.count + 1)
        let n = mask.pixelCount
        labels = [UInt8](unsafeUninitializedCapacity: n) { out, initialized in
            mask.pixels.withUnsafeBufferPointer { src in
                keys.withUnsafeBufferPointer { keys in
                    counts.withUnsafeMutableBufferPointer { counts in
                        // Masks are mostly long runs of one colour: classify a colour once per run.
                        var previous: UInt32 = 0xFFFF_FFFF
                        var previousLabel: UInt8 = 0
                        for i in 0..<n {
                            let s = i &* 4
                            if src[s + 3] < 128 {
                                out[i] = 0
                                counts[0] &+= 1
                                continue
                            }
                            let key = UInt32(src[s]) | UInt32(src[s + 1]) << 8 | UInt32(src[s + 2]) << 16
                            if key != previous {
                                previous = key
                                previousLabel = 0
                                for k in 0..<keys.count where keys[k] == key {
                                    previousLabel = UInt8(k + 1)
                                    break
                                }
                            }
                            out[i] = previousLabel
                            counts[Int(previousLabel)] &+= 1
                        }
                    }
                }
            }
            initialized = n
        }
        self.counts = Array(counts.dropFirst())
    }

    /// Each class's share of all pixels (0…1).
    var areas: [Double] {
        let total = Double(max(1, width * height))
        return counts.map { Double($0) / total }
    }

    /// Per-type intersection and union of a ground-truth and a predicted labelling; a nil side counts as empty
    /// (a normal image without a mask, or a normal prediction). Types are matched by name, ignoring case; a type
    /// absent from both masks is left out. The predicted labels must have the truth's size when both exist.
    static func intersections(
        truth: ReportMaskLabels?, truthNames: [String], predicted: ReportMaskLabels?, predictedNames: [String]
    ) -> [ReportRecord.TypeIoU] {
        let t = truth.map { _ in truthNames.count } ?? 0
        let p = predicted.map { _ in predictedNames.count } ?? 0
        // Joint histogram of (truth label, predicted label), one pass over the pixels.
        var joint = [Int](repeating: 0, count: (t + 1) * (p + 1))
        if let truth, let predicted {
            precondition(truth.labels.count == predicted.labels.count, "mask sizes differ")
            joint.withUnsafeMutableBufferPointer { joint in
                truth.labels.withUnsafeBufferPointer { tl in
                    predicted.labels.withUnsafeBufferPointer { pl in
                        let stride = p + 1
                        for i in 0..<tl.count { joint[Int(tl[i]) &* stride &+ Int(pl[i])] &+= 1 }
                    }
                }
            }
        }
        var names: [String] = []
        for name in truthNames + predictedNames where !names.contains(where: { $0.lowercased() == name.lowercased() }) {
            names.append(name)
        }
        var result: [ReportRecord.TypeIoU] = []
        for name in names {
            let ti = truth == nil ? nil : truthNames.firstIndex { $0.lowercased() == name.lowercased() }
            let pi = predicted == nil ? nil : predictedNames.firstIndex { $0.lowercased() == name.lowercased() }
            let truthCount = ti.map { truth!.counts[$0] } ?? 0
            let predictedCount = pi.map { predicted!.counts[$0] } ?? 0
            var intersection = 0
            if let ti, let pi { intersection = joint[(ti + 1) * (p + 1) + pi + 1] }
            let union = truthCount + predictedCount - intersection
            if union > 0 { result.append(.init(name: name, intersection: intersection, union: union)) }
        }
        return result
    }
}
