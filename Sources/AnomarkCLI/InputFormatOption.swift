import AnomarkKit
import ArgumentParser
import Detections

/// `--input-format`, shared by `annotate` and `report`: which result format to read (see `ResultFormats`).
struct InputFormatOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How results are read: \(ResultFormats.names.joined(separator: ", ")).",
            discussion: "auto (the default) recognises each file's format; lookout is a Lookout for Vision "
                + "DetectAnomalies result (wrapped, bare or .out); dda is a Defect Detection Application capture "
                + "file (JSON Lines, one record per capture); anomaly-map is an anomaly score map (grey PNG, .npy) "
                + "or its anomalib JSON sidecar."))
    var inputFormat: String = Self.defaultName

    func validate() throws {
        guard ResultFormats(named: inputFormat) != nil else {
            throw ValidationError(
                "--input-format takes \(ResultFormats.names.joined(separator: ", ")), got '\(inputFormat)'")
        }
    }

    /// `--input-format`'s default (also `annotate`'s fast path's, `AnnotateRequest.inputFormat`).
    static let defaultName = "auto"

    /// The chosen formats (valid after `validate`).
    var formats: ResultFormats { Self.formats(named: inputFormat) }

    /// The formats `name` names (valid when `validate` accepts `name`).
    static func formats(named name: String) -> ResultFormats { ResultFormats(named: name) ?? .auto }
}
