import Testing

@testable import TextRender

@Suite("Middle ellipsis")
struct EllipsisTests {
    let renderer: TextRenderer

    init() throws { renderer = try TestSupport.bundledRenderer() }

    static let fileName = "anomaly_cookie_sample_0042_final_version.jpg"

    /// The (head, tail) character counts if `result` is `text`'s first `head` and last `tail` characters around
    /// an ellipsis.
    static func split(_ result: String, of text: String) -> (head: Int, tail: Int)? {
        let chars = Array(text)
        for head in 0..<chars.count {
            for tail in 0..<(chars.count - head) {
                var candidate = String(chars[..<head])
                candidate.append("…")
                candidate += String(chars[(chars.count - tail)...])
                if candidate == result { return (head, tail) }
            }
        }
        return nil
    }

    @Test(arguments: [10, 14, 22])
    func textThatFitsIsUnchanged(size: Int) {
        let width = renderer.measure(Self.fileName, size: size).width
        #expect(renderer.ellipsizeMiddle(Self.fileName, size: size, maxWidth: width) == Self.fileName)
        #expect(renderer.ellipsizeMiddle(Self.fileName, size: size, maxWidth: width + 50) == Self.fileName)
        #expect(renderer.ellipsizeMiddle(Self.fileName, size: size, maxWidth: width - 1) != Self.fileName)
    }

    @Test(arguments: [30, 60, 100, 150, 220])
    func longTextKeepsStartAndEndWithinTheWidth(maxWidth: Int) throws {
        let result = renderer.ellipsizeMiddle(Self.fileName, size: 14, maxWidth: maxWidth)
        #expect(renderer.measure(Self.fileName, size: 14).width > maxWidth)
        #expect(result.contains("…"))
        #expect(renderer.measure(result, size: 14).width <= maxWidth)
        let (head, tail) = try #require(Self.split(result, of: Self.fileName))
        #expect(head >= 1)
        #expect(head - tail == 0 || head - tail == 1)
        // As long as fits: keeping one more character would be too wide.
        let chars = Array(Self.fileName)
        let longer =
            String(chars[..<(head + (head == tail ? 1 : 0))]) + "…"
            + String(chars[(chars.count - tail - (head == tail ? 0 : 1))...])
        #expect(renderer.measure(longer, size: 14).width > maxWidth)
        if maxWidth >= 100 {
            #expect(result.hasPrefix("anom"))
            #expect(result.hasSuffix(".jpg"))
        }
    }

    @Test(arguments: Array(stride(from: 0, through: 160, by: 8)))
    func graphemeClustersAreNeverSplit(maxWidth: Int) {
        let text = "👩‍👩‍👧 e\u{301}🇫🇷 x\u{308}\u{323} 🏳️‍🌈 नमस्ते 👍🏽.png"
        let result = renderer.ellipsizeMiddle(text, size: 12, maxWidth: maxWidth)
        #expect(renderer.measure(result, size: 12).width <= maxWidth)
        let original = Set(text)
        for character in result where character != "…" {
            #expect(original.contains(character), "\(character.unicodeScalars.map { $0.value })")
        }
        if !result.isEmpty {
            #expect(result == text || Self.split(result, of: text) != nil)
        }
    }

    @Test func tooNarrowForTheEllipsisGivesEmptyText() {
        let ellipsisWidth = renderer.measure("…", size: 14).width
        #expect(ellipsisWidth > 0)
        #expect(renderer.ellipsizeMiddle(Self.fileName, size: 14, maxWidth: ellipsisWidth - 1) == "")
        #expect(renderer.ellipsizeMiddle(Self.fileName, size: 14, maxWidth: ellipsisWidth) == "…")
    }
}
