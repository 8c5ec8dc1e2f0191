// Folder diff (`anomark diff EXPECTED_DIR ACTUAL_DIR`) — contract
//
// Pairs the images of two folder trees by relative path (`FolderScan`, `FolderPairing`), gives each path its
// options (the command line's, changed by the last matching override of `anomark-diff.json` at the root of
// EXPECTED_DIR or of `--config FILE`: `DiffConfig`), and compares every pair on `jobs` threads
// (`WorkPool`): at most `jobs` pairs of decoded images are in memory at once. Each item ends passed,
// changed (pixels beyond the tolerance, or another size), new (only in ACTUAL_DIR), deleted (only in
// EXPECTED_DIR) or failed (unreadable or undecodable; its error recorded). Item problems never throw; what
// prevents the run (a missing folder, a bad config, a review folder that cannot be made) is an `AnomarkError`.
//
// With a review folder, every image shown is placed inside it (hard links where possible, copies otherwise) under
// `expected/`, `actual/` and `diff/` (diff images for changed items, PNG), and `index.html` is written last
// (`DiffReviewPage`), so the folder can be uploaded alone. The review folder must not be inside either input
// folder.
//
// `--approve` (`FolderApproval`) then copies actual images over goldens; the page shows the state before it.
//
// Exit status (`FolderDiffOutcome.exitStatus`): 0 all passed, 1 anything changed/new/deleted (even with failed
// items), 2 failed items only; items approved count as resolved.
import Codecs
import Foundation
import GoldenImage
import Raster

