import Testing

@testable import RecscanCore

/// Elements with attributes only, serialized in Swift (`XMLMarkup`) against libxml2's writer, the
/// oracle: every special character at every offset, beyond ASCII, and what no report can hold.
@Suite("XML markup against libxml2")
struct XMLMarkupTests {
    static func libxml2(_ name: String, _ attributes: [(String, String?)], depth: Int) throws -> [UInt8] {
        try ElementSerializer().serialize(depth: depth) { try $0.element(name, attributes) }
    }

    @Test func attributeValuesAreEscapedAsLibxml2EscapesThem() throws {
        let special = [
            "", "&<>\"'", "tab\there", "line\nfeed", "carriage\rreturn", "é", "€", "🙂", "\u{FFFD}", "\u{7F}",
            "\u{85}\u{2028}", "nul\u{0}bell\u{7}", "\u{FFFE}\u{FFFF}", "]]>", "&amp;",
            String(repeating: "x", count: 300),
        ]
        for (index, text) in (RenderFastPathTests.randomStrings() + special).enumerated() {
            let attributes: [(String, String?)] = [("a", text), ("b", nil), ("c", "x"), ("d", text)]
            let depth = index % 4
            #expect(
                XMLMarkup.emptyElement("e", attributes, depth: depth)
                    == (try Self.libxml2("e", attributes, depth: depth)), "\(Array(text.utf8))")
        }
    }

    @Test func elementsWithoutAttributesAndWithNamesOfEveryKind() throws {
        for (name, attributes) in [
            ("e", [(String, String?)]()), ("assignedAt", [("level", "computer"), ("id", nil)]),
            ("evidence", [("kind", "package"), ("my-name_2.x", "v"), ("ns:attr", "w")]),
        ] {
            #expect(
                XMLMarkup.emptyElement(name, attributes, depth: 2) == (try Self.libxml2(name, attributes, depth: 2)))
        }
    }

    /// A start tag is the element's bytes before `/>`.
    @Test func startTagsAreTheElementsOpening() {
        let attributes: [(String, String?)] = [("id", "1<2"), ("name", "é")]
        #expect(
            XMLMarkup.startTag("rule", attributes, depth: 1) + "/>\n".utf8
                == XMLMarkup.emptyElement("rule", attributes, depth: 1))
    }
}
