import Foundation
import Testing

@testable import RecscanCore

/// The one hostile-input policy of the XML readers: its bounds, its wording, and each rule as
/// every kind of reader that applies it reports it.
@Suite("XML input policy")
struct XMLInputPolicyTests {
    /// Tight limits, so that small documents reach every bound.
    static let limits = InputLimits(maxFileBytes: 4096, maxDepth: 3, maxAttributeBytes: 8, maxAttributes: 2)
    static let policy = XMLInputPolicy(limits: limits)

    @Test func boundsAdmitTheirLimitAndRefuseOneMore() {
        let policy = Self.policy
        #expect(policy.admitsFile(ofBytes: 4096) && !policy.admitsFile(ofBytes: 4097))
        // Depth counts from the root at 0: three levels are 0, 1 and 2.
        #expect(policy.admitsElement(atDepth: 2) && !policy.admitsElement(atDepth: 3))
        #expect(policy.admitsAttributes(2) && !policy.admitsAttributes(3))
        #expect(policy.admitsAttributeValue(ofBytes: 8) && !policy.admitsAttributeValue(ofBytes: 9))
        #expect(policy.admitsText(ofBytes: 10_000_000) && !policy.admitsText(ofBytes: 10_000_001))
    }

    @Test(arguments: [
        ("http://www.w3.org/2001/XInclude", true), ("http://www.w3.org/2003/XInclude", true),
        ("http://www.w3.org/2001/XIncludes", false), ("http://www.w3.org/2001/XInclud", false),
        ("urn:recscan:inventory:1", false), ("", false),
    ])
    func xincludeIsRecognisedByItsExactNamespace(uri: String, isXInclude: Bool) {
        let matched = uri.withCString { text in
            text.withMemoryRebound(to: UInt8.self, capacity: uri.utf8.count + 1) {
                XMLInputPolicy.isXInclude(namespace: $0)
            }
        }
        #expect(matched == isXInclude)
        #expect(!XMLInputPolicy.isXInclude(namespace: nil))
    }

