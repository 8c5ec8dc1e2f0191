/// `--annotated-format`: how the full-size annotated images of a report are written. PNG is lossless (the
/// default); JPEG makes a report small enough to mail; none writes no full-size image at all, the thumbnails
/// (always JPEG) then being the pictures of the page and the contact sheet.
public enum ReportAnnotatedFormat: String, Sendable, CaseIterable {
    /// `annotated/<name>.png`, compressed as `--png-level` says.
    case png
    /// `annotated/<name>.jpg` at `--jpeg-quality`.
    case jpg
    /// No full-size image.
    case none

    /// The file extension of the annotated images, nil for `none`.
    public var fileExtension: String? {
        switch self {
        case .png: return "png"
        case .jpg: return "jpg"
        case .none: return nil
        }
    }
}
