import Testing

@testable import RecscanCore

/// The guard's fast loops (whole chunks, state in registers) must stop exactly where its
/// byte-by-byte state machine stops, with the same message, wherever the chunks are cut.
@Suite("Input guard")
struct XMLInputGuardTests {
    /// Tight limits, so that random documents reach every bound.
    static let limits = InputLimits(maxFileBytes: 1 << 20, maxDepth: 4, maxAttributeBytes: 6, maxAttributes: 3)

    /// Where and why a guard stopped, or where it ended up.
    enum Result: Equatable {
        case stopped(XMLInputGuard.Stop)
        case passed(offset: Int)
    }

    static func run(_ document: [UInt8], chunk: Int?) -> Result {
        do {
            var guardState = try XMLInputGuard(policy: XMLInputPolicy(limits: limits), head: document.prefix(1024))
            try document.withUnsafeBytes { bytes in
                guard let chunk else { return try guardState.feedByteByByte(bytes) }
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + chunk)
                    try guardState.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                }
            }
            return .passed(offset: guardState.offset)
        } catch let stop as XMLInputGuard.Stop {
            return .stopped(stop)
        } catch {
            return .stopped(XMLInputGuard.Stop(offset: -1, message: "\(error)"))
        }
    }

    /// Documents of markup-heavy pieces: tags, attributes, values, comments, CDATA, processing
    /// instructions, declarations and stray markup characters.
    static func randomDocument(_ random: inout SeededGenerator) -> [UInt8] {
        let pieces = [
            "<a>", "</a>", "<b x=\"1\">", "<c y='22'/>", "<d p=\"v\" q='w' r=\"x\" s=\"y\">", "</d>", " ", "\n",
            "text", "=", "\"", "'", ">", "<", "/", "<!-- c -->", "<!--", "-->", "<![CDATA[ x ]]>", "<![CDAT",
            "<?pi x?>", "<!DOCTYPE a>", "<!ENTITY", "<e long=\"abcdefgh\"/>", "<f/>", "]]>", "?>", "--", "é",
            "<g/ >", "<h x='1' / >", "/ ", "#", "&amp;", "<i a=\"#&\" b='&#39;'>", "=>",
        ]
        var text = ""
        for _ in 0..<Int.random(in: 1...40, using: &random) { text += random.pick(pieces) }
        return Array(text.utf8)
    }

    @Test("chunked fast loops agree with the byte-by-byte machine on 3,000 random documents")
    func fastLoopsAgreeWithTheStateMachine() {
        var random = SeededGenerator(seed: 0x6A_7561_7264)
        var outcomes: Set<String> = []
        for _ in 0..<3_000 {
            let document = Self.randomDocument(&random)
            let expected = Self.run(document, chunk: nil)
            switch expected {
            case .stopped(let stop): outcomes.insert(stop.message)
            case .passed: outcomes.insert("passed")
            }
            for chunk in [1, 3, 5, 7, 8, 9, 11, 16, 24, document.count] {
                #expect(Self.run(document, chunk: chunk) == expected, "\(String(decoding: document, as: UTF8.self))")
            }
        }
        // The corpus reaches every bound, and also passes whole documents.
        for outcome in [
            "passed", "nests elements deeper than 4 levels", "has an element with more than 3 attributes",
            "has an attribute value longer than 6 bytes", "has a DOCTYPE; DTDs are not accepted in untrusted input",
        ] {
            #expect(outcomes.contains(outcome), "\(outcome)")
        }
    }

    @Test("each bound stops the fast loops at its byte")
    func boundsStopAtTheirByte() {
        let cases: [(String, Int, String)] = [
            ("<a><b><c><d><e>", 13, "nests elements deeper than 4 levels"),
            ("<a w=\"1\" x=\"2\" y=\"3\" z=\"4\"/>", 23, "has an element with more than 3 attributes"),
            ("<a v=\"1234567\"/>", 12, "has an attribute value longer than 6 bytes"),
            ("<!DOCTYPE a>", 0, "has a DOCTYPE; DTDs are not accepted in untrusted input"),
        ]
        for (document, offset, message) in cases {
            #expect(
                Self.run(Array(document.utf8), chunk: 64)
                    == .stopped(XMLInputGuard.Stop(offset: offset, message: message)), "\(document)")
        }
    }
}