    /// The wording the hostile-input tests, the fuzz corpus and users' scripts rely on.
    @Test func refusalsAreWordedAsBefore() {
        let wording: [(XMLInputPolicy.Refusal, String)] = [
            (.doctype, "has a DOCTYPE; DTDs are not accepted in untrusted input"),
            (.markupDeclaration, "has a markup declaration (<!...); DTDs are not accepted"),
            (.entityDeclaration, "declares an entity"),
            (.entityReference, "uses an entity reference; entities are not expanded"),
            (.xinclude, "uses XInclude; includes are not processed"),
            (.tooDeep, "nests elements deeper than 3 levels"),
            (.tooManyAttributes, "has an element with more than 2 attributes"),
            (.attributeTooLong, "has an attribute value longer than 8 bytes"),
            (.textTooLong, "has a text longer than 10000000 bytes"),
            (.fileTooLarge(bytes: 5000), "is 5000 bytes, over the limit of 4096"),
            (.readPastLimit, "is over the limit of 4096 bytes"),
        ]
        for (refusal, message) in wording {
            #expect(Self.policy.message(refusal) == message)
        }
        #expect(
            Self.policy.error(.xinclude, file: "i.xml", line: 3)
                == InputError(file: "i.xml", line: 3, message: "uses XInclude; includes are not processed"))
    }

    /// The ways recscan reads XML, each applying the policy where it can see what to refuse.
    enum Reader: String, Sendable, CaseIterable {
        /// ``XMLInputGuard`` alone, over the whole document in one piece.
        case byteGuard
        /// A file through the guard and the SAX push parser (inventories, catalog, fleet).
        case saxFile
        /// A document in memory through the guard and the SAX push parser (bundled resources).
        case saxBytes
        /// A file through the guard and the text reader under schema validation (`recscan validate`).
        case schema

        static let sax: [Reader] = [.saxFile, .saxBytes]
        static let parsers: [Reader] = [.saxFile, .saxBytes, .schema]

        /// The first problem this reader reports for `document`, or `nil` when it reads it.
        func firstProblem(_ document: [UInt8], limits: InputLimits) throws -> String? {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let path = (folder.path as NSString).appendingPathComponent("input.xml")
            try Data(document).write(to: URL(fileURLWithPath: path))
            do {
                switch self {
                case .byteGuard:
                    var markup = try XMLInputGuard(policy: XMLInputPolicy(limits: limits), head: document.prefix(1024))
                    try document.withUnsafeBytes { try markup.feed($0) }
                case .saxFile: try XMLStreamReader.read(path: path, displayName: "input.xml", limits: limits) { _ in }
                case .saxBytes:
                    try XMLStreamReader.read(bytes: document, displayName: "input.xml", limits: limits) { _ in }
                case .schema:
                    let validator = try XMLSchemaValidator(xsd: BundledSchema.inventory.bytes, name: "inventory.xsd")
                    let problem = validator.validate(path: path, displayName: "input.xml", limits: limits).first
                    #expect(problem.map(\.file) ?? "input.xml" == "input.xml")
                    return problem?.message
                }
                return nil
            } catch let stop as XMLInputGuard.Stop {
                return stop.message
            } catch let error as InputError {
                #expect(error.file == "input.xml")
                return error.message
            }
        }
    }

    /// A document that breaks one rule, and the readers that refuse it in the policy's words.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let document: [UInt8]
        let limits: InputLimits
        let refusal: XMLInputPolicy.Refusal
        let readers: [Reader]

        var testDescription: String { name }

        init(
            _ name: String, _ document: String, _ refusal: XMLInputPolicy.Refusal, readers: [Reader],
            limits: InputLimits = XMLInputPolicyTests.limits
        ) {
            self.name = name
            self.document = Array(document.utf8)
            self.limits = limits
            self.refusal = refusal
            self.readers = readers
        }
    }

    /// Every rule a reader can be shown. An entity declaration or reference cannot get past the
    /// guard, which refuses its DOCTYPE first; their wording is checked above.
    static let cases: [Case] = [
        Case(
            "DOCTYPE", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"b\">]>\n<r>&a;</r>", .doctype,
            readers: [.byteGuard] + Reader.parsers),
        Case(
            "external DTD", "<!DOCTYPE r SYSTEM \"file:///etc/passwd\">\n<r/>", .doctype,
            readers: [.byteGuard] + Reader.parsers),
        Case(
            "markup declaration", "<!ENTITY a \"b\">\n<r/>", .markupDeclaration,
            readers: [.byteGuard] + Reader.parsers),
        Case("depth", "<a>\n<b>\n<c>\n<d/>\n</c>\n</b>\n</a>", .tooDeep, readers: [.byteGuard] + Reader.parsers),
        Case("attributes", "<r a=\"1\" b=\"2\" c=\"3\"/>", .tooManyAttributes, readers: [.byteGuard] + Reader.parsers),
        Case("attribute value", "<r a=\"123456789\"/>", .attributeTooLong, readers: [.byteGuard] + Reader.parsers),
        Case(
            "file size", "<r>" + String(repeating: " ", count: 4994) + "</r>", .fileTooLarge(bytes: 5001),
            readers: Reader.parsers),
        Case(
            "bytes read", "<r>" + String(repeating: " ", count: 4994) + "</r>", .readPastLimit,
            readers: [.byteGuard]),
        Case(
            "XInclude 2001",
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n<xi:include href=\"/etc/passwd\"/>\n</r>", .xinclude,
            readers: Reader.sax, limits: .standard),
        Case(
            "XInclude 2003", "<r>\n<include xmlns=\"http://www.w3.org/2003/XInclude\" href=\"/etc/passwd\"/>\n</r>",
            .xinclude, readers: Reader.sax, limits: .standard),
        Case(
            "text length", "<r>" + String(repeating: "x", count: 10_000_001) + "</r>", .textTooLong,
            readers: Reader.sax, limits: .standard),
    ]

    @Test(arguments: cases)
    func eachReaderRefusesInThePolicysWords(_ rule: Case) throws {
        let expected = XMLInputPolicy(limits: rule.limits).message(rule.refusal)
        for reader in rule.readers {
            #expect(try reader.firstProblem(rule.document, limits: rule.limits) == expected, "\(reader)")
        }
    }

    /// One below each bound, every reader reads the document.
    @Test(arguments: Reader.allCases)
    func documentsWithinTheBoundsAreRead(_ reader: Reader) throws {
        let document = "<a x=\"12345678\" y=\"1\">\n<b>\n<c/>\n</b>\n</a>" + String(repeating: " ", count: 4000)
        let problem = try reader.firstProblem(Array(document.utf8), limits: Self.limits)
        if reader == .schema {
            // Read through, and found to be no inventory: a schema problem, not a refusal.
            let refusals: [XMLInputPolicy.Refusal] = [
                .doctype, .markupDeclaration, .tooDeep, .tooManyAttributes, .attributeTooLong,
                .fileTooLarge(bytes: document.utf8.count), .readPastLimit,
            ]
            #expect(problem != nil)
            #expect(!refusals.map(Self.policy.message).contains(problem ?? ""), "\(problem ?? "read")")
        } else {
            #expect(problem == nil)
        }
    }

    /// The parser options: the five predefined entities and character references arrive
    /// decoded, and CDATA as text, through the SAX parser from a file and from memory.
    @Test(arguments: [Reader.saxFile, .saxBytes])
    func entitiesAndCDATAArriveAsText(_ reader: Reader) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let document = "<r a=\"&amp;&#65;\"><![CDATA[<x/>]]></r>"
        let path = try folder.write("input.xml", document)
        var seen: [String] = []
        let record = { (event: XMLEvent) in
            switch event {
            case .start(let element): seen.append("start \(element.localName) \(element["a"] ?? "")")
            case .end(let name, _): seen.append("end \(name)")
            case .text(let text): seen.append("text \(text)")
            }
        }
        switch reader {
        case .saxBytes: try XMLStreamReader.read(bytes: Array(document.utf8), displayName: "input.xml", handle: record)
        default: try XMLStreamReader.read(path: path, handle: record)
        }
        #expect(seen == ["start r &A", "text <x/>", "end r"])
    }
}
