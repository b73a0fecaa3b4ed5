import Foundation
import Testing

@testable import RecscanCore

@Suite("Pull reader")
struct XMLPullReaderTests {
    private func describe(_ event: XMLEvent) -> String {
        switch event {
        case .start(let element):
            "start \(element.localName) \(element.depth) \(element.line) \(element.attributes.sorted { $0.key < $1.key })"
        case .end(let name, let depth): "end \(name) \(depth)"
        case .text(let text): "text \(text)"
        }
    }

    @Test(arguments: ["fleet.xml", "events.xml", "web01.xml"])
    func pullsTheSameEventsTheStreamingReaderPushes(file: String) throws {
        let path = SampleFleet.inventories + "/" + file
        var pushed: [String] = []
        try XMLStreamReader.read(path: path) { pushed.append(describe($0)) }
        let reader = try XMLPullReader(path: path)
        var pulled: [String] = []
        while let event = try reader.next() { pulled.append(describe(event)) }
        #expect(pulled == pushed)
        #expect(try reader.next() == nil)
    }

    /// A tampered previous report must not reach libxml2 unguarded: the guard stops the DOCTYPE
    /// at its position, before any entity is declared, here and in schema validation.
    @Test func hostileMarkupIsStoppedByTheGuard() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "r.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\">]>\n<r>&a;</r>\n")
        let reader = try XMLPullReader(path: path)
        #expect {
            while try reader.next() != nil {}
        } throws: { error in
            let stop = error as? InputError
            return stop?.line == 2 && stop?.column == 1 && stop?.message.contains("DOCTYPE") == true
        }
        let problems = try XMLSchemaValidator(xsd: BundledSchema.report.bytes, name: "report.xsd").validate(path: path)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2 && problems.first?.message.contains("DOCTYPE") == true)
    }

    @Test func skippingAnElementDropsItsContentAndItsEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "s.xml", "<r><a x=\"1\"><b/><c>text</c></a><e/><d y=\"2\"><f/></d></r>")
        let reader = try XMLPullReader(path: path)
        var seen: [String] = []
        while let event = try reader.next() {
            seen.append(describe(event))
            if case .start(let element) = event, element.localName == "a" || element.localName == "e" {
                try reader.skipContent(of: element)
            }
        }
        #expect(
            seen.map { $0.components(separatedBy: " ").prefix(2).joined(separator: " ") } == [
                "start r", "start a", "start e", "start d", "start f", "end f", "end d", "end r",
            ])
    }

    @Test func malformedAndHostileDocumentsAreRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let truncated = try folder.write("t.xml", "<report>\n<host hostname=\"a\">")
        let doctype = try folder.write("d.xml", "<!DOCTYPE r [<!ENTITY x \"y\">]>\n<r>&x;</r>")
        for path in [truncated, doctype] {
            let reader = try XMLPullReader(path: path)
            #expect(throws: InputError.self) { while try reader.next() != nil {} }
        }
    }
}
