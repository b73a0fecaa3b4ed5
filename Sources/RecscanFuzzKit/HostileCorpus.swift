import Foundation

/// Inventories a compromised or broken host could hand over, each with what recscan must do
/// with it. The files are generated (the largest is 20 MiB), so nothing big is committed; the
/// core tests read each one, the command-line tests scan them all as one batch.
public enum HostileCorpus {
    /// What recscan must do with a case.
    public enum Expectation: Sendable, Equatable {
        /// Reject the file with a message containing this text, naming the file.
        case rejected(String)
        /// Read the file; it holds the named host.
        case read(host: String)
    }

    /// One hostile input.
    public struct Case: Sendable, CustomStringConvertible {
        /// The file's name in the inventories folder.
        public let file: String
        /// What recscan must do with it.
        public let expectation: Expectation
        let make: @Sendable (_ path: String, _ secret: String) throws -> Void

        /// The file name, for test output.
        public var description: String { file }

        /// Writes the case to `folder`; `secret` is the absolute path of a local file that
        /// the input tries to read.
        public func write(into folder: String, secret: String) throws {
            try make((folder as NSString).appendingPathComponent(file), secret)
        }
    }

    /// A line of text in every secret file: it must never appear in any output.
    public static let secretMarker = "root:SECRET-CONTENT-0f9e:0:0"

    static let inventoryOpen = "<inventory xmlns=\"urn:recscan:inventory:1\">"
    static let cdxOpen = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":"

