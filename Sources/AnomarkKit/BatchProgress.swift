import Foundation

/// Progress of a batch (a report, a folder diff) on standard error: a bar redrawn in place on a terminal, a plain line every few
/// seconds otherwise (CI logs, `nohup`), nothing when quiet.
///
/// Thread-safe: workers call `itemFinished` as they go; a lock guards the counters and output, and drawing is
/// throttled (10 per second on a terminal) so that thousands of small items do not flood stderr.
public final class BatchProgress: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: Sendable, Equatable {
        /// A bar when stderr is a terminal, periodic lines otherwise.
        case automatic
        /// A bar redrawn with `\r`.
        case bar
        /// One line every `lineInterval` seconds.
        case lines
        /// Nothing (`--quiet`).
        case quiet
    }

    /// Seconds between plain lines.
    static let lineInterval = 5.0
    /// Seconds between bar redraws.
    static let barInterval = 0.1

    private let lock = NSLock()
    private let mode: Mode
    private let total: Int
    private let write: @Sendable (String) -> Void
    private let label: String
    private let start: UInt64
    private var done = 0
    private var skipped = 0
    private var failed = 0
    private var withoutResult = 0
    private var lastDraw: UInt64 = 0

    /// - Parameters:
    ///   - total: items to process.
    ///   - mode: `.automatic` picks `.bar` when stderr is a terminal.
    ///   - write: where text goes (stderr by default; tests capture it).
    ///   - label: the command named at the start of plain lines (`report: 12/500 images, …`).
    public init(total: Int, mode: Mode, label: String = "report", write: (@Sendable (String) -> Void)? = nil) {
        self.total = total
        self.label = label
        self.mode = mode == .automatic ? (isatty(2) != 0 ? .bar : .lines) : mode
        self.write = write ?? { StandardError.write($0) }
        self.start = DispatchTime.now().uptimeNanoseconds
    }

    /// Records a finished item: `skipped` when its outputs were up to date, `failed` when it failed,
    /// `withoutResult` when it was shown without a prediction (a report counts those apart from failures, and so
    /// does its progress line, so the last line agrees with the closing one).
    public func itemFinished(skipped wasSkipped: Bool, failed wasFailed: Bool, withoutResult noResult: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if wasSkipped { skipped += 1 }
        if wasFailed { failed += 1 }
        if noResult { withoutResult += 1 }
        let now = DispatchTime.now().uptimeNanoseconds
        let interval = mode == .bar ? Self.barInterval : Self.lineInterval
        if mode != .quiet && Double(now - lastDraw) / 1e9 >= interval {
            lastDraw = now
            draw(now: now)
        }
    }

    /// Draws the final state and ends the bar's line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard mode != .quiet else { return }
        draw(now: DispatchTime.now().uptimeNanoseconds)
        if mode == .bar { write("\n") }
    }

    /// The status text: `123/500 images, 24.5 images/s, ETA 0:15, 2 failed, 1 without result, 10 up to date`.
    func status(now: UInt64) -> String {
        let seconds = max(1e-9, Double(now - start) / 1e9)
        let worked = done - skipped
        let rate = Double(worked) / seconds
        var parts = ["\(done)/\(total) images"]
        if worked > 0 {
            parts.append(String(format: "%.1f images/s", rate))
            if done < total { parts.append("ETA " + Self.clock(Double(total - done) / rate)) }
        }
        if failed > 0 { parts.append("\(failed) failed") }
        if withoutResult > 0 { parts.append("\(withoutResult) without result") }
        if skipped > 0 { parts.append("\(skipped) up to date") }
        return parts.joined(separator: ", ")
    }

    private func draw(now: UInt64) {
        let text = status(now: now)
        switch mode {
        case .bar:
            let width = 24
            let filled = total > 0 ? done * width / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            // Clear to the end of the line: the text can get shorter (ETA 10:00 → 9:59).
            write("\r[\(bar)] \(text)\u{1B}[K")
        case .lines:
            write("\(label): \(text)\n")
        case .automatic, .quiet:
            break
        }
    }

    /// `75` → `1:15`, `3725` → `1:02:05`.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        let mm = h > 0 && m < 10 ? "0\(m)" : "\(m)"
        return (h > 0 ? "\(h):" : "") + mm + ":" + (r < 10 ? "0\(r)" : "\(r)")
    }
}
