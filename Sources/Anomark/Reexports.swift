import AnomarkKit
import AnomarkReport
import Codecs
import Detections
import GoldenImage
import Overlay
import Raster

// The types a caller of this module must name, so that `import Anomark` is enough for the common jobs. Each is
// the type of the module below, not a copy: values pass freely between code that imports either.

/// An RGBA8 image with straight alpha in one flat buffer (see `Raster.Pixmap`).
public typealias Pixmap = Raster.Pixmap
/// A straight-alpha RGBA8 colour, parsed from `#RRGGBB` (see `Raster.Color`).
public typealias Color = Raster.Color
/// An integer rectangle, e.g. an ignored region of a comparison (see `Raster.Rect`).
public typealias Rect = Raster.Rect

/// What a detector said about one image, whatever format it came in (see `Detections.Detection`).
public typealias Detection = Detections.Detection
/// The input formats results are read in, `.auto` sniffing them (see `Detections.ResultFormats`).
public typealias ResultFormats = Detections.ResultFormats

/// How an image is annotated: panel, colours, opacity, outlines, limits (see `AnomarkKit.AnnotateOptions`).
public typealias AnnotateOptions = AnomarkKit.AnnotateOptions
/// Panel colours, corner and font size (see `Overlay.PanelStyle`).
public typealias PanelStyle = Overlay.PanelStyle
/// Mask blending: opacity, colour tolerance, outlines (see `Overlay.CompositeOptions`).
public typealias CompositeOptions = Overlay.CompositeOptions
/// Decoder limits such as the largest pixel count accepted (see `Codecs.DecodeLimits`).
public typealias DecodeLimits = Codecs.DecodeLimits
/// PNG encoding and decoding, for `PNG.EncodeOptions` (see `Codecs.PNG`).
public typealias PNG = Codecs.PNG

/// Tolerances of a golden-image comparison (see `GoldenImage.CompareOptions`).
public typealias CompareOptions = GoldenImage.CompareOptions
/// What a comparison found (see `GoldenImage.CompareResult`).
public typealias CompareResult = GoldenImage.CompareResult

/// How a batch report is run and rendered (see `AnomarkReport.ReportOptions`).
public typealias ReportOptions = AnomarkReport.ReportOptions
/// What a report run produced (see `AnomarkReport.ReportOutcome`).
public typealias ReportOutcome = AnomarkReport.ReportOutcome

/// A failure: the file, one line saying what is wrong, and the CLI's exit code (see `AnomarkKit.AnomarkError`).
public typealias AnomarkError = AnomarkKit.AnomarkError