    /// Every case, in file order.
    public static let cases: [Case] = [
        text("billion-laughs.xml", .rejected("has a DOCTYPE")) { _ in laughs(body: "<host hostname=\"&lol9;\"/>") },
        text("billion-laughs-attribute.xml", .rejected("has a DOCTYPE")) { _ in
            laughs(body: "<host hostname=\"h\"><service name=\"&lol9;\"/></host>")
        },
        text("quadratic-blowup.xml", .rejected("has a DOCTYPE")) { _ in
            "<?xml version=\"1.0\"?>\n<!DOCTYPE i [<!ENTITY a \"\(String(repeating: "a", count: 50_000))\">]>\n"
                + inventoryOpen + "<host hostname=\"q\">" + String(repeating: "&a;", count: 50_000)
                + "</host></inventory>"
        },
        text("quadratic-attributes.xml", .rejected("more than 64 attributes")) { _ in
            inventoryOpen + "<host hostname=\"q\" "
                + (0..<200_000).map { "a\($0)=\"\"" }.joined(separator: " ") + "/></inventory>"
        },
        text("quadratic-namespaces.xml", .rejected("more than 64 attributes")) { _ in
            inventoryOpen + "<host hostname=\"q\" "
                + (0..<100_000).map { "xmlns:n\($0)=\"urn:\($0)\"" }.joined(separator: " ") + "/></inventory>"
        },
        text("external-entity-text.xml", .rejected("has a DOCTYPE")) { secret in
            "<?xml version=\"1.0\"?>\n<!DOCTYPE i [<!ENTITY s SYSTEM \"file://\(secret)\">]>\n"
                + inventoryOpen + "<host hostname=\"x\"><service name=\"a\"/>&s;</host></inventory>"
        },
        text("external-entity-attribute.xml", .rejected("has a DOCTYPE")) { secret in
            "<?xml version=\"1.0\"?>\n<!DOCTYPE i [<!ENTITY s SYSTEM \"file://\(secret)\">]>\n"
                + inventoryOpen + "<host hostname=\"&s;\"/></inventory>"
        },
        text("parameter-entity.xml", .rejected("has a DOCTYPE")) { secret in
            "<?xml version=\"1.0\"?>\n<!DOCTYPE i [<!ENTITY % p SYSTEM \"file://\(secret)\"> %p;]>\n"
                + inventoryOpen + "</inventory>"
        },
        text("external-dtd.xml", .rejected("has a DOCTYPE")) { secret in
            "<?xml version=\"1.0\"?>\n<!DOCTYPE inventory SYSTEM \"file://\(secret)\">\n" + inventoryOpen
                + "</inventory>"
        },
        text("xinclude.xml", .rejected("uses XInclude")) { secret in
            "<inventory xmlns=\"urn:recscan:inventory:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
                + "<host hostname=\"xi\"><service name=\"a\"/><xi:include href=\"\(secret)\" parse=\"text\"/></host>"
                + "</inventory>"
        },
        text("nested-100000.xml", .rejected("deeper than 64 levels")) { _ in
            inventoryOpen + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
                + "</inventory>"
        },
        text("nested-100000.cdx.json", .rejected("deeper than 64 levels")) { _ in
            cdxOpen + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        },
        text("attribute-20mb.xml", .rejected("attribute value longer than")) { _ in
            inventoryOpen + "<host hostname=\"" + String(repeating: "h", count: 20 << 20) + "\"/></inventory>"
        },
        text("string-20mb.cdx.json", .rejected("string longer than")) { _ in
            cdxOpen + "[{\"type\":\"library\",\"name\":\"" + String(repeating: "n", count: 20 << 20) + "\"}]}"
        },
        bytes("invalid-utf8.xml", .rejected("not proper UTF-8")) { _ in
            Array((inventoryOpen + "<host hostname=\"bad").utf8) + [0xC3, 0x28, 0xFF] + Array("\"/></inventory>".utf8)
        },
        bytes("invalid-utf8.cdx.json", .rejected("not valid UTF-8")) { _ in
            Array((cdxOpen + "[{\"type\":\"library\",\"name\":\"x").utf8) + [0xFF, 0xFE] + Array("\"}]}".utf8)
        },
        bytes("invalid-utf8.status", .read(host: "invalid-utf8")) { _ in
            Array("Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\nMaintainer: J".utf8)
                + [0xE9, 0xFF] + Array("r\n\n".utf8)
        },
        bytes("utf16-bom.xml", .read(host: "utf16host")) { _ in
            [0xFF, 0xFE]
                + utf16LE(
                    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + inventoryOpen
                        + "<host hostname=\"utf16host\" collected=\"2026-11-28T00:00:00Z\"><os family=\"linux\"/></host>"
                        + "</inventory>")
        },
        bytes("utf16-bom.cdx.json", .rejected("UTF-16")) { _ in [0xFF, 0xFE] + utf16LE(cdxOpen + "[]}") },
        bytes("utf16-declared-latin1.xml", .rejected("declares encoding")) { _ in
            [0xFF, 0xFE] + utf16LE("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + inventoryOpen + "</inventory>")
        },
        text("declared-shift-jis.xml", .rejected("declares encoding")) { _ in
            "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>" + inventoryOpen + "</inventory>"
        },
        // Line breaks around `=` are blanks to libxml2 as well.
        text("declared-ebcdic-crlf.xml", .rejected("declares encoding")) { _ in
            "<?xml version=\"1.0\" encoding\r\n=\r\n'IBM037'?>" + inventoryOpen + "</inventory>"
        },
        text("truncated.xml", .rejected("ends early (the file looks truncated)")) { _ in
            inventoryOpen + "\n<host hostname=\"t\" collected=\"2026-11-28T00:00:00Z\">\n<package ecosystem=\"deb\" na"
        },
        text("truncated.cdx.json", .rejected("is not valid JSON")) { _ in
            cdxOpen + "[{\"type\":\"library\",\"name\":\"openssl\",\"vers"
        },
        text("truncated.status", .rejected("Status")) { _ in "Package: openssl\nStatus: install ok inst" },
        text("empty.xml", .rejected("is empty")) { _ in "" },
        bytes("binary.bin", .rejected("not a recognized format")) { _ in
            // An ELF header, then the same pseudo-random bytes every time.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            return [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
                + (0..<65_536).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return UInt8(truncatingIfNeeded: state >> 56)
                }
        },
        Case(file: "named-pipe.xml", expectation: .rejected("not a regular file")) { path, _ in
            guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        },
        Case(file: "link-to-secret.txt", expectation: .rejected("leads out of the inventories folder")) {
            path, secret in
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: secret)
        },
    ]

    static func text(_ file: String, _ expectation: Expectation, _ make: @escaping @Sendable (String) -> String)
        -> Case
    {
        Case(file: file, expectation: expectation) { path, secret in
            try Data(make(secret).utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    static func bytes(_ file: String, _ expectation: Expectation, _ make: @escaping @Sendable (String) -> [UInt8])
        -> Case
    {
        Case(file: file, expectation: expectation) { path, secret in
            try Data(make(secret)).write(to: URL(fileURLWithPath: path))
        }
    }

    static func laughs(body: String) -> String {
        var declarations = "<!ENTITY lol \"lol\">"
        for level in 2...9 {
            let previous = level == 2 ? "lol" : "lol\(level - 1)"
            declarations += "<!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">"
        }
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(declarations)]>\n" + inventoryOpen + body + "</inventory>"
    }

    static func utf16LE(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
}
