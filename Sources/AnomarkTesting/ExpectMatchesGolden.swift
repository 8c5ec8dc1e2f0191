// AnomarkTesting — golden-image expectations for Swift Testing: Anomark's own tests use it, and so can yours
// (the `AnomarkTesting` product).
//
// Contract
// - `expectMatchesGolden(image, "suite/case", tolerance: …)` compares `image` with the PNG
//   `<package>/golden/suite/case.png` using GoldenImage on decoded pixels. `<package>` is the nearest folder
//   above the CALLING test file that holds a `Package.swift` (found from the caller's `#filePath`, never from
//   the current directory), so a package depending on Anomark keeps its goldens in its own `golden/`.
// - It fails the calling test through `Issue.record` (at the caller's source location) when:
//   - the golden is missing (the actual image is written to the failure directory so it can be looked at);
//   - the images differ beyond `tolerance`: actual, diff and `expected | actual | diff` composite are
//     written to `<package>/.build/golden-failures/suite/case.{actual,diff,composite}.png` and named in
//     the message, together with the comparison summary;
//   - recording is on (env `ANOMARK_RECORD_GOLDENS=1`): the golden is (re)written and the test fails
//     with "recorded golden/suite/case.png, check it in", so a recording run can never pass silently;
//   - the name is invalid or a file cannot be read, decoded or written (`GoldenError`).
// - On a match, failure images left by an earlier run of the same case are deleted.
// - `golden/anomark-diff.json`, when present, overrides the tolerance per golden exactly as it does for
//   `anomark diff golden/ actual/` (`DiffConfig`: globs relative to `golden/`, the last matching entry wins).
// - Tolerances are stated at each call site (`GoldenTolerance.exact`, `.perceptual(…)`, …); see
//   golden/README.md for the workflow.

import Codecs
import Foundation
import GoldenImage
import Raster
import Testing

/// Expects `image` to match the golden image `golden/<name>.png` (`name` is `"suite/case"`) within
/// `tolerance`; records an issue on the calling test otherwise. See the module contract above.
///
/// - Parameters:
///   - image: what the test drew.
///   - name: `"suite/case"`: the golden is `golden/suite/case.png`.
///   - tolerance: how far the pixels may differ (`.exact` by default); `golden/anomark-diff.json` may override.
///   - files: where goldens live and failures go; nil (the default) means the calling test's package,
///     `GoldenFiles.package(containing: filePath)`.
///   - record: rewrite the golden instead of comparing; defaults to env `ANOMARK_RECORD_GOLDENS=1`.
///   - filePath: the calling test file (leave the default): it locates the package's `golden/`.
///   - sourceLocation: where a failure is reported (leave the default: the call).
public func expectMatchesGolden(
    _ image: Pixmap, _ name: String, tolerance: GoldenTolerance = .exact, files: GoldenFiles? = nil,
    record: Bool = GoldenFiles.recordingRequested, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let files = files ?? .package(containing: filePath)
    let outcome = GoldenCheck.run(image, name, tolerance: tolerance, files: files, record: record)
    if let message = outcome.failureMessage {
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
