import AnomarkKit
import Foundation
import Testing

/// `AnomarkError` reads the same to a library caller (`localizedDescription`) as to a CLI user, minus `error: `.
@Suite("AnomarkError")
struct AnomarkErrorTests {
    @Test func localizedDescriptionIsTheCLILineWithoutItsPrefix() {
        let error: any Error = AnomarkError(.badData, file: "r.json", "Confidence: expected a number, got \"x\"")
        #expect(error.localizedDescription == "r.json: Confidence: expected a number, got \"x\"")
        #expect("\(error)" == "error: r.json: Confidence: expected a number, got \"x\"")
    }

    @Test func usageErrorsHaveNoFileAndMultiLineProblemsAreFolded() {
        let usage = AnomarkError(.usage, file: nil, "--jobs must be at least 1")
        #expect(usage.localizedDescription == "--jobs must be at least 1")
        #expect(usage.exitCode == 64)
        let folded = AnomarkError(.io, file: "out.png", "write failed\nNo space left on device")
        #expect(folded.localizedDescription == "out.png: write failed No space left on device")
    }
}
