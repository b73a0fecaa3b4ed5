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
