import Foundation
import Testing

@testable import RecscanCore

/// ``PlainXMLScanner`` reads what it accepts without libxml2, so libxml2 is its oracle: every
/// document it accepts, generated or mutated at random, must read under libxml2 without error
/// and give the same elements (names, namespace, attributes, depth, line, self-closing).
@Suite("Plain XML scanner")
struct PlainXMLScannerTests {
    static let limits = InputLimits(maxFileBytes: 1 << 20, maxDepth: 6, maxAttributeBytes: 40, maxAttributes: 5)
    static let policy = XMLInputPolicy(limits: limits)

    /// One element as a reader sees it.
    static func describe(_ element: SAXElement) -> String {
        let attributes = element.attributePairs.map { "\($0.name)=\(Array($0.value.utf8))" }
        return "\(element.kind) \(element.depth) {\(element.namespace ?? "")}\(element.localName) line \(element.line)"
            + " empty \(element.isEmpty) \(attributes) \(Array(element.text.utf8))"
    }

    /// The scanner's reading, or `nil` when it declines.
    static func plain(_ document: [UInt8], text: Bool = false) -> [String]? {
        document.withUnsafeBufferPointer { file in
            var seen: [String] = []
            let accepted = PlainXMLScanner.scan(file, policy: policy, text: text) { scanned in
                try? scanned.replay(file: file) { seen.append(describe($0)) }
            }
            return accepted ? seen : nil
        }
    }

    /// libxml2's reading (behind the guard), or its error.
    static func libxml2(_ document: [UInt8], text: Bool) -> Result<[String], InputError> {
        var seen: [String] = []
        do {
            try XMLSAXReader.read(bytes: document, displayName: "d.xml", limits: limits, text: text) {
                seen.append(describe($0))
            }
            return .success(seen)
        } catch let error as InputError {
            return .failure(error)
        } catch {
            return .failure(InputError(file: "d.xml", message: "\(error)"))
        }
    }

    /// Checks one document, with and without text; whether the scanner accepted it.
    @discardableResult
    static func check(_ document: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        var accepted = false
        for wantsText in [false, true] {
            guard let plain = plain(document, text: wantsText) else { continue }
            accepted = true
            let shown = String(decoding: document, as: UTF8.self)
            switch libxml2(document, text: wantsText) {
            case .success(let expected):
                #expect(plain == expected, "text \(wantsText): \(shown)", sourceLocation: sourceLocation)
            case .failure(let error):
                Issue.record("accepted what libxml2 refuses (\(error)): \(shown)", sourceLocation: sourceLocation)
            }
        }
        return accepted
    }

    @Test("accepts the plain documents it is for, and reads them as libxml2 does")
    func plainDocuments() {
        let documents = [
            #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<inventory xmlns=\"urn:recscan:inventory:1\">\n"
                + "  <host hostname=\"a\" collected=\"2026-11-28T02:00:00Z\">\n"
                + "    <package ecosystem=\"deb\" name=\"openssl\" version=\"3.0.2-0ubuntu1\"/>\n  </host>\n</inventory>\n",
            "\u{FEFF}<a/>",
            "<?xml version='1.0' standalone='yes' ?><a b='x\"y'/>",
            "<!-- before --><a\n  b = \"1\"\n  c='2'\n></a\n>\n<!-- after -->",
            "<a b=\"x&amp;y&lt;&gt;&quot;&apos;\" c=\"&#65;&#x42;&#x1F600;\">t&amp;&#10;</a>",
            "<a b=\"tab\tand\nline\" c=\"caf\u{E9} \u{4E2D} \u{1F600}\"/>",
            "<a xmlns=\"urn:one\"><b xmlns=\"http://example.com/two\"><c/></b><d/></a>",
            "<a>text ] ]> > </a>",
            "<a b=\"\"/>",
            "<a><b/><!-- x - y --><c></c></a>",
        ]
        for document in documents {
            #expect(Self.check(Array(document.utf8)), "declined: \(document)")
        }
    }

