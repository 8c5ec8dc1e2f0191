import GoldenImage
import Raster

/// What one golden check found; `failureMessage` is nil only for a match.
public enum GoldenOutcome: Sendable {
    /// Within tolerance.
    case matched(CompareResult)
    /// Recording was on and the golden was written (`path` relative to the repository).
    case recorded(path: String)
    /// No golden file; the actual image was written to `actualPath` (nil if that failed).
    case missing(path: String, actualPath: String?)
    /// Outside tolerance (or a size mismatch); the failure images written, in the order actual, diff,
    /// composite (those that could be written).
    case mismatch(path: String, CompareResult, written: [String])
    /// The check could not run.
    case failed(GoldenError)

    /// The message a test failure shows, or nil when the image matched.
    public var failureMessage: String? {
        switch self {
        case .matched:
            return nil
        case .recorded(let path):
            return "recorded \(path), check it in (look at it first; re-run without ANOMARK_RECORD_GOLDENS to verify)"
        case .missing(let path, let actual):
            let written = actual.map { "; actual image written to \($0)" } ?? ""
            return "no golden image \(path)\(written); record it with ANOMARK_RECORD_GOLDENS=1 (see golden/README.md)"
        case .mismatch(let path, let result, let written):
            var lines = ["\(path) does not match: \(result.summary)"]
            lines += written.map { "  wrote \($0)" }
            lines.append("  if the change is intended, re-record with ANOMARK_RECORD_GOLDENS=1 (see golden/README.md)")
            return lines.joined(separator: "\n")
        case .failed(let error):
            return error.description
        }
    }
}

/// The golden workflow without Swift Testing: compare, record, or write failure images.
public enum GoldenCheck {
    /// Suffixes of the failure images, in the order they are written.
    static let failureKinds = ["actual", "diff", "composite"]

    /// Checks `image` against golden `name` (`suite/case`) in `files`, or records it when `record`.
    public static func run(
        _ image: Pixmap, _ name: String, tolerance: GoldenTolerance, files: GoldenFiles, record: Bool
    ) -> GoldenOutcome {
        let golden: GoldenName
        do {
            golden = try GoldenName(name)
        } catch {
            return .failed(error)
        }
        let goldenURL = files.goldenURL(golden)
        let goldenPath = files.display(goldenURL)
        do {
            if record {
                try files.write(image, to: goldenURL)
                files.removeFailures(golden)
                return .recorded(path: goldenPath)
            }
            guard let expected = try files.readGolden(goldenURL) else {
                files.removeFailures(golden)
                let actualURL = files.failureURL(golden, "actual")
                let written = (try? files.write(image, to: actualURL)) != nil
                return .missing(path: goldenPath, actualPath: written ? files.display(actualURL) : nil)
            }
            // The folder's anomark-diff.json overrides apply here exactly as in `anomark diff EXPECTED ACTUAL`.
            let options = try files.config().options(for: golden.path + ".png", base: tolerance.options)
            let result = ImageComparison.compare(expected: expected, actual: image, options: options)
            if result.passed {
                files.removeFailures(golden)
                return .matched(result)
            }
            let diff = DiffImage.render(expected: expected, actual: image, result: result)
            let composite = DiffImage.composite(expected: expected, actual: image, diff: diff)
            var written: [String] = []
            for (kind, picture) in zip(failureKinds, [image, diff, composite]) {
                let url = files.failureURL(golden, kind)
                try files.write(picture, to: url)
                written.append(files.display(url))
            }
            return .mismatch(path: goldenPath, result, written: written)
        } catch {
            return .failed(error)
        }
    }
}
