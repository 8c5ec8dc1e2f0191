import Detections
import Testing

@Suite("JSON Lines")
struct JSONLinesTests {
    @Test func blankLinesAreSkippedAndNumbersAreTheEditorsOnes() {
        let text = "{\"a\": 1}\r\n\n  \t\r\n{\"b\": 2}\n\n"
        let lines = JSONLines.lines(Array(text.utf8))
        #expect(lines.map(\.number) == [1, 4])
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["{\"a\": 1}\r", "{\"b\": 2}"])
        #expect(JSONLines.lines([]).isEmpty)
    }
}
