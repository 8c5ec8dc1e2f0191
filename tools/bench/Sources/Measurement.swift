/// One benchmark result: the timings of N runs of one operation on one input, and the process's peak memory.
///
/// Printed as one JSON object per line (`jsonLine`), the format `floor.c` prints too, so that `report` can
/// read both. Keys: `tool` (swift, floor, anomark, pillow, imagemagick), `op`, `variant` (encoder preset or
/// empty), `input` (file name), `width`, `height`, `runs`, `median_ms`, `min_ms`, `max_ms`, `peak_mib`
/// (VmHWM, whole process), `base_mib` (VmHWM before the first run: runtime, libraries and the input bytes)
/// and `out_bytes` (encoded size, or the output file's size).
struct Measurement {
    var tool: String
    var op: String
    var variant: String
    var input: String
    var width: Int
    var height: Int
    var timesNs: [UInt64]
    var peakKiB: Int
    var baseKiB: Int
    var outBytes: Int

    /// The median in milliseconds (mean of the two middle runs when N is even).
    var medianMs: Double {
        let sorted = timesNs.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        let ns = sorted.count % 2 == 1 ? Double(sorted[mid]) : (Double(sorted[mid - 1]) + Double(sorted[mid])) / 2
        return ns / 1e6
    }

    var jsonLine: String {
        let fields: [(String, JSONLine.Value)] = [
            ("tool", .string(tool)), ("op", .string(op)), ("variant", .string(variant)), ("input", .string(input)),
            ("width", .number(Double(width))), ("height", .number(Double(height))),
            ("runs", .number(Double(timesNs.count))), ("median_ms", .number(medianMs)),
            ("min_ms", .number(Double(timesNs.min() ?? 0) / 1e6)),
            ("max_ms", .number(Double(timesNs.max() ?? 0) / 1e6)),
            ("peak_mib", .number(Double(peakKiB) / 1024)), ("base_mib", .number(Double(baseKiB) / 1024)),
            ("out_bytes", .number(Double(outBytes))),
        ]
        return JSONLine.encode(fields)
    }

    /// Runs `body` `runs` times, timing each run on the monotonic clock. `body` must drop what it allocates
    /// before returning, so that the peak is that of one run.
    static func time(runs: Int, _ body: () throws -> Void) rethrows -> [UInt64] {
        var times: [UInt64] = []
        times.reserveCapacity(runs)
        for _ in 0..<runs {
            let start = System.nanoseconds()
            try body()
            times.append(System.nanoseconds() - start)
        }
        return times
    }
}
