/// How one path of a folder comparison ended.
public enum FolderItemStatus: String, Sendable, Codable, CaseIterable {
    /// Both images exist and match within the path's tolerance.
    case passed
    /// Both exist and differ beyond the tolerance, or differ in size.
    case changed
    /// Only in the actual folder.
    case new
    /// Only in the expected folder.
    case deleted
    /// One of the images could not be read or decoded.
    case failed

    /// The status of a comparison of two decoded images.
    public init(_ result: CompareResult) {
        self = result.passed ? .passed : .changed
    }
}
