// The folder diff's config parser (`anomark-diff.json`, `DiffConfig.parse` through Foundation's JSONDecoder as
// `anomark diff` and `expectMatchesGolden` call it) and the glob matcher (`PathGlob`).
//
// Checks beyond "no crash": a refusal is one line naming the file and a JSON path starting at `$`; an accepted
// config's options for any path pass `validated()`; the input as a glob never matches differently from itself
// escaped, and an escaped path matches exactly that path.
import Foundation
import FuzzSupport
import GoldenImage

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiffConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    do {
        let config = try DiffConfig.parse(bytes, file: "cfg.json") {
            try JSONDecoder().decode(DiffConfig.self, from: Data($0))
        }
        require(config.overrides.count <= DiffConfig.maxOverrides, "too many overrides accepted")
        for path in ["a.png", "x/y/z.jpg", "report/cookies/anomaly-1.png"]
            + config.overrides.prefix(8).map(\.glob.pattern)
        {
            let options = config.options(for: path, base: .exact)
            require((try? options.validated()) != nil, "an accepted override gives invalid options: \(options)")
        }
    } catch {
        let text = error.description
        require(text.hasPrefix("cfg.json: $") && !text.contains("\n"), "a refusal must be one line: \(text)")
    }
    // The bytes as a glob and as a path.
    let text = String(decoding: bytes.prefix(512), as: UTF8.self)
    if let glob = PathGlob(text) {
        _ = glob.matches(text)
        _ = glob.matches("a/b/c.png")
    }
    let path = text.unicodeScalars.split(separator: "/").map { String(String.UnicodeScalarView($0)) }
        .filter { $0 != "." && $0 != ".." }.joined(separator: "/")
    if !path.isEmpty, let exact = PathGlob(PathGlob.escaping(path)) {
        require(exact.matches(path), "an escaped path must match itself: \(path)")
    }
    return 0
}
