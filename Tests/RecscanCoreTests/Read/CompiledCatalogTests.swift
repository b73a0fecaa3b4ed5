import Foundation
import Synchronization
import Testing

@testable import RecscanCore

/// The compiled catalog is a fast path for the XML reader: these check it against the reader
/// (the oracle) and that a wrong or damaged file is never used.
@Suite("Compiled catalog")
struct CompiledCatalogTests {
    /// Every field the reader fills: flags, reasons, every OS attribute, presence criteria,
    /// detections of both kinds, a dangling `dependsOn` (a warning), text with non-ASCII bytes.
    static let everyField = """
        <applicationType id="web" name="Web Sérvers" direction="outgoing" protocol="udp" ports="80,443">
          <detect><listen protocol="tcp" port="80"/><software ecosystem="rpm" name="httpd"/></detect>
        </applicationType>
        <applicationType id="bare"/>
        <rule id="20" module="log-inspection" name="Twenty" severity="critical" autoApply="never"
              recommendations="excluded" detectOnly="true" custom="true" applicationType="web">
          <description>  Naïve text, trimmed  </description><cve>CVE-2024-1</cve><cve>CVE-2024-2</cve>
          <dependsOn rule="3"/><dependsOn rule="missing-rule"/>
          <applies>
            <os family="Linux" name="Debian" version="12" minVersion="12.1" maxVersion="12.9"/><os family="windows"/>
            <software ecosystem="deb" name="openssl" introduced="1.0.1" fixed="1.0.1g-1"/>
            <software ecosystem="pypi" name="Django" lastAffected="4.2"/>
            <port protocol="TCP" port="8443"/><file path="/etc/shadow"/><service name="Nginx"/>
          </applies>
        </rule>
        <rule id="3" module="integrity-monitoring" name="Three" requiresConfiguration="true"/>
        <rule id="abc" module="intrusion-prevention" autoApplyReason="low-confidence" autoApply="never"/>
        <rule id="100" module="intrusion-prevention" name="" severity="low"/>
        """

    static func everyFieldCatalog() throws -> Catalog { try Fixture.catalog(everyField) }

    static let bundled = CatalogFingerprint(bytes: BundledCatalog.bytes, limits: .standard)

    /// Everything a run reads of a catalog, compared field by field.
    static func expectSame(_ loaded: Catalog, _ parsed: Catalog) {
        #expect(loaded.version == parsed.version)
        #expect(loaded.applicationTypes == parsed.applicationTypes)
        #expect(loaded.rules == parsed.rules)
        #expect(loaded.sortedRuleIDs == parsed.sortedRuleIDs)
        #expect(loaded.ruleOrder == parsed.ruleOrder)
        #expect(loaded.warnings == parsed.warnings)
    }

    @Test func theLoadedCatalogEqualsTheParsedOne() throws {
        let bundled = try CatalogReader.read(bytes: BundledCatalog.bytes, displayName: BundledCatalog.displayName)
        let custom = try Self.everyFieldCatalog()
        #expect(custom.warnings.count == 1 && custom.rules.count == 4 && custom.applicationTypes.count == 2)
        for (parsed, name) in [(bundled, BundledCatalog.displayName), (custom, "catalog.xml")] {
            let bytes = try #require(CompiledCatalog.bytes(of: parsed, source: Self.bundled))
            Self.expectSame(try CompiledCatalog.catalog(from: bytes, source: Self.bundled, file: name), parsed)
        }
    }