/// One folder-against-folder comparison.
package struct FolderDiffJob: Sendable {
    /// The goldens.
    package var expectedDirectory: String
    /// The images to check.
    package var actualDirectory: String
    /// The command line's options, before per-path overrides.
    package var options: CompareOptions
    /// A config file instead of `EXPECTED_DIR/anomark-diff.json`.
    package var configPath: String?
    /// Where to write the review page and its images (nil: none).
    package var reviewDirectory: String?
    /// Worker threads.
    package var jobs: Int
    /// Progress on stderr.
    package var progress: BatchProgress.Mode
    /// `--approve`: replace goldens after comparing (nil: compare only).
    package var approval: FolderApproval?

    /// A run; nothing happens until `run()`.
    package init(
        expectedDirectory: String, actualDirectory: String, options: CompareOptions = .exact,
        configPath: String? = nil, reviewDirectory: String? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: BatchProgress.Mode = .automatic,
        approval: FolderApproval? = nil
    ) {
        self.approval = approval
        self.expectedDirectory = expectedDirectory
        self.actualDirectory = actualDirectory
        self.options = options
        self.configPath = configPath
        self.reviewDirectory = reviewDirectory
        self.jobs = jobs
        self.progress = progress
    }

    /// True when both paths are folders (then `anomark diff` compares folders, otherwise a pair of files).
    package static func isFolderPair(_ a: String, _ b: String) -> Bool {
        func isFolder(_ p: String) -> Bool {
            var info = stat()
            return stat(p, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        return isFolder(a) && isFolder(b)
    }

    /// Compares the folders; see the contract at the top of this file.
    package func run(progressWriter: (@Sendable (String) -> Void)? = nil) throws(AnomarkError) -> FolderDiffOutcome {
        let base: CompareOptions
        do {
            base = try options.validated()
        } catch {
            throw AnomarkError(.usage, file: nil, error.description)
        }
        let config = try loadConfig()
        let review = try reviewDirectory.map { dir throws(AnomarkError) in try prepareReview(dir) }
        let excluded = reviewDirectory.map { [$0] } ?? []
        let pairs = FolderPairing.pair(
            expected: try FolderScan.images(in: expectedDirectory, excluding: excluded),
            actual: try FolderScan.images(in: actualDirectory, excluding: excluded))
        let progress = BatchProgress(total: pairs.count, mode: self.progress, label: "diff", write: progressWriter)
        let slots = ResultSlots(count: pairs.count)
        let job = self
        WorkPool.forEach(count: pairs.count, jobs: jobs) { i in
            let pair = pairs[i]
            let item = job.compare(pair, options: config.options(for: pair.path, base: base), review: review)
            slots.set(i, item)
            progress.itemFinished(skipped: false, failed: item.status == .failed)
        }
        progress.finish()
        var outcome = FolderDiffOutcome(
            expectedDirectory: expectedDirectory, actualDirectory: actualDirectory, items: slots.items)
        if let review {
            let page = DiffReviewPage.render(outcome)
            try OutputFile.write(Array(page.utf8), to: PathName.join(review, "index.html"))
        }
        if let approval { outcome.approvals = approval.apply(to: outcome) }
        return outcome
    }

    /// The config given with `--config`, else `EXPECTED_DIR/anomark-diff.json` when it exists, else none.
    func loadConfig() throws(AnomarkError) -> DiffConfig {
        let path = configPath ?? PathName.join(expectedDirectory, DiffConfig.fileName)
        if configPath == nil && access(path, F_OK) != 0 { return DiffConfig() }
        let bytes = try FileIO.read(path, maxBytes: DiffConfig.maxBytes)
        do {
            return try DiffConfig.parse(bytes, file: path) { try JSONDecoder().decode(DiffConfig.self, from: Data($0)) }
        } catch {
            throw AnomarkError(.badData, file: path, "\(error.path): \(error.problem)")
        }
    }

    /// Creates the review folder (and its parents) and checks it is outside both inputs.
    func prepareReview(_ dir: String) throws(AnomarkError) -> String {
        var info = stat()
        if lstat(dir, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
            throw AnomarkError(.cannotCreate, file: dir, "exists and is not a folder")
        }
        var inputs: [String] = []
        for input in [expectedDirectory, actualDirectory] {
            guard let real = FolderScan.realPath(input) else {
                throw AnomarkError(.inputMissing, file: input, "no such folder")
            }
            inputs.append(real)
        }
        // Resolve the deepest existing ancestor: the folder may not exist yet, and must not be made inside an input.
        var probe = dir
        var missing: [String] = []
        while FolderScan.realPath(probe) == nil, probe != PathName.parent(probe) {
            missing.append(PathName.lastComponent(probe))
            probe = PathName.parent(probe)
        }
        guard let anchor = FolderScan.realPath(probe) else {
            throw AnomarkError(.cannotCreate, file: dir, "cannot resolve the path")
        }
        let resolved = missing.reversed().reduce(anchor) { PathName.join($0, $1) }
        for input in inputs where resolved == input || resolved.hasPrefix(input + "/") {
            throw AnomarkError(.usage, file: dir, "the review folder must not be inside an input folder (\(input))")
        }
        try ReviewFiles.makeFolders(dir)
        return dir
    }

    /// Compares one pair; never throws (problems make a failed item).
    func compare(_ pair: FolderPairing.Pair, options: CompareOptions, review: String?) -> FolderDiffItem {
        var item = FolderDiffItem(
            path: pair.path, status: pair.oneSidedStatus ?? .passed, options: options, inExpected: pair.inExpected,
            inActual: pair.inActual)
        let expectedFile = PathName.join(expectedDirectory, pair.path)
        let actualFile = PathName.join(actualDirectory, pair.path)
        if pair.oneSidedStatus != nil {
            if let review {
                let side = pair.inExpected ? ("expected", expectedFile) : ("actual", actualFile)
                if let problem = ReviewFiles.place(side.1, bytes: nil, in: review, as: side.0 + "/" + pair.path) {
                    item.status = .failed
                    item.error = problem
                }
            }
            return item
        }
        do throws(AnomarkError) {
            let expectedBytes = try FileIO.read(expectedFile)
            let actualBytes = try FileIO.read(actualFile)
            let expected = try Self.decode(expectedBytes, name: expectedFile)
            let actual = try Self.decode(actualBytes, name: actualFile)
            let result = ImageComparison.compare(expected: expected, actual: actual, options: options)
            item.result = result
            item.status = FolderItemStatus(result)
            guard let review else { return item }
            for (side, file, bytes) in [("expected", expectedFile, expectedBytes), ("actual", actualFile, actualBytes)]
            {
                if let problem = ReviewFiles.place(file, bytes: bytes, in: review, as: side + "/" + pair.path) {
                    throw AnomarkError(.cannotCreate, file: nil, problem)
                }
            }
            if item.status == .changed,
                DiffImage.size(expected: result.expectedSize, actual: result.actualSize, composite: false) != nil
            {
                let diff = DiffImage.render(expected: expected, actual: actual, result: result)
                let name = "diff/" + pair.path + ".png"
                let bytes = try AnnotateJob.encode(diff, format: .png(.fast), name: name)
                if let problem = ReviewFiles.write(bytes, in: review, as: name) {
                    throw AnomarkError(.cannotCreate, file: nil, problem)
                }
                item.diffImage = name
            }
        } catch {
            item.status = .failed
            item.error = error.message
        }
        return item
    }

    /// Decodes image bytes as stored (no EXIF turn: goldens compare pixels as written).
    static func decode(_ bytes: [UInt8], name: String) throws(AnomarkError) -> Pixmap {
        do {
            return try ImageDecoder.decode(bytes).pixmap
        } catch {
            throw AnomarkError(.badData, file: name, error.description)
        }
    }

    /// Items by index, filled by the worker threads.
    private final class ResultSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [FolderDiffItem?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ item: FolderDiffItem) {
            lock.lock()
            slots[i] = item
            lock.unlock()
        }

        var items: [FolderDiffItem] { slots.compactMap { $0 } }
    }
}
