import AnomarkKit
import Foundation

/// Output file names for report items: safe, readable and unique, whatever the input names.
///
/// Why this matters: image names come from folders, JSON Lines files and manifests written by other people.
/// A name such as `../../etc/x.jpg`, `a/b.jpg`, `.hidden.jpg` or one with control characters must never write
/// outside `annotated/` or `thumbnails/`, and two items must never share an output. The rules:
/// - The key (the relative image path) is split into path components; empty, `.` and `..` components are
///   dropped, so nothing can climb out of the output folder. Folders are kept in the name joined by `__`
///   (`sub/a.jpg` → `sub__a`), so the output is one flat folder.
/// - The extension of the last component is dropped; `/ \ : * ? " < > | # %` and control characters become
///   `_`; a leading `.` or `-` gets a `_` in front (no hidden files, no names that look like options). Text is
///   NFC-normalised, so the same name typed on macOS (NFD) and Linux (NFC) gives the same output.
/// - Names longer than `maxStemBytes` UTF-8 bytes are cut at a character boundary and get a hash suffix.
/// - Names equal after case folding (case-insensitive file systems) all get `-` + 8 hex digits of the
///   key's FNV-1a hash, so the result depends only on the set of keys, not on their order.
enum ReportNaming {
    /// Longest stem, in UTF-8 bytes, before the extension; file systems allow 255.
    static let maxStemBytes = 120

    /// 64-bit FNV-1a of the UTF-8 bytes: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The low 32 bits of the key's hash as 8 lower-case hex digits.
    static func shortHash(_ key: String) -> String {
        let hex = String(fnv1a64(key) & 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// A safe stem (no extension) for one key; see the type's rules. Never empty.
    static func safeStem(for key: String) -> String {
        let normalized = key.precomposedStringWithCanonicalMapping
        var components = normalized.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        components.removeAll { $0 == "." || $0 == ".." }
        if var last = components.popLast() {
            if let dot = last.lastIndex(of: "."), dot != last.startIndex { last = String(last[..<dot]) }
            components.append(last)
        }
        var stem = components.map(cleaned).filter { !$0.isEmpty }.joined(separator: "__")
        if stem.isEmpty { stem = "image" }
        if stem.hasPrefix(".") || stem.hasPrefix("-") { stem = "_" + stem }
        if stem.utf8.count > maxStemBytes {
            var cut = ""
            for character in stem {
                if cut.utf8.count + String(character).utf8.count > maxStemBytes - 9 { break }
                cut.append(character)
            }
            stem = cut + "-" + shortHash(key)
        }
        return stem
    }

    /// Unique stems for `keys`, in the same order. Deterministic for a given set of keys.
    static func uniqueStems(for keys: [String]) -> [String] {
        var stems = keys.map(safeStem)
        var groups: [String: [Int]] = [:]
        for (i, stem) in stems.enumerated() { groups[stem.lowercased(), default: []].append(i) }
        for (_, members) in groups where members.count > 1 {
            for i in members { stems[i] += "-" + shortHash(keys[i]) }
        }
        // Equal keys (the same image listed twice) still collide: number them in input order.
        var taken = Set<String>()
        for i in stems.indices {
            var candidate = stems[i]
            var n = 2
            while taken.contains(candidate.lowercased()) {
                candidate = "\(stems[i])-\(n)"
                n += 1
            }
            taken.insert(candidate.lowercased())
            stems[i] = candidate
        }
        return stems
    }

    /// Replaces characters that are unsafe in file names or URLs by `_`.
    private static func cleaned(_ component: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in component.unicodeScalars {
            let v = scalar.value
            let unsafe =
                v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                || "/\\:*?\"<>|#%".unicodeScalars.contains(scalar)
            out.append(unsafe ? "_" : scalar)
        }
        return String(out)
    }
}
