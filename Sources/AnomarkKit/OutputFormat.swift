import Codecs

/// The encoded form of the annotated image.
public enum OutputFormat: Sendable, Equatable {
    case png(PNG.EncodeOptions)
    case jpeg(quality: Int)

    /// A format named on the command line (`--output-format`).
    public enum Name: String, Sendable, CaseIterable {
        case png
        case jpg
    }

    /// The format to write `path` in.
    ///
    /// By extension (any case): `.png` is PNG, `.jpg`/`.jpeg` JPEG, any other extension a usage error — writing
    /// a PNG into `out.gif` would be a silent lie. A name without an extension (`-`, `/dev/stdout`, a FIFO) is
    /// PNG unless `named` says otherwise. `named` wins over an unknown extension (the user said what they want)
    /// but not over a contradicting known one (`-o a.png --output-format jpg` is a usage error).
    static func forPath(
        _ path: String, named: Name? = nil, png: PNG.EncodeOptions = .init(), jpegQuality: Int = 90
    ) throws(AnomarkError) -> OutputFormat {
        let byExtension: Name?
        switch PathName.pathExtension(path)?.lowercased() {
        case nil: byExtension = nil
        case "png": byExtension = .png
        case "jpg", "jpeg": byExtension = .jpg
        case let other?:
            guard named == nil else {
                byExtension = nil
                break
            }
            throw AnomarkError(
                .usage, file: nil,
                "-o \(path): anomark writes PNG (.png) or JPEG (.jpg, .jpeg), not .\(other); "
                    + "use --output-format png|jpg for a name without one of these")
        }
        if let named, let byExtension, named != byExtension {
            throw AnomarkError(
                .usage, file: nil, "-o \(path) names a .\(byExtension.rawValue) file but --output-format is \(named)")
        }
        switch named ?? byExtension ?? .png {
        case .png: return .png(png)
        case .jpg: return .jpeg(quality: jpegQuality)
        }
    }
}
