import GoldenImage

/// One path of `anomark diff EXPECTED_DIR ACTUAL_DIR`: its status, the comparison (when both images decoded),
/// the options applied, and the error of a failed item.
public struct FolderDiffItem: Sendable {
    /// Relative to both folders, `/`-separated.
    public var path: String
    /// How it ended.
    public var status: FolderItemStatus
    /// The comparison, for passed and changed items.
    public var result: CompareResult?
    /// The options for this path: the command line's, changed by the config's last matching override.
    public var options: CompareOptions
    /// Why a failed item failed: `<side file>: <problem>`.
    public var error: String?
    /// Present in the expected folder.
    public var inExpected: Bool
    /// Present in the actual folder.
    public var inActual: Bool
    /// The diff image in the review folder (relative), when one was drawn.
    public var diffImage: String?
}
