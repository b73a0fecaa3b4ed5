import Foundation
import RecscanFuzzKit
import Testing

@testable import RecscanCore

/// Every file of the hostile corpus, read the way a scan reads it (discovery by content, then
/// the format's reader): rejected with its name and position, or read safely; quickly; and
/// never with the content of a local file it points at.
@Suite("Hostile inventories")
struct HostileXMLInputTests {
    /// A folder with the case's file and a secret file outside the inventories folder.
    struct Setup {
        let folder: TemporaryFolder
        let inventories: String
        let secret: String

        init(_ hostile: HostileCorpus.Case) throws {
            folder = try TemporaryFolder()
            secret = try folder.write("secret/passwd", HostileCorpus.secretMarker + "\n")
            inventories = (folder.path as NSString).appendingPathComponent("inventories")
            try FileManager.default.createDirectory(atPath: inventories, withIntermediateDirectories: true)
            try hostile.write(into: inventories, secret: secret)
        }
    }

    enum Outcome {
        case rejected(file: String, line: Int?, message: String)
        case read([HostInventory])
    }

    static func read(_ file: DiscoveredInput) -> Outcome {
        if case .unrecognized(let reason) = file.kind {
            return .rejected(file: file.displayName, line: nil, message: reason)
        }
        do {
            return .read(try InventoryFormats.read(file, limits: .standard))
        } catch let failure as InventoryFileError {
            return .rejected(file: failure.error.file, line: failure.error.line, message: failure.error.message)
        } catch {
            return .rejected(file: "", line: nil, message: "unexpected error \(error)")
        }
    }

    @Test("is rejected or read safely", arguments: HostileCorpus.cases)
    func hostileFile(_ hostile: HostileCorpus.Case) throws {
        let setup = try Setup(hostile)
        defer { setup.folder.remove() }
        let started = Date()
        let files = try InputDiscovery.discover(directory: setup.inventories)
        let file = try #require(files.first)
        let outcome = Self.read(file)
        #expect(Date().timeIntervalSince(started) < 10, "\(hostile.file) took too long")
        switch (hostile.expectation, outcome) {
        case (.rejected(let expected), .rejected(let name, let line, let message)):
            #expect(message.contains(expected), "\(hostile.file): \(message)")
            #expect(name == file.displayName)
            #expect(!message.contains(HostileCorpus.secretMarker))
            if hostile.file.hasSuffix(".xml") && !hostile.file.hasPrefix("named-pipe")
                && !hostile.file.hasPrefix("empty")
            {
                #expect(line != nil, "\(hostile.file) is rejected without a line: \(message)")
            }
        case (.read(let host), .read(let hosts)):
            #expect(hosts.map(\.hostname) == [host])
            #expect(!String(describing: hosts).contains(HostileCorpus.secretMarker))
        default:
            Issue.record("\(hostile.file): expected \(hostile.expectation), got \(outcome)")
        }
    }

    @Test func doctypeIsRejectedBeforeTheParserSeesIt() throws {
        // The guard stops at the DOCTYPE's own position, before libxml2 reads the internal subset.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("i.xml", "<?xml version=\"1.0\"?>\n\n  <!DOCTYPE x [<!ENTITY a \"b\">]><x/>")
        #expect(
            throws: InputError(
                file: path, line: 3, column: 3, message: "has a DOCTYPE; DTDs are not accepted in untrusted input")
        ) {
            try XMLStreamReader.read(path: path) { _ in }
        }
    }

    @Test func markupInCommentsCDATAAndInstructionsIsNotCounted() throws {
        // Quotes and '=' inside comments, CDATA and processing instructions are not attributes;
        // a lexer confused by them could be led past a real start tag.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let noise = String(repeating: " a=\"1\"", count: 200)
        let path = try folder.write(
            "ok.xml", "<r><!-- ' \(noise) --><![CDATA[ <x \(noise)> ]]><?pi \(noise) ?><e b='2' c=\"'\"/></r>")
        var names: [String] = []
        try XMLStreamReader.read(path: path, limits: InputLimits(maxAttributes: 4)) { event in
            if case .start(let element) = event { names.append(element.localName) }
        }
        #expect(names == ["r", "e"])
    }

    @Test func limitsAreOptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("i.xml", "<r a=\"123456789\"><b><c/></b></r>")
        let tight = [
            (InputLimits(maxFileBytes: 10), "over the limit of 10"), (InputLimits(maxDepth: 2), "deeper than 2"),
            (InputLimits(maxAttributeBytes: 8), "longer than 8 bytes"),
        ]
        for (limits, expected) in tight {
            #expect {
                try XMLStreamReader.read(path: path, limits: limits) { _ in }
            } throws: { error in
                (error as? InputError)?.message.contains(expected) == true
            }
        }
        try XMLStreamReader.read(path: path, limits: InputLimits(maxDepth: 3, maxAttributeBytes: 9)) { _ in }
    }

    @Test func jsonStringsAreBoundedAndUTF8() throws {
        let limits = InputLimits(maxAttributeBytes: 4)
        var long = JSONParser(bytes: Array("{\"a\": \"12345\"}".utf8), file: "f.json", limits: limits)
        #expect(throws: InputError(file: "f.json", line: 1, column: 7, message: "has a string longer than 4 bytes")) {
            try long.singleDocument()
        }
        var valid = JSONParser(bytes: Array("[\"1234\", \"é\"]".utf8), file: "f.json", limits: limits)
        #expect(try valid.singleDocument().array?.count == 2)
        // One value per 32 bytes of the size limit: [1,1,1] holds four values.
        var many = JSONParser(bytes: Array("[1,1,1]".utf8), file: "f.json", limits: InputLimits(maxFileBytes: 96))
        #expect(
            throws: InputError(
                file: "f.json", line: 1, column: 6,
                message: "has more than 3 JSON values (one per 32 bytes of the file size limit)")
        ) {
            try many.singleDocument()
        }
    }
}
