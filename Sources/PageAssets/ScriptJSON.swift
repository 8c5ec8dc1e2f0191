/// JSON text made safe to embed in an HTML `<script>` element.
public enum ScriptJSON {
    /// `json` with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` escapes: the same JSON value, but no
    /// `</script>`, `<!--` or line separator can appear in the element. Only valid outside JSON strings' escapes
    /// too, since those characters never occur in JSON syntax except inside strings.
    public static func escape(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
