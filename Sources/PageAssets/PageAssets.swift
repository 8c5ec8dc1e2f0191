// PageAssets — what Anomark's static HTML pages share: escaping for every context an untrusted string (a file
// name, a JSON value) can reach, and the generic pieces of the pages' scripts and styles. No I/O, no dependencies.
//
// Contract
// - `HTMLText.escape` makes text safe in element content and quoted attribute values (`& < > " '`); `HTMLText.url`
//   turns a relative path into a relative URL (each segment percent-encoded, `/` kept), so `#`, `?`, `%` and
//   spaces in file names stay part of the name.
// - `ScriptJSON.escape` makes JSON text safe inside `<script type="application/json">`: `<`, `>` and `&` become
//   `\u003c` …, so `</script>` and `<!--` cannot end or change the element, and U+2028 / U+2029 are escaped
//   (they end lines in old JavaScript parsers). The result is still the same JSON value.
// - `ShellQuote.quote` quotes one argument for a POSIX shell (single quotes, `'\''` inside); the pages' script
//   quotes the same way (`PageAssets.shellQuoteScript`), so a command shown on a page can be pasted as is.
// - The generic page pieces (virtual list, URL-fragment state, key help, natural order, lightbox) are written once
//   here and inlined by both the batch report and the folder diff's review page.
// - Pages are self-contained: the assets are inlined, nothing is fetched from the network.

/// Shared assets of Anomark's HTML pages. A namespace.
public enum PageAssets {
    /// A JavaScript function `shellQuote(text)` quoting like `ShellQuote.quote`.
    public static let shellQuoteScript = """
        function shellQuote(s) {
          if (/^[A-Za-z0-9_.\\/:=@%+,-]+$/.test(s)) return s;
          return "'" + s.replace(/'/g, "'\\\\''") + "'";
        }
        """
}