    @Test("hands over text as libxml2's reader does: decoded, joined, split at comments, blanks left out")
    func text() throws {
        let document = Array("<a>\n <b>x &amp; y<!-- c -->z</b>\n\t<c/>caf\u{E9}&#32;</a>".utf8)
        let seen = try #require(Self.plain(document, text: true))
        #expect(seen.filter { $0.hasPrefix("text") }.count == 3)
        #expect(Self.check(document))
    }

    @Test("leaves a file of more elements than it holds to libxml2, which streams it")
    func manyElements() {
        let tiny = "<a>" + String(repeating: "<b/>", count: PlainXMLBytes.mostEvents / 2 + 1) + "</a>"
        let policy = XMLInputPolicy(limits: .standard)
        let accepted = Array(tiny.utf8).withUnsafeBufferPointer { PlainXMLScanner.scan($0, policy: policy) { _ in } }
        #expect(!accepted)
        let fewer = "<a>" + String(repeating: "<b/>", count: PlainXMLBytes.mostEvents / 2 - 2) + "</a>"
        #expect(Array(fewer.utf8).withUnsafeBufferPointer { PlainXMLScanner.scan($0, policy: policy) { _ in } })
    }

    @Test("declines what it leaves to libxml2")
    func declined() {
        let documents = [
            "<!DOCTYPE a><a/>", "<a><![CDATA[x]]></a>", "<?pi x?><a/>", "<a><?pi?></a>", "<p:a xmlns:p=\"u\"/>",
            "<a p:b=\"1\"/>", "<a>\r\n</a>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
            "<?xml version=\"1.1\"?><a/>", "<a xmlns=\"\"/>", "<a xmlns=\"http://www.w3.org/XML/1998/namespace\"/>",
            "<a xmlns=\"http://www.w3.org/2001/XInclude\"/>", "<a b=\"1\" b=\"2\"/>", "<a>]]></a>", "<a>&nbsp;</a>",
            "<a>&#0;</a>", "<a b=\"&#xFFFE;\"/>", "<a b=\"1\"c=\"2\"/>", "<a></b>", "<a/><b/>", "<a>", "", "text",
            " <?xml version=\"1.0\"?><a/>", "<a b=\"<\"/>", "<a>\u{1}</a>",
            "<a b=\"12345678901234567890123456789012345678901\"/>",
            "<a b=\"1\" c=\"2\" d=\"3\" e=\"4\" f=\"5\" g=\"6\"/>", "<a><b><c><d><e><f><g/></f></e></d></c></b></a>",
            "<a><!-- x -- y --></a>", "<a><!---></a>", "<\u{E9}/>",
        ]
        for document in documents {
            #expect(Self.plain(Array(document.utf8)) == nil, "accepted: \(document)")
        }
        #expect(Self.plain([0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E]) == nil, "ill-formed UTF-8")
        #expect(Self.plain([0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E]) == nil, "a surrogate")
    }

    @Test("agrees with libxml2 on random and mutated documents")
    func randomDocuments() {
        var random = SeededGenerator(seed: 20_261_207)
        var accepted = 0
        var acceptedMutants = 0
        for _ in 0..<1500 {
            let document = Self.randomDocument(&random)
            if Self.check(document) { accepted += 1 }
            for _ in 0..<3 {
                if Self.check(Self.mutated(document, &random)) { acceptedMutants += 1 }
            }
        }
        // The generator's documents are mostly plain, so most must be accepted, and some
        // mutants too: a scanner declining everything would pass the comparisons above.
        #expect(accepted > 900)
        #expect(acceptedMutants > 500)
    }

