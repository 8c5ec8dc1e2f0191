import GoldenImage

/// One path of `anomark diff EXPECTED_DIR ACTUAL_DIR`: its status, the comparison (when both images decoded),
/// the options applied, and the error of a failed item.
package struct FolderDiffItem: Sendable {
    /// Relative to both folders, `/`-separated.
    package var path: String
    /// How it ended.
    package var status: FolderItemStatus
    /// The comparison, for passed and changed items.
    package var result: CompareResult?
    /// The options for this path: the command line's, changed by the config's last matching override.
    package var options: CompareOptions
    /// Why a failed item failed: `<side file>: <problem>`.
    package var error: String?
    /// Present in the expected folder.
    package var inExpected: Bool
    /// Present in the actual folder.
    package var inActual: Bool
    /// The diff image in the review folder (relative), when one was drawn.
    package var diffImage: String?
}
