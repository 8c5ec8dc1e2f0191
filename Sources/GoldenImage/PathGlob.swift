/// A path pattern of a diff config: `/`-separated, relative to the expected folder, where `*` matches any run of
/// characters within one component, `?` one character, `**` as a whole component any number of components (none
/// included), and `\` makes the next character literal (so any file name can be written exactly).
///
/// Matching works on Unicode scalars, case-sensitively, like the file system. A pattern without `/` still has
/// to match the whole relative path: `*.png` is the top level only, `**/*.png` every folder.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// One component of the pattern.
    enum Segment: Sendable, Hashable {
        /// `**`: any number of components.
        case anyDepth
        /// Characters and wildcards within one component.
        case part([Token])
    }

    /// One element of a component.
    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case anyRun
        case anyOne
    }

    /// The pattern as written.
    public let pattern: String
    let segments: [Segment]

    /// The longest pattern accepted, in UTF-8 bytes.
    static let maxLength = 4096

    /// Parses `pattern`; nil when it is empty, longer than `maxLength`, starts with `/`, ends with a lone `\`, or
    /// has an empty, `.` or `..` component.
    public init?(_ pattern: String) {
        guard !pattern.isEmpty, pattern.utf8.count <= Self.maxLength, !pattern.hasPrefix("/") else { return nil }
        var segments: [Segment] = []
        var tokens: [Token] = []
        var raw = ""
        var escaped = false
        func close() -> Bool {
            if raw.isEmpty || raw == "." || raw == ".." { return false }
            segments.append(raw == "**" ? .anyDepth : .part(tokens))
            tokens = []
            raw = ""
            return true
        }
        for scalar in pattern.unicodeScalars {
            if escaped {
                tokens.append(.literal(scalar))
                raw.unicodeScalars.append("\\")
                raw.unicodeScalars.append(scalar)
                escaped = false
                continue
            }
            switch scalar {
            case "\\": escaped = true
            case "/": if !close() { return nil }
            case "*":
                // `a**b` is two runs, which match what one does.
                if tokens.last != .anyRun { tokens.append(.anyRun) }
                raw.unicodeScalars.append(scalar)
            case "?":
                tokens.append(.anyOne)
                raw.unicodeScalars.append(scalar)
            default:
                tokens.append(.literal(scalar))
                raw.unicodeScalars.append(scalar)
            }
        }
        if escaped || !close() { return nil }
        self.pattern = pattern
        self.segments = segments
    }

    /// `pattern` with every wildcard and backslash of `path` escaped: a glob matching exactly that path.
    public static func escaping(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar == "*" || scalar == "?" || scalar == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// True when `path` (relative, `/`-separated) matches the whole pattern.
    public func matches(_ path: String) -> Bool {
        // Split on scalars, not Characters: a name may start with a combining mark, which would make "/" and the
        // mark one Character (found by fuzz-diff-config).
        let components = Array(path.unicodeScalars).split(separator: "/", omittingEmptySubsequences: true).map(
            Array.init)
        return Self.match(segments, components)
    }

    /// Whole-path matching by dynamic programming over (segment, component) suffixes: each pair is decided once,
    /// so `**/**/…/x*` cannot backtrack exponentially (a config with 20 `**` took minutes; found by
    /// fuzz-diff-config). `matched[j]` holds whether `segments[i...]` matches `components[j...]`.
    private static func match(_ segments: [Segment], _ components: [[Unicode.Scalar]]) -> Bool {
        let count = components.count
        var matched = [Bool](repeating: false, count: count + 1)
        matched[count] = true  // no segments left matches no components left
        for segment in segments.reversed() {
            var current = [Bool](repeating: false, count: count + 1)
            switch segment {
            case .anyDepth:
                // `**` takes none (matched[j]) or one more component (current[j + 1]).
                for j in stride(from: count, through: 0, by: -1) {
                    current[j] = matched[j] || (j < count && current[j + 1])
                }
            case .part(let tokens):
                for j in 0..<count where matched[j + 1] && matchComponent(tokens, components[j]) {
                    current[j] = true
                }
            }
            matched = current
        }
        return matched[0]
    }

    /// Wildcard matching within one component: greedy with one backtrack point (the last `*`), linear in practice.
    private static func matchComponent(_ tokens: [Token], _ text: [Unicode.Scalar]) -> Bool {
        var t = 0
        var s = 0
        var star: Int?
        var starText = 0
        while s < text.count {
            if t < tokens.count {
                switch tokens[t] {
                case .anyRun:
                    star = t
                    starText = s
                    t += 1
                    continue
                case .anyOne:
                    t += 1
                    s += 1
                    continue
                case .literal(let c) where c == text[s]:
                    t += 1
                    s += 1
                    continue
                case .literal:
                    break
                }
            }
            guard let star else { return false }
            t = star + 1
            starText += 1
            s = starText
        }
        while t < tokens.count, tokens[t] == .anyRun { t += 1 }
        return t == tokens.count
    }

    /// The pattern as written.
    public var description: String { pattern }
}
