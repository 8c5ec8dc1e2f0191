/// Pairs the images of an expected and an actual folder by relative path.
public enum FolderPairing {
    /// One relative path and the sides it exists on (at least one).
    public struct Pair: Sendable, Hashable {
        /// Relative, `/`-separated.
        public var path: String
        /// Present in the expected folder.
        public var inExpected: Bool
        /// Present in the actual folder.
        public var inActual: Bool

        /// `.new` or `.deleted` for a one-sided pair; nil when both images exist (compare them).
        public var oneSidedStatus: FolderItemStatus? {
            if inExpected && inActual { return nil }
            return inExpected ? .deleted : .new
        }
    }

    /// Every path of either list once, in byte order of their UTF-8 (stable across machines and locales).
    /// Paths are compared exactly: `a.PNG` and `a.png` are two images.
    public static func pair(expected: [String], actual: [String]) -> [Pair] {
        var sides: [String: (Bool, Bool)] = [:]
        for p in expected { sides[p, default: (false, false)].0 = true }
        for p in actual { sides[p, default: (false, false)].1 = true }
        return sides.map { Pair(path: $0.key, inExpected: $0.value.0, inActual: $0.value.1) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// True for the file names compared: PNG and JPEG by extension (`.png`, `.jpg`, `.jpeg`, any case).
    public static func isImageName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext == "png" || ext == "jpg" || ext == "jpeg"
    }
}
