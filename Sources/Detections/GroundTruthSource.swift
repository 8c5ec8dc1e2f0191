/// A kind of ground-truth dataset, and where it keeps the truth of each image.
///
/// A source is known by its `name` (a contract: see `GroundTruthSources`). Sources that are folder layouts
/// recognise a dataset root by its top-level entries and say, for an image's path relative to that root,
/// where its mask is; sources that are files (a manifest) name their images themselves and say nothing about
/// paths. No I/O: the caller lists folders and reads files.
public protocol GroundTruthSource: Sendable {
    /// The name (`manifest`, `mvtec`): lower case, stable.
    var name: String { get }

    /// Whether a folder whose entries are `entries` (names of its files and folders, not paths) is a dataset
    /// root in this layout.
    func recognises(entries: [String]) -> Bool

    /// The images of a root in this layout: whether the image at `relativePath` (relative to the root, `/`
    /// separated) is one the dataset holds truth for.
    func isImage(_ relativePath: String) -> Bool

    /// The truth of the image at `relativePath`, the mask path relative to the same root; nil when the layout
    /// has none for it.
    func truth(forImage relativePath: String) -> GroundTruth?
}

extension GroundTruthSource {
    /// Sources that are files are no folder layout.
    public func recognises(entries: [String]) -> Bool { false }

    /// Sources that are files name their own images.
    public func isImage(_ relativePath: String) -> Bool { false }

    /// Sources that are files say nothing about paths.
    public func truth(forImage relativePath: String) -> GroundTruth? { nil }
}
