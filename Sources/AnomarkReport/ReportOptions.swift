import AnomarkKit
import Codecs
import Detections
import Foundation

/// Everything `anomark report` can be told, with the CLI's defaults.
public struct ReportOptions: Sendable {
    /// The report folder (created if missing).
    public var outputDirectory: String
    /// `--results DIR`: results mirrored under another folder.
    public var resultsDirectory: String?
    /// `--s3-map` rules for manifests.
    public var pathMap: PathMap
    /// `--base DIR`: the folder relative references of manifests and JSON Lines lists resolve against (after
    /// `--path-map`); nil: the folder of the file naming them.
    public var baseDirectory: String?
    /// Items processed at once (`--jobs`), ≥ 1; default: the number of active cores.
    public var jobs: Int
    /// `--shard K/N`: process only this slice of the items.
    public var shard: ReportShard?
    /// `--force`: redo items whose outputs are up to date.
    public var force: Bool
    /// Progress on stderr.
    public var progress: BatchProgress.Mode
    /// How each image is annotated (shared with `anomark annotate`).
    public var annotate: AnnotateOptions
    /// Encoder settings of the annotated PNGs (default: fast, for batches).
    public var png: PNG.EncodeOptions
    /// Width of the HTML thumbnails in pixels (16…1024).
    public var thumbnailWidth: Int
    /// JPEG quality of the thumbnails.
    public var thumbnailQuality: Int
    /// The page title of `index.html`.
    public var title: String
    /// `--input-format`: how result files are read and which files beside an image are results.
    public var inputFormat: ResultFormats
    /// `--compare`: ground truth and prediction side by side, or their agreement in one picture.
    public var compare: ReportCompare = .sideBySide
    /// `--annotated-format`: the full-size annotated images as PNG (default), JPEG or not at all.
    public var annotatedFormat: ReportAnnotatedFormat = .png
    /// `--jpeg-quality`: the quality of JPEG annotated images, 1…100.
    public var jpegQuality: Int = 90

    /// Options with the CLI's defaults for everything not given.
    public init(
        outputDirectory: String, resultsDirectory: String? = nil, pathMap: PathMap = .init(),
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: ReportShard? = nil, force: Bool = false,
        progress: BatchProgress.Mode = .automatic, annotate: AnnotateOptions = .init(), png: PNG.EncodeOptions = .fast,
        thumbnailWidth: Int = 256, thumbnailQuality: Int = 85, title: String = "Anomark report",
        inputFormat: ResultFormats = .auto
    ) {
        self.outputDirectory = outputDirectory
        self.resultsDirectory = resultsDirectory
        self.pathMap = pathMap
        self.jobs = max(1, jobs)
        self.shard = shard
        self.force = force
        self.progress = progress
        self.annotate = annotate
        self.png = png
        self.thumbnailWidth = thumbnailWidth
        self.thumbnailQuality = thumbnailQuality
        self.title = title
        self.inputFormat = inputFormat
    }

    /// A fingerprint of every setting that changes the output pixels: an item rendered with other settings is
    /// not up to date, whatever the file times say.
    var renderFingerprint: String {
        var settings = "\(annotate)|\(png)|\(thumbnailWidth)|\(thumbnailQuality)|\(ReportRunner.formatVersion)"
        // Only a non-default comparison joins the fingerprint: reports rendered before it existed stay up to date.
        if compare != .sideBySide { settings += "|compare=\(compare.rawValue)" }
        switch annotatedFormat {
        case .png: break
        case .jpg: settings += "|annotated=jpg\(jpegQuality)"
        case .none: settings += "|annotated=none"
        }
        return ReportNaming.shortHash(settings) + String(ReportNaming.fnv1a64(settings) >> 32, radix: 16)
    }
}