    @Test func aFileOfAnotherCatalogOrOtherLimitsIsAMismatch() throws {
        let bytes = try #require(CompiledCatalog.bytes(of: try Self.everyFieldCatalog(), source: Self.bundled))
        var edited = BundledCatalog.bytes
        edited[edited.count / 2] ^= 1
        var limits = InputLimits.standard
        limits.maxDepth -= 1
        for other in [
            CatalogFingerprint(bytes: edited, limits: .standard),
            CatalogFingerprint(bytes: BundledCatalog.bytes, limits: limits),
        ] {
            #expect(other != Self.bundled)
            #expect(throws: CompiledCatalogMismatch.self) {
                try CompiledCatalog.catalog(from: bytes, source: other, file: "catalog.xml")
            }
        }
    }

    /// Cut short anywhere, or any byte changed: refused, never a crash.
    @Test func aDamagedFileIsRefused() throws {
        let bytes = try #require(CompiledCatalog.bytes(of: try Self.everyFieldCatalog(), source: Self.bundled))
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) {
                try CompiledCatalog.catalog(from: Array(bytes[..<length]), source: Self.bundled, file: "c")
            }
        }
        for offset in bytes.indices {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            #expect(throws: (any Error).self, "byte \(offset)") {
                try CompiledCatalog.catalog(from: damaged, source: Self.bundled, file: "c")
            }
        }
    }

    /// A payload changed and given a matching checksum (written on purpose) is still read field by
    /// field: counts, lengths, codes and UTF-8 are checked, so it decodes or is refused, never traps.
    @Test func aForgedPayloadIsCheckedFieldByField() throws {
        let bytes = try #require(CompiledCatalog.bytes(of: try Self.everyFieldCatalog(), source: Self.bundled))
        var refused = 0
        for offset in CompiledCatalog.headerSize..<bytes.count {
            for value: UInt8 in [0x00, 0x02, 0x7F, 0xC3, 0xFF] {
                var forged = bytes
                forged[offset] = value
                let sum = CompiledCatalog.checksum(forged[CompiledCatalog.headerSize...])
                withUnsafeBytes(of: sum.littleEndian) { forged.replaceSubrange(24..<32, with: $0) }
                do {
                    _ = try CompiledCatalog.catalog(from: forged, source: Self.bundled, file: "c")
                } catch is CompiledCatalogError {
                    refused += 1
                }
            }
        }
        #expect(refused > 0)
    }

    @Test func aFileIsFingerprintedAsItsBytesAre() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Over one 64 KiB block and not a multiple of eight bytes; two blocks exactly; nothing.
        let block = String(repeating: "<!-- catalog -->", count: 4096)
        for text in [block + "<!-- tail -->", block + block, ""] {
            let path = try folder.write("catalog.xml", text)
            let fromFile = CatalogFingerprint(path: path, limits: .standard)
            #expect(
                fromFile == CatalogFingerprint(bytes: Array(text.utf8), limits: .standard), "\(text.utf8.count) bytes")
        }
        #expect(CatalogFingerprint(path: folder.path + "/absent.xml", limits: .standard) == nil)
    }

    /// A scan in a folder holding a compiled catalog uses it only when it was made from the
    /// scan's catalog, and says why not otherwise.
    @Test func aScanUsesTheCompiledCatalogOnlyWhenItMatches() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalogPath = try folder.write(
            "catalog.xml", "<catalog xmlns=\"urn:recscan:catalog:1\" version=\"test\">\n\(Self.everyField)\n</catalog>")
        var options = ScanOptions()
        options.inventories = folder.path + "/inventories"
        try FileManager.default.createDirectory(atPath: options.inventories, withIntermediateDirectories: true)
        options.catalogPath = catalogPath
        let parsed = try ScanSetup.readCatalog(options)
        let compiledPath = options.inventories + "/" + CompiledCatalog.fileName
        let notes = Notes()

        try Data(try #require(try ScanSetup.compileCatalog(options))).write(to: URL(fileURLWithPath: compiledPath))
        let loaded = try #require(ScanSetup.compiledCatalog(options, log: notes.add))
        Self.expectSame(loaded, parsed)
        #expect(notes.lines.isEmpty)

        var bundledOptions = options
        bundledOptions.catalogPath = nil
        #expect(ScanSetup.compiledCatalog(bundledOptions, log: notes.add) == nil)
        #expect(notes.lines.last?.contains("compiled from another catalog than <bundled catalog>") == true)

        try Data(("RSCATLG1" + String(repeating: "not a compiled catalog ", count: 3)).utf8).write(
            to: URL(fileURLWithPath: compiledPath))
        Self.expectSame(try ScanSetup.loadCatalog(options, log: notes.add), parsed)
        #expect(
            notes.lines.last
                == "note: \(compiledPath) is cut short or has bytes past its end; reading \(catalogPath) instead")
    }
}

/// Lines a run logs, collected from any thread.
private final class Notes: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func add(_ line: String) { storage.withLock { $0.append(line) } }
}
