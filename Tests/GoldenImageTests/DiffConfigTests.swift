import Foundation
import GoldenImage
import Raster
import Testing

/// Globs, folder pairing and the strict `anomark-diff.json` parser.
@Suite("DiffConfig")
struct DiffConfigTests {
    static func parse(_ json: String) throws(DiffConfigError) -> DiffConfig {
        try DiffConfig.parse(Array(json.utf8), file: "cfg.json") {
            try JSONDecoder().decode(DiffConfig.self, from: Data($0))
        }
    }

    static func refusal(_ json: String) -> String? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("many ** segments are decided once per segment and component, not by backtracking")
    func manyAnyDepthSegments() throws {
        // 24 `**` before a last component no path has: the recursive matcher tried every split of the 30
        // components among them (found by fuzz-diff-config as a timeout; that input is in Fuzz/Regressions).
        let glob = try #require(PathGlob(String(repeating: "**/", count: 24) + "x*q"))
        let path = (0..<30).map { "d\($0)" }.joined(separator: "/") + "/x.png"
        #expect(!glob.matches(path))
        #expect(glob.matches((0..<30).map { "d\($0)" }.joined(separator: "/") + "/xyq"))
        #expect(try #require(PathGlob("**/a/**/b/**")).matches("a/b") && !PathGlob("**/a/**/b/**")!.matches("b/a"))
    }

    @Test("* stays within a component, ** spans any number, \\ escapes")
    func globs() throws {
        let star = try #require(PathGlob("*.png"))
        #expect(star.matches("a.png"))
        #expect(!star.matches("dir/a.png"))
        let deep = try #require(PathGlob("report/**/*.png"))
        #expect(deep.matches("report/a.png"))
        #expect(deep.matches("report/x/y/a.png"))
        #expect(!deep.matches("other/a.png"))
        #expect(!deep.matches("report/a.jpg"))
        let all = try #require(PathGlob("**"))
        #expect(all.matches("a/b/c.png"))
        let one = try #require(PathGlob("img-?.png"))
        #expect(one.matches("img-1.png") && !one.matches("img-12.png"))
        let exact = try #require(PathGlob(PathGlob.escaping("odd*name?.png")))
        #expect(exact.matches("odd*name?.png"))
        #expect(!exact.matches("oddXnameY.png"))
        let backtrack = try #require(PathGlob("a*b*c"))
        #expect(backtrack.matches("aXbYbZc") && !backtrack.matches("aXbYbZ"))
        // A component starting with a combining mark: "/" and the mark are one Character, still two components.
        let mark = "a/\u{59A}b.png"
        #expect(try #require(PathGlob(PathGlob.escaping(mark))).matches(mark))
        #expect(try #require(PathGlob("a/*")).matches(mark))
        for bad in ["", "/abs.png", "a/../b", "./a", "a//b", "trailing\\"] { #expect(PathGlob(bad) == nil) }
    }

    @Test("pairing is by exact relative path, in byte order, with one-sided statuses")
    func pairing() {
        let pairs = FolderPairing.pair(
            expected: ["b.png", "a.png", "gone.png"], actual: ["a.png", "b.png", "new.png"])
        #expect(pairs.map(\.path) == ["a.png", "b.png", "gone.png", "new.png"])
        #expect(pairs.map(\.oneSidedStatus) == [nil, nil, .deleted, .new])
        #expect(FolderPairing.isImageName("x/Y.JPEG") && FolderPairing.isImageName("a.png"))
        #expect(!FolderPairing.isImageName("a.gif") && !FolderPairing.isImageName(".png"))
    }

    @Test("the last matching override wins and keeps unset keys of the base")
    func lastMatchWins() throws {
        let config = try Self.parse(
            """
            {"version": 1, "overrides": [
              {"path": "**", "threshold": 0.1, "antialiasing": true},
              {"path": "noisy/*.png", "maxDiffPixels": 40, "ignore": ["0,0,10,5"]},
              {"path": "noisy/exact.png", "threshold": null}
            ]}
            """)
        let base = CompareOptions(maxChannelDelta: 2)
        let top = config.options(for: "a.png", base: base)
        #expect(top == CompareOptions(threshold: 0.1, detectAntialiasing: true, maxChannelDelta: 2))
        let noisy = config.options(for: "noisy/b.png", base: base)
        #expect(
            noisy
                == CompareOptions(
                    maxChannelDelta: 2, maxDiffPixels: 40, ignoreRegions: [Rect(x: 0, y: 0, width: 10, height: 5)]))
        #expect(config.options(for: "noisy/exact.png", base: base) == base)
        #expect(DiffConfig().options(for: "a.png", base: base) == base)
    }

    @Test("refusals name the file and the JSON path")
    func refusals() {
        #expect(Self.refusal("{") == "cfg.json: $: not valid JSON")
        #expect(
            Self.refusal("{\"version\": 1, \"overrides\": [], \"a\\nb\": 1}")?.hasPrefix(
                "cfg.json: $.a\\u{a}b: unknown key") == true)
        #expect(Self.refusal(#"{"overrides": []}"#) == "cfg.json: $.version: is required")
        #expect(
            Self.refusal(#"{"version": 2, "overrides": []}"#)
                == "cfg.json: $.version: version 2 is not supported (only 1)")
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [], "x": 1}"#)?.hasPrefix("cfg.json: $.x: unknown key") == true)
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [{"path": "a", "treshold": 1}]}"#)?
                .hasPrefix("cfg.json: $.overrides[0].treshold: unknown key") == true)
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [{"path": "a"}, {"path": "b", "threshold": "x"}]}"#)
                == "cfg.json: $.overrides[1].threshold: expected a number")
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [{"path": "a", "threshold": 2}]}"#)
                == "cfg.json: $.overrides[0].threshold: threshold 2.0 is not between 0 and 1")
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [{"path": "a", "ignore": ["1,2,3"]}]}"#)
                == "cfg.json: $.overrides[0].ignore[0]: ignore region \"1,2,3\" is not x,y,w,h")
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [{"path": "../a"}]}"#)?
                .hasPrefix("cfg.json: $.overrides[0].path: \"../a\" is not a relative glob") == true)
        #expect(
            Self.refusal(#"{"version": 1, "overrides": [{"threshold": 0.1}]}"#)
                == "cfg.json: $.overrides[0].path: is required")
        #expect(Self.refusal(#"{"version": 1, "overrides": [{"path": "a", "maxDiffPixels": 1.5}]}"#) != nil)
    }
}
