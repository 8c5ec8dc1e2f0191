import AnomarkKit
import AnomarkReport
import AnomarkTesting
import Codecs
import Detections
import Foundation
import GoldenImage
import Overlay
import Testing
import TextRender

/// Every public error of every module reads as its own one line through `localizedDescription`, the way
/// adopters print errors, not as Foundation's "The operation could not be completed".
@Suite("errors as LocalizedError")
struct LocalizedErrorTests {
    static let errors: [any Error & CustomStringConvertible] = [
        DecodeError.empty,
        EncodeError.invalidOption("level 12"),
        TextRenderError.noFonts,
        ResultError.missing(path: "$.DetectAnomalyResult.Confidence", expected: "a number"),
        AnomalyMaskError.invalidBase64(index: 7),
        CompositeError.tooManyTypes(count: 300, max: 254),
        CompareOptionsError.thresholdOutOfRange(2),
        DiffConfigError(file: "anomark-diff.json", path: "$.threshold", problem: "expected a number"),
        GoldenError.invalidName("../x", reason: "leaves the golden folder"),
        PathMapError.malformed("nothing"),
        ReportShardError.badCount(0),
    ]

    @Test(arguments: errors.indices)
    func localizedDescriptionIsTheOneLineMessage(_ i: Int) {
        let error = Self.errors[i]
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
        #expect(error.localizedDescription == error.description)
    }
}
