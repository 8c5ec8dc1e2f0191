import PageAssets
import Testing

@Suite("Escaping")
struct EscapingTests {
    @Test("HTML, XML, URL")
    func html() {
        #expect(HTMLText.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{1}b", xml: true) == "a\u{FFFD}b")
        #expect(HTMLText.escape("a\u{1}b") == "a\u{1}b")
        #expect(HTMLText.url("été 2024/#1?.png") == "%C3%A9t%C3%A9%202024/%231%3F.png")
    }

    @Test("JSON inside a script element cannot close it")
    func scriptJSON() {
        let json = #"{"name":"</script><!--\#u{2028}&"}"#
        let escaped = ScriptJSON.escape(json)
        #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("&"))
        #expect(escaped == #"{"name":"\u003c/script\u003e\u003c!--\u2028\u0026"}"#)
    }

    @Test("shell quoting keeps plain words and single-quotes the rest")
    func shell() {
        #expect(ShellQuote.quote("golden/a-1.png") == "golden/a-1.png")
        #expect(ShellQuote.quote("") == "''")
        #expect(ShellQuote.quote("it's $(rm -rf) *.png") == #"'it'\''s $(rm -rf) *.png'"#)
        #expect(ShellQuote.quote("a\nb") == "'a\nb'")
    }
}

@Suite("Shared page pieces")
struct PagePiecesTests {
    @Test("the key help dialog escapes its text")
    func keyHelp() {
        let html = PageAssets.keyHelpDialog([(keys: "<b>", action: "a & \"b\""), (keys: "?", action: "this help")])
        #expect(html.hasPrefix("<div id=\"help\" hidden>"))
        #expect(html.contains("<tr><td>&lt;b&gt;</td><td>a &amp; &quot;b&quot;</td></tr>"))
        #expect(html.ranges(of: "<tr>").count == 2)
    }

    @Test("the scripts define what their doc comments name")
    func scripts() {
        #expect(PageAssets.lightboxScript.hasPrefix("function Lightbox(options)"))
        #expect(PageAssets.naturalCompareScript.contains("function naturalCompare(a, b)"))
        #expect(PageAssets.naturalCompareScript.contains("numeric: true"))
        #expect(PageAssets.virtualListScript.contains("self.setRowHeight = function (h)"))
    }
}
