// The one-line explanation of a `CompareResult`: the verdict, the budget it was held against, every
// tolerance applied, and how big the largest change was — enough to judge a failure without opening
// the images, e.g. `FAIL: 412 px differ > 0 allowed; exact comparison; largest ΔYIQ 0.31, …`.

extension CompareResult {
    /// Every threshold applied and why the comparison passed or failed, in one line.
    public var summary: String {
        if verdict == .sizeMismatch {
            return "FAIL: size differs: expected \(expectedSize), actual \(actualSize); pixels not compared"
        }
        var parts: [String] = []
        parts.append((passed ? "PASS: " : "FAIL: ") + budgetClause)
        parts.append(toleranceClause)
        if options.detectAntialiasing {
            parts.append("anti-aliasing detection on (\(antialiasedPixels) px not counted)")
        }
        if !options.ignoreRegions.isEmpty {
            let n = options.ignoreRegions.count
            parts.append("\(ignoredPixels) px ignored in \(n) region\(n == 1 ? "" : "s")")
        }
        if largestChannelDelta == 0 {
            parts.append("compared pixels identical")
        } else {
            let psnrText = psnr.isFinite ? Numerics.fixed(psnr, digits: 1) + " dB" : "∞"
            parts.append(
                "largest ΔYIQ \(Numerics.trimmed(largestYIQDelta, digits: 3)), largest channel Δ "
                    + "\(largestChannelDelta), PSNR \(psnrText)")
        }
        if let changedBounds {
            parts.append("changes within x,y,w,h \(changedBounds)")
        }
        return parts.joined(separator: "; ")
    }

    /// `412 px differ > 0 allowed`, and/or the ratio against its budget.
    private var budgetClause: String {
        var clauses: [String] = []
        let px = "\(differingPixels) px differ"
        if let allowed = options.allowedDiffPixels {
            clauses.append("\(px) \(withinPixelBudget ? "≤" : ">") \(allowed) allowed")
        }
        if let maxRatio = options.maxDiffRatio {
            let share = "\(Numerics.percent(differingRatio)) of pixels"
            let lead = clauses.isEmpty ? "\(px) (\(share))" : share
            clauses.append("\(lead) \(withinRatioBudget ? "≤" : ">") \(Numerics.percent(maxRatio)) allowed")
        }
        return clauses.joined(separator: ", ")
    }

    /// How a pixel was judged equal.
    private var toleranceClause: String {
        let cap = options.maxChannelDelta
        let capText = "per-channel cap \(cap) (a pixel differs when a channel differs by more than \(cap))"
        guard let t = options.threshold else { return cap > 0 ? capText : "exact comparison" }
        let yiq = "YIQ threshold \(t) (a pixel differs when ΔYIQ > \(t))"
        return cap > 0 ? "\(yiq) and \(capText)" : yiq
    }
}
