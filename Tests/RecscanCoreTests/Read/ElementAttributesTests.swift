import Testing

@testable import RecscanCore

/// The in-place enum match (`SAXElement.exactChoice`) against its oracle, the checked path
/// through a string (`T(rawValue:)` after trimming): the same case for every spelling, and the
/// same error for what is no case.
@Suite("Attributes read in place")
struct ElementAttributesTests {
    /// The value of attribute `v` on a `<e>` element, read by `body`.
    private func read<T>(_ value: String, _ body: (ElementAttributes<SAXElement>) throws -> T) throws -> T {
        let escaped = value.replacingOccurrences(of: "\"", with: "&quot;")
        var result: Result<T, any Error>?
        try XMLSAXReader.read(
            bytes: Array("<e v=\"\(escaped)\"/>".utf8), displayName: "t.xml", limits: .standard, text: false
        ) { element in
            guard element.kind == .start else { return }
            result = Result { try body(ElementAttributes(element: element, file: "t.xml")) }
        }
        return try #require(result).get()
    }

    @Test(arguments: Severity.allCases)
    func everySpellingOfACaseIsThatCase(severity: Severity) throws {
        #expect(try read(severity.rawValue) { $0.element.exactChoice("v", as: Severity.self) } == severity)
        #expect(try read(severity.rawValue) { try $0.requiredChoice("v", as: Severity.self) } == severity)
        // Blanks around it: not matched in place, but the checked path trims them, as before.
        #expect(try read(" \(severity.rawValue) ") { $0.element.exactChoice("v", as: Severity.self) } == nil)
        #expect(try read(" \(severity.rawValue) ") { try $0.requiredChoice("v", as: Severity.self) } == severity)
    }

    @Test func whatIsNoCaseIsTheCheckedPathsError() throws {
        for value in ["HIGH", "hig", "highh", ""] {
            #expect(try read(value) { $0.element.exactChoice("v", as: Severity.self) } == nil)
            #expect(throws: InputError.self) { try read(value) { try $0.requiredChoice("v", as: Severity.self) } }
        }
        #expect(try read("x") { $0.element.exactChoice("absent", as: Severity.self) } == nil)
    }
}
