import PageAssets

/// The review page of a folder diff (`REVIEW_DIR/index.html`).
enum DiffReviewPage {
    /// The whole page.
    static func render(_ outcome: FolderDiffOutcome) -> String {
        var out = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>anomark diff</title>\n<body data-ready>\n<ul>\n"
        for item in outcome.items {
            out += "<li>\(item.status.rawValue) \(HTMLText.escape(item.path))</li>\n"
        }
        return out + "</ul>\n"
    }
}
