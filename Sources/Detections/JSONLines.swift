/// JSON Lines (one JSON document per line), split the one way every reader here splits it: on `\n`, a line of
/// spaces, tabs and `\r` only is blank and skipped, and lines are numbered from 1 as an editor shows them, so
/// an error's "line N" points at the right place. Parsing each line is the caller's job (`JSONValue.parse`).
public enum JSONLines {
    /// The non-blank lines of `bytes` with their 1-based line numbers.
    public static func lines(_ bytes: [UInt8]) -> [(number: Int, bytes: ArraySlice<UInt8>)] {
        var out: [(number: Int, bytes: ArraySlice<UInt8>)] = []
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            out.append((number, line))
        }
        return out
    }
}
