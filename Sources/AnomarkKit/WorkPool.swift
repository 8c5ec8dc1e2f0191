import Foundation

/// A bounded pool of worker threads for batch items (report items, folder-diff pairs).
///
/// `jobs` threads (the caller's included) pull the next index from a shared counter until none is left, so at
/// most `jobs` items are in memory at once however large the batch is, and a slow item never holds up the
/// others. Plain threads rather than Dispatch: `concurrentPerform` caps its width at the core count, and
/// `--jobs` should mean what it says (e.g. more jobs than cores when the inputs are on a slow network disk).
package enum WorkPool {
    /// Stack of each worker thread; decoding and drawing need more than a secondary thread's default.
    package static let stackSize = 8 << 20

    /// Calls `body(i)` for every `i` in `0..<count`, on up to `jobs` threads; returns when all calls have.
    package static func forEach(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let workers = min(max(1, jobs), count)
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        let state = State(count: count)
        let work: @Sendable () -> Void = {
            while let i = state.take() { body(i) }
        }
        for _ in 1..<workers {
            let thread = Thread {
                work()
                state.workerFinished()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        work()
        state.waitForWorkers(workers - 1)
    }

    /// The next index and the number of finished helper threads, under one condition lock.
    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private var finished = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func workerFinished() {
            condition.lock()
            finished += 1
            condition.broadcast()
            condition.unlock()
        }

        func waitForWorkers(_ n: Int) {
            condition.lock()
            while finished < n { condition.wait() }
            condition.unlock()
        }
    }
}
