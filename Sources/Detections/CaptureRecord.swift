/// A result that names its own image: one line of a capture log such as the Defect Detection Application's
/// (`dda`), read by a format whose `readsRecords` is true.
///
/// References are kept as the capture wrote them (`file:///aws_dda/…`, an absolute path, or a relative one):
/// mapping them to where the files are now (`--path-map`) and reading them is the caller's job, since this
/// module does no I/O. The `detection` has no mask; the caller reads the file `mask` names.
public struct CaptureRecord: Sendable, Equatable {
    /// The analysed image, as referenced.
    public var image: String
    /// The prediction's mask file (a PNG), as referenced; nil when the capture has none.
    public var mask: String?
    /// Other files the record names that are not photos (the DDA's `overlay.jpg`): a folder walk skips them.
    public var companions: [String]
    /// The verdict and classes (its `mask` is nil: see `mask`).
    public var detection: Detection
    /// Why inference failed, when the capture says it did (the DDA's `Error msg`); nil for a successful one.
    public var failure: String?
    /// The capture's own id (`eventMetadata.eventId`), when it has one.
    public var id: String?

    /// A record with the given parts.
    public init(
        image: String, mask: String? = nil, companions: [String] = [], detection: Detection, failure: String? = nil,
        id: String? = nil
    ) {
        self.image = image
        self.mask = mask
        self.companions = companions
        self.detection = detection
        self.failure = failure
        self.id = id
    }
}
