extension TextRenderer {
    /// The ellipsis character put in the middle of shortened text.
    public static let ellipsis: Character = "…"

    /// Shortens `text` by replacing its middle with "…" so that its measured width at `size` is ≤ `maxWidth`.
    ///
    /// Returns `text` unchanged when it fits. Otherwise keeps as many whole grapheme clusters (`Character`s) as
    /// fit, split evenly between the start and the end (the start gets the odd one), so a file name keeps both
    /// its beginning and its extension. Never splits a cluster (emoji sequences, combining marks). When not even
    /// "…" fits, returns the empty string.
    public func ellipsizeMiddle(_ text: String, size: Int, maxWidth: Int) -> String {
        if measure(text, size: size).width <= maxWidth { return text }
        let characters = Array(text)
        func candidate(keeping kept: Int) -> String {
            let head = (kept + 1) / 2
            let tail = kept - head
            var result = String(characters[..<head])
            result.append(Self.ellipsis)
            result += String(characters[(characters.count - tail)...])
            return result
        }
        func fits(_ kept: Int) -> Bool { measure(candidate(keeping: kept), size: size).width <= maxWidth }
        // Width grows with the number of kept characters (up to kerning, a ligature or a contextual form that the
        // cut changes), so binary-search the largest count that fits, then step down in case the search overshot.
        var low = 0  // candidate count known or assumed to fit
        var high = characters.count - 1  // the whole text minus one character is the longest useful candidate
        while low < high {
            let mid = (low + high + 1) / 2
            if fits(mid) { low = mid } else { high = mid - 1 }
        }
        while low >= 0 {
            if fits(low) { return candidate(keeping: low) }
            low -= 1
        }
        return ""
    }
}
