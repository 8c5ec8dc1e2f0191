// The JSON Lines / manifest reader of `anomark report`: the input is split into lines as the report splits a
// file, and each non-blank line is read as a list entry, a manifest line (colour map included), a DDA capture
// record (base64 JSON inside) or refused with a one-line reason.
@_spi(Fuzzing) import AnomarkReport
import FuzzSupport

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReportLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        let outcome = ReportRunner.readLine(Array(line))
        require(!outcome.isEmpty && !outcome.contains("\n"), "a line's outcome must be one line: \(outcome)")
    }
    return 0
}
