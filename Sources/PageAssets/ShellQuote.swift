/// Quoting for POSIX shells, for commands Anomark prints or shows for pasting.
public enum ShellQuote {
    /// `text` as one shell word: unchanged when it is made only of characters no shell treats specially
    /// (letters, digits, `_ . / : = @ % + , -`), otherwise in single quotes with each `'` written `'\''`.
    public static func quote(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { s in
                s.isASCII
                    && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "_./:=@%+,-".unicodeScalars.contains(s))
            }
        if plain { return text }
        return "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
