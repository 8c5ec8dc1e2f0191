/// A validated golden name, `suite/case` (more levels allowed): components of letters, digits, `.`,
/// `_`, `-`, not `.` or `..`, without the `.png` extension.
struct GoldenName: Sendable, Hashable {
    /// The name as given, e.g. `overlay/cookie-3`; the golden is `golden/<path>.png`.
    let path: String

    init(_ text: String) throws(GoldenError) {
        let components = text.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count >= 2 else { throw .invalidName(text, reason: "expected suite/case") }
        for c in components {
            if c.isEmpty { throw .invalidName(text, reason: "empty component") }
            if c == "." || c == ".." { throw .invalidName(text, reason: "\"\(c)\" is not allowed") }
            let ok = c.unicodeScalars.allSatisfy { s in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "._-".unicodeScalars.contains(s))
            }
            if !ok { throw .invalidName(text, reason: "use letters, digits, '.', '_' and '-' only") }
        }
        if text.lowercased().hasSuffix(".png") { throw .invalidName(text, reason: "leave out .png") }
        path = text
    }
}
