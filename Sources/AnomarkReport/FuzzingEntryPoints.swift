import AnomarkKit
import Foundation

// Entry points for the libFuzzer harnesses in `Fuzz/` (see `Fuzz/README.md`): SPI, not API. Import with
// `@_spi(Fuzzing) import AnomarkReport`.

@_spi(Fuzzing) extension ReportRunner {
    /// Reads one JSON Lines line as `anomark report` does (a list entry, a manifest line, colour map
    /// included, or a capture record) and returns what it is — "list", "manifest", "record" — or the reason the report would give for refusing it.
    public static func readLine(_ line: [UInt8]) -> String {
        do throws(ReportLineError) {
            switch try ReportLine.parse(line) {
            case .list: return "list"
            case .record: return "record"
            case .manifest(let entry):
                if let map = entry.anomalyMaskRefMetadata?.internalColorMap { _ = try ReportLine.classes(of: map) }
                return "manifest"
            }
        } catch {
            return error.description
        }
    }
}
