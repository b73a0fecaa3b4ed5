import Testing
@testable import RecscanCore

@Suite("HTML escaping") struct HTMLEscapeTests {
    static let hostile = [
        "<script>alert(1)</script>", "\"><script>alert(document.cookie)</script>", "' onmouseover='alert(1)",
        "a & b &amp; c", "</td></tr></table><img src=x onerror=alert(1)>", "javascript:alert('x')",
    ]

    @Test("text and attribute escaping leave no markup character", arguments: hostile) func noMarkupCharacters(
        _ input: String
    ) {
        for escaped in [HTMLEscape.text(input), HTMLEscape.attribute(input)] {
            #expect(!escaped.contains("<"))
            #expect(!escaped.contains(">"))
            #expect(!escaped.contains("\""))
            #expect(!escaped.contains("'"))
            // Every ampersand starts one of the entities the escaper writes.
            let parts = escaped.split(separator: "&", omittingEmptySubsequences: false).dropFirst()
            for part in parts { #expect(["amp;", "lt;", "gt;", "quot;", "#39;"].contains { part.hasPrefix($0) }) }
        }
    }

    @Test func exactEntities() {
        #expect(
            HTMLEscape.text("<script>alert('x') & \"y\"</script>")
                == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        )
        #expect(HTMLEscape.attribute("a\"b'c") == "a&quot;b&#39;c")
        #expect(HTMLEscape.text("plain web01 1.0.1e-2") == "plain web01 1.0.1e-2")
    }

    @Test func forbiddenCharactersBecomeReplacementCharacter() {
        #expect(HTMLEscape.text("a\u{0}b\u{1B}c\u{7F}d\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
        #expect(HTMLEscape.text("tab\tline\nok") == "tab\tline\nok")
    }

    @Test func fragmentsEscapeInterpolatedStringsOnly() {
        let value = "<script>x</script>"
        let inner: HTMLFragment = "<b>\(value)</b>"
        let outer: HTMLFragment = "<td title=\"\(value)\">\(inner)</td>"
        #expect(inner.markup == "<b>&lt;script&gt;x&lt;/script&gt;</b>")
        #expect(
            outer.markup == "<td title=\"&lt;script&gt;x&lt;/script&gt;\"><b>&lt;script&gt;x&lt;/script&gt;</b></td>"
        )
    }

    @Test func tableEscapesCaptionHeadersAndKeepsCellMarkup() {
        let table = HTMLTable(
            caption: "<caption>",
            columns: [TableColumn("A&B"), TableColumn("n", numeric: true)],
            rows: [["\("<i>")", "<em>1</em>"]]
        )
        .render().markup
        #expect(table.contains("<caption>&lt;caption&gt;</caption>"))
        #expect(table.contains("<th scope=\"col\">A&amp;B</th>"))
        #expect(table.contains("<th scope=\"row\">&lt;i&gt;</th><td class=\"num\"><em>1</em></td>"))
        #expect(
            HTMLTable(caption: "c", columns: [], rows: [], emptyText: "Nothing.").render().markup
                == "<p class=\"none\">Nothing.</p>\n"
        )
    }

    @Test("numbers written into pages read as Swift and the grouping rule word them")
    func decimalDigitsAgreeWithStringFormatting() {
        // The grouping rule, as it was written first: a comma before each group of three digits.
        func grouped(_ value: Int) -> String {
            let digits = String(value.magnitude)
            var text = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { text += "," }
                text.append(digit)
            }
            return (value < 0 ? "-" : "") + text
        }
        var values = [0, 1, -1, 9, 10, 99, 100, 999, 1_000, -1_000, 12_345, 999_999, 1_000_000, Int.max, Int.min]
        var random = SeededGenerator(seed: 0xDEC1)
        for _ in 0..<500 { values.append(Int.random(in: -10_000_000...10_000_000_000, using: &random)) }
        for value in values {
            var plain = HTMLFragment.empty
            plain.append(value)
            #expect(plain.markup == String(value))
            #expect(HTMLFragment("\(value)").markup == String(value))
            #expect(ReportWords.number(value) == grouped(value))
        }
    }

    @Test("a host's link is the link to its page's address, escaped the same", arguments: hostile)
    func hostLinkIsTheLink(name: String) {
        for toRoot in ["", "../", "a\"b/"] {
            let expected = HTMLBlocks.link("\(toRoot)hosts/\(name).html", "\(name)")
            #expect(HTMLBlocks.hostLink(fileName: name, hostname: name, toRoot: toRoot) == expected)
            var appended: HTMLFragment = "<td>"
            HTMLBlocks.appendHostLink(fileName: name, hostname: name, toRoot: toRoot, to: &appended)
            #expect(appended == "<td>" + expected)
        }
    }
}
