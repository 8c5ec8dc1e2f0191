/// The joint histogram of (truth label, predicted label) over the pixels, one pass; a nil side is all 0.
struct JointLabelCounts {
    /// Labels on the truth side (classes + 1).
    let truthLabels: Int
    /// Labels on the predicted side (classes + 1).
    let predictedLabels: Int
    private var counts: [Int]

    /// One pass over both labellings.
    init(truth: LabelMap?, predicted: LabelMap?) {
        truthLabels = (truth?.counts.count ?? 0) + 1
        predictedLabels = (predicted?.counts.count ?? 0) + 1
        counts = [Int](repeating: 0, count: truthLabels * predictedLabels)
        let stride = predictedLabels
        switch (truth, predicted) {
        case (let truth?, let predicted?):
            precondition(truth.labels.count == predicted.labels.count, "mask sizes differ")
            counts.withUnsafeMutableBufferPointer { joint in
                truth.labels.withUnsafeBufferPointer { tl in
                    predicted.labels.withUnsafeBufferPointer { pl in
                        for i in 0..<tl.count { joint[Int(tl[i]) &* stride &+ Int(pl[i])] &+= 1 }
                    }
                }
            }
        case (let truth?, nil):
            for (k, n) in truth.counts.enumerated() { counts[(k + 1) * stride] = n }
        case (nil, let predicted?):
            for (k, n) in predicted.counts.enumerated() { counts[k + 1] = n }
        case (nil, nil): break
        }
    }

    /// Pixels with truth label `t` and predicted label `p`.
    subscript(t: Int, p: Int) -> Int { counts[t * predictedLabels + p] }
}