    @Test("agrees with libxml2 on documents longer than its parser's chunks")
    func longDocuments() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<12 {
            var text = "<?xml version=\"1.0\"?>\n<inventory xmlns=\"urn:recscan:inventory:1\">"
            for _ in 0..<300 {
                text += random.pick(["\n  ", "\n\n", " ", "\n\t"])
                Self.element(&text, depth: 1, random: &random, namespace: random.chance(0.05))
            }
            text += "\n</inventory>\n"
            let document = Array(text.utf8)
            #expect(document.count > 20_000)
            #expect(Self.check(document), "declined a long document")
            Self.check(Self.mutated(document, &random))
        }
    }

    @Test("the inventory reader gives the same hosts either way, on the fixtures")
    func fixtures() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let files =
            FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".xml") }.sorted() ?? []
        var used = 0
        for file in files {
            let path = folder.appendingPathComponent(file).path
            func read(plain: Bool) -> [String] {
                var seen: [String] = []
                do {
                    try XMLSAXReader.read(path: path, displayName: file, limits: .standard, text: true, plain: plain) {
                        seen.append(Self.describe($0))
                    }
                } catch {
                    seen.append("error \(error)")
                }
                return seen
            }
            #expect(read(plain: true) == read(plain: false), "\(file)")
            let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            if bytes.withUnsafeBufferPointer({
                PlainXMLScanner.scan($0, policy: XMLInputPolicy(limits: .standard)) { _ in }
            }) {
                used += 1
            }
        }
        #expect(used > files.count / 2, "the scanner read \(used) of \(files.count) fixtures")
    }

    // MARK: Documents

    static func randomDocument(_ random: inout SeededGenerator) -> [UInt8] {
        var text = ""
        if random.chance(0.1) { text += "\u{FEFF}" }
        if random.chance(0.6) {
            text += random.pick([
                "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version='1.0' encoding='utf-8' standalone='no'?>", "<?xml  version = \"1.0\"\n?>",
            ])
        }
        text += random.pick(["", "\n", "\n<!-- c -->\n", "  \t"])
        element(&text, depth: 0, random: &random, namespace: random.chance(0.5))
        text += random.pick(["", "\n", "<!--end-->", "\n\n  "])
        return Array(text.utf8)
    }

    static func element(_ text: inout String, depth: Int, random: inout SeededGenerator, namespace: Bool) {
        let name = random.pick(["a", "host", "package", "x-y", "_z.1", "Os"])
        text += "<" + name
        var names = ["name", "version", "b", "arch", "v-1", "_x"].shuffled(using: &random)
        if namespace { text += random.pick([" xmlns=\"urn:recscan:inventory:1\"", "\nxmlns='http://e.org/n'"]) }
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            guard let attribute = names.popLast() else { break }
            text += random.pick([" ", "\n  ", "\t", "  "]) + attribute + random.pick(["=", " = ", "=\n"])
            let quote = random.pick(["\"", "'"])
            text += quote + value(&random, quote: quote) + quote
        }
        text += random.pick(["", " ", "\n"])
        if depth >= 5 || random.chance(0.4) {
            text += "/>"
            return
        }
        text += ">"
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            text += random.pick(["", "\n  ", "text", " &amp; ", "&#x41;", "]>", "<!-- n -->", "caf\u{E9}", "\t"])
            element(&text, depth: depth + 1, random: &random, namespace: random.chance(0.1))
        }
        text += random.pick(["", "\n", "t&lt;"])
        text += "</" + name + random.pick(["", " ", "\n"]) + ">"
    }

    static func value(_ random: inout SeededGenerator, quote: String) -> String {
        var value = ""
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            value += random.pick([
                "1.2-3", "openssl", " ", "\t", "\n", "&amp;", "&lt;", "&#10;", "&#x9;", "&#32;", "&quot;", "\u{E9}",
                "\u{4E2D}", "\u{1F600}", ">", quote == "\"" ? "'" : "\"", "~+:",
            ])
        }
        return value
    }

    /// A document with one to three random edits: bytes removed, inserted or repeated.
    static func mutated(_ document: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = document
        let inserts: [[UInt8]] = [
            [0x3C], [0x3E], [0x26], [0x3B], [0x22], [0x27], [0x2F], [0x3D], [0x21], [0x2D], [0x3F], [0x0A], [0x0D],
            [0x09], [0x5D], [0x3A], [0x20], [0x00], [0xC3], [0xA9], [0xEF, 0xBF, 0xBF], [0x78], Array("&#0;".utf8),
            Array("]]>".utf8), Array("--".utf8), Array("xmlns=\"\"".utf8),
        ]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...3, using: &random)))
            case 1:
                bytes.insert(contentsOf: inserts[Int.random(in: 0..<inserts.count, using: &random)], at: position)
            default:
                let end = min(bytes.count, position + Int.random(in: 1...12, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            }
        }
        return bytes
    }
}
