import Codecs
import GoldenImage
import Raster

/// The golden-image comparison bars (`tools/bench/diff-vs-imagemagick`).
enum DiffBenchmarks {
    /// 15 ms for the exact comparison of two identical decoded 4096² images.
    static let identicalBarMs = 15.0
    /// `anomark diff` at least this many times faster than ImageMagick's `compare -metric AE`.
    static let speedupBar = 3.0

    /// Decodes `path` twice (two separate buffers, so the comparison cannot short-cut on shared storage) and
    /// times the exact comparison.
    static func compareIdentical(path: String, runs: Int) throws -> Measurement {
        let bytes = try System.read(path)
        let a = try ImageDecoder.decode(bytes).pixmap
        let b = try ImageDecoder.decode(bytes).pixmap
        var verdictPass = false
        let times = Measurement.time(runs: runs) {
            verdictPass = ImageComparison.compare(expected: a, actual: b).passed
        }
        guard verdictPass else { throw System.Failure("identical images did not compare equal") }
        return Measurement(
            tool: "anomark", op: "compare-identical", variant: "exact", input: System.baseName(path), width: a.width,
            height: a.height, timesNs: times, peakKiB: System.peakResidentKiB(), baseKiB: 0, outBytes: 0)
    }

    /// Prints the medians and the two bars; false when one fails.
    static func report(path: String) throws -> Bool {
        let text = String(decoding: try System.read(path), as: UTF8.self)
        let rows = text.split(separator: "\n").compactMap { JSONLine.decode($0) }
        func median(_ tool: String, _ op: String) -> Double? {
            for row in rows {
                if case .string(tool)? = row["tool"], case .string(op)? = row["op"],
                    case .number(let ms)? = row["median_ms"]
                {
                    return ms
                }
            }
            return nil
        }
        var passed = true
        if let ours = median("anomark", "diff"), let magick = median("imagemagick", "diff") {
            let speedup = magick / ours
            print("anomark diff (decode both, compare, write diff image): \(JSONLine.fixed(ours, decimals: 1)) ms")
            print("ImageMagick compare -metric AE (same pair, diff image): \(JSONLine.fixed(magick, decimals: 1)) ms")
            let ok = speedup >= speedupBar
            passed = passed && ok
            print("  \(ok ? "PASS" : "FAIL")  \(JSONLine.fixed(speedup, decimals: 2))× faster ≥ \(speedupBar)")
        }
        if let identical = median("anomark", "compare-identical") {
            let ok = identical < identicalBarMs
            passed = passed && ok
            print("exact comparison of identical decoded 4096² images: \(JSONLine.fixed(identical, decimals: 2)) ms")
            print("  \(ok ? "PASS" : "FAIL")  < \(identicalBarMs) ms")
        }
        return passed
    }
}
