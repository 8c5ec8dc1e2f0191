import AnomarkKit
import Detections
import Overlay
import Raster

/// One image of a report, as found in the inputs, before anything is decoded.
struct ReportItem: Sendable, Equatable {
    /// Where the prediction comes from.
    enum ResultSource: Sendable, Equatable {
        /// No result was found (or none was asked for).
        case none
        /// A result file, read with the report's `--input-format`.
        case file(String)
        /// A result given inline in a JSON Lines file, already read.
        case inline(Detection)
    }

    /// Ground truth: a manifest line's or an MVTec AD-style tree's (`Detections.GroundTruth`).
    typealias GroundTruth = Detections.GroundTruth

    /// The relative image path (within its folder, as written in a JSON Lines file, or the part of an `s3://`
    /// reference after the bucket). It decides the shard, the output name and the report's sort order.
    var key: String
    /// The output stem (`annotated/<name>.png`), unique in the report; set by `ReportInputs.assignNames`.
    var name: String
    /// The image file to read; nil when the input line could not say.
    var imagePath: String?
    /// The prediction's source.
    var result: ResultSource
    /// A missing result is a failure ("no result") rather than a ground-truth-only item.
    var resultExpected: Bool
    /// Where the runner looked for a result, for the "no result" message.
    var resultCandidates: [String]
    /// The prediction's mask file, when the result names one instead of holding it (a capture record's
    /// `mask.png`); drawn in place of the result's own mask.
    var resultMaskPath: String?
    /// Ground truth, for manifest and MVTec AD-style items.
    var truth: GroundTruth?
    /// Files whose modification time decides whether existing outputs are up to date (image, result, mask, or
    /// the JSON Lines file holding an inline result).
    var inputFiles: [String]
    /// Files the item's input names that are not photos (a capture's overlay): a folder walk skips them.
    var companionFiles: [String] = []
    /// A problem found while reading the inputs (bad manifest line, unmapped `s3://` reference); such an item is
    /// listed as failed without being processed.
    var problem: String?

    /// An item; `name` is assigned later by `ReportInputs.assignNames`.
    init(
        key: String, imagePath: String?, result: ResultSource = .none, resultExpected: Bool = true,
        resultCandidates: [String] = [], resultMaskPath: String? = nil, truth: GroundTruth? = nil,
        inputFiles: [String] = [], problem: String? = nil
    ) {
        self.key = key
        self.name = ""
        self.imagePath = imagePath
        self.result = result
        self.resultExpected = resultExpected
        self.resultCandidates = resultCandidates
        self.resultMaskPath = resultMaskPath
        self.truth = truth
        self.inputFiles = inputFiles
        self.problem = problem
    }

    /// Every file the item's input names: image, result mask, companions.
    var namedFiles: [String] {
        (imagePath.map { [$0] } ?? []) + (resultMaskPath.map { [$0] } ?? []) + companionFiles
    }

    /// The result file path, `inline`, or nil: what the summary shows in its `result` column.
    var resultLabel: String? {
        switch result {
        case .none: return nil
        case .file(let path): return path
        case .inline: return "inline"
        }
    }
}
