import Raster

/// What one detector said about one image — or what a ground-truth dataset says about it — whatever format it
/// was read from. The compositor and the panel paint this; nothing downstream of it parses.
///
/// - `verdict` is nil for ground truth (and for a detector that only draws maps).
/// - `classes` are the anomaly classes, background excluded, in the order the source lists them; a mask
///   pixel's label is the index of its class (see `LabelMap` in `Overlay`).
/// - `mask` says where the anomalies are; nil for a classification-only result or a normal image.
public struct Detection: Sendable, Equatable {
    /// Where the detection was read from.
    public var source: Source
    /// The detector's verdict; nil for ground truth.
    public var verdict: Verdict?
    /// The anomaly classes, background excluded, in source order.
    public var classes: [AnomalyClass]
    /// The mask colour that means "no anomaly" (`#FFFFFF` for Lookout for Vision).
    public var backgroundColor: Color
    /// Where the anomalies are, or nil.
    public var mask: Mask?

    /// A detection with the given parts.
    public init(
        source: Source, verdict: Verdict?, classes: [AnomalyClass], backgroundColor: Color = .white,
        mask: Mask? = nil
    ) {
        self.source = source
        self.verdict = verdict
        self.classes = classes
        self.backgroundColor = backgroundColor
        self.mask = mask
    }

    /// The format that produced a detection and what the source says about itself.
    public struct Source: Sendable, Equatable {
        /// The registry name of the format that read it (`lookout`, …; see `ResultFormats`), or a ground-truth
        /// source (`manifest`).
        public var format: String
        /// The source's own tag, e.g. Lookout for Vision's `Source.Type` ("direct"); nil when it has none.
        public var type: String?

        /// A source read by `format`.
        public init(format: String, type: String? = nil) {
            self.format = format
            self.type = type
        }
    }

    /// A detector's answer for the whole image.
    public struct Verdict: Sendable, Equatable {
        /// True when the image is anomalous.
        public var isAnomalous: Bool
        /// The detector's confidence in `isAnomalous`, 0…1; nil when the format has none.
        public var confidence: Double?
        /// The raw anomaly score, in the detector's units; nil when the format has none.
        public var score: Double?
        /// The score above which the detector calls an image anomalous; nil when unknown.
        public var threshold: Double?

        /// A verdict with the given parts.
        public init(isAnomalous: Bool, confidence: Double?, score: Double? = nil, threshold: Double? = nil) {
            self.isAnomalous = isAnomalous
            self.confidence = confidence
            self.score = score
            self.threshold = threshold
        }
    }

    /// One anomaly class: its name, its mask colour and the area the source reports for it.
    public struct AnomalyClass: Sendable, Equatable {
        /// The label, e.g. "cracked".
        public var name: String
        /// The mask colour (opaque).
        public var color: Color
        /// The colour as the source wrote it (`#23a436` stays lower case), for reports.
        public var colorHex: String
        /// The fraction of the image (0…1) the source says the class covers; nil when it does not say (ground
        /// truth: the area is measured from the mask).
        public var reportedArea: Double?

        /// A class whose colour text is kept as given; `color` must be what `colorHex` means.
        public init(name: String, color: Color, colorHex: String, reportedArea: Double?) {
            self.name = name
            self.color = color
            self.colorHex = colorHex
            self.reportedArea = reportedArea
        }

        /// A class with the colour written as `#RRGGBB` (upper case).
        public init(name: String, color: Color, reportedArea: Double?) {
            let opaque = color.withAlpha(255)
            self.init(name: name, color: opaque, colorHex: opaque.hexString, reportedArea: reportedArea)
        }
    }

    /// Where the anomalies are.
    public enum Mask: Sendable, Equatable {
        /// An encoded image (PNG) whose colours are the classes' colours: Lookout for Vision's decoded
        /// `AnomalyMask`, or a mask file. Decoding is the codecs' job.
        case encoded([UInt8])
        /// A decoded colour/label image, in the photo's stored orientation.
        case decoded(Pixmap)
        /// Per-pixel anomaly scores with the threshold above which a pixel is anomalous.
        case scores(ScoreMap)
    }
}
