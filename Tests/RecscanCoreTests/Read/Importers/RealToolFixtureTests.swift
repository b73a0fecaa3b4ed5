import Foundation
import Testing

@testable import RecscanCore

/// The committed fixtures under `Fixtures/importers/`, written by the real tools (see the README
/// there), read by content and scanned against the bundled catalog.
@Suite("Importers on real-tool fixtures")
struct RealToolFixtureTests {
    static let folder = SampleOracleTests.repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures/importers")
        .path

    static func path(_ relative: String) -> String { folder + "/" + relative }

    /// Reads one fixture the way a scan does: recognized by content, then imported.
    static func hosts(_ relative: String) throws -> [HostInventory] {
        let path = path(relative)
        return try InventoryFormats.read(
            DiscoveredInput(path: path, displayName: relative, kind: InputDiscovery.classify(path: path)),
            limits: .standard)
    }

    static func package(_ host: HostInventory, _ name: String) -> InstalledPackage? {
        host.packages.first { $0.name == name }
    }

    @Test(arguments: [
        ("cyclonedx/pyapp01.cdx.xml", InputKind.cycloneDXXML),
        ("cyclonedx/pyapp02.cdx.json", .cycloneDXJSON),
        ("cyclonedx/pyapp03.json", .cycloneDXJSON),
        ("cyclonedx/debian-openssh.cdx.json", .cycloneDXJSON),
        ("spdx/pyapp05.spdx.json", .spdxJSON),
        ("spdx/debian-openssl.spdx.json", .spdxJSON),
        ("dpkg/bookworm-build.status", .dpkgStatus),
        ("dpkg/wheezy-legacy.status", .dpkgStatus),
        ("rpm/rhel9-web.txt", .rpmList),
        ("rpm/qf/rhel9-web.txt", .rpmList),
        ("rpm/centos6-legacy.txt", .rpmList),
        ("osquery/web01.json", .osqueryJSON),
        ("osquery/osqueryd.results.log", .osqueryJSON),
    ])
    func everyFixtureIsRecognizedByContent(file: String, kind: InputKind) {
        #expect(InputDiscovery.classify(path: Self.path(file)) == kind)
    }

    @Test(arguments: ["cyclonedx/pyapp01.cdx.xml", "cyclonedx/pyapp02.cdx.json", "cyclonedx/pyapp03.json"])
    func cycloneDXPythonEnvironment(file: String) throws {
        let host = try #require(try Self.hosts(file).first)
        #expect(host.hostname == HostNames.fromFile(file))
        #expect(host.packages.count == 15)
        #expect(host.packages.allSatisfy { $0.ecosystem == .pypi })
        // The purl decides the name ("django"), its version wins, tools in metadata are not packages.
        #expect(Self.package(host, "django")?.version == "4.1")
        #expect(Self.package(host, "typing-extensions")?.purl == "pkg:pypi/typing-extensions@4.16.0")
        #expect(Self.package(host, "cyclonedx-py") == nil)
        #expect(host.collectedEpochSeconds != nil && host.os == nil)
    }

    @Test func spdxFixtures() throws {
        let python = try #require(try Self.hosts("spdx/pyapp05.spdx.json").first)
        #expect(python.hostname == "pyapp05" && python.packages.count == 15)
        #expect(Self.package(python, "requests")?.ecosystem == .pypi)
        #expect(python.collected == "2026-11-29T15:11:26Z")

        let debian = try #require(try Self.hosts("spdx/debian-openssl.spdx.json").first)
        #expect(debian.packages.map(\.name) == ["openssl", "libc6", "libgcc-s1", "gcc-12-base", "libssl3"])
        #expect(Self.package(debian, "openssl")?.version == "3.0.19-1~deb12u2")
        #expect(Self.package(debian, "openssl")?.arch == "amd64")
        // pkg:deb/debian/... names the distribution, not its version.
        #expect(debian.os?.name == "debian" && debian.os?.family == "linux" && debian.os?.inferredFrom != nil)
    }

    @Test func dpkgStatusOfThisMachine() throws {
        let host = try #require(try Self.hosts("dpkg/bookworm-build.status").first)
        #expect(host.hostname == "bookworm-build")
        #expect(host.packages.count == 38)
        #expect(host.os?.name == "debian" && host.os?.version == "12")
        #expect(host.os?.inferredFrom == "base-files 12.4+deb12u11")
        let libssl = try #require(Self.package(host, "libssl3"))
        #expect(libssl.sourcePackage == "openssl" && libssl.version == "3.0.19-1~deb12u2")
    }

    @Test func dpkgStatusWrittenByDpkg() throws {
        let host = try #require(try Self.hosts("dpkg/wheezy-legacy.status").first)
        let names = host.packages.map { "\($0.name):\($0.arch ?? "")" }
        // bind9 was removed (config-files), python2.7 purged; apache2 is selected for removal
        // but still installed; sudo is unpacked, not configured: its files are there.
        #expect(!names.contains("bind9:amd64"))
        #expect(names.contains("apache2:amd64") && names.contains("sudo:amd64"))
        #expect(names.contains("libc6:amd64") && names.contains("libc6:i386"))
        #expect(Self.package(host, "openssh-server")?.version == "1:6.0p1-4+deb7u2")
        let gnutls = try #require(Self.package(host, "libgnutls26"))
        #expect(gnutls.sourcePackage == "gnutls26" && gnutls.sourceVersion == "2.12.20-8+deb7u2")
        #expect(host.os?.name == "debian" && host.os?.version == "7")
    }

    @Test func rpmListsInBothForms() throws {
        let plain = try #require(try Self.hosts("rpm/rhel9-web.txt").first)
        let qf = try #require(try Self.hosts("rpm/qf/rhel9-web.txt").first)
        #expect(plain.hostname == "rhel9-web" && qf.hostname == "rhel9-web")
        #expect(plain.packages.count == 26 && qf.packages.count == 26)
        #expect(Self.package(plain, "python3.11-libs")?.version == "3.11.2-2.el9_2")
        #expect(Self.package(plain, "openssl")?.epochUnknown == true)
        #expect(Self.package(qf, "openssl")?.version == "1:3.0.7-16.el9_2")
        #expect(Self.package(qf, "openssl")?.epochUnknown == false)
        #expect(Self.package(qf, "bind")?.version == "32:9.16.23-11.el9")
        #expect(Self.package(plain, "gpg-pubkey")?.arch == nil && Self.package(qf, "gpg-pubkey")?.arch == nil)
        #expect(plain.os?.name == "rhel" && plain.os?.version == "9.2")
    }

    @Test func osqueryBothShapes() throws {
        let web = try #require(try Self.hosts("osquery/web01.json").first)
        #expect(web.hostname == "web01" && web.os?.name == "debian" && web.os?.version == "12")
        #expect(web.os?.inferredFrom == nil)
        #expect(!web.packages.contains { $0.name == "samba" })
        #expect(Self.package(web, "openssh-server")?.version == "1:9.2p1-2+deb12u3")
        #expect(Self.package(web, "apache2-bin")?.sourcePackage == "apache2")
        #expect(web.listening.map { "\($0.transport)/\($0.port)" } == ["tcp/22", "tcp/80", "tcp/443", "udp/323"])

        let log = try Self.hosts("osquery/osqueryd.results.log")
        #expect(log.map(\.hostname) == ["rhel9-db01", "WIN-APP01"])
        let db = log[0]
        #expect(db.os?.name == "rhel" && db.os?.version == "9.2")
        #expect(db.packages.map(\.name) == ["openssl", "postgresql-server"])
        #expect(Self.package(db, "openssl")?.version == "1:3.0.1-41.el9_0")
        #expect(db.listening == [ListeningPort(transport: "tcp", port: 5432)])
        #expect(db.collected == "2026-11-28T08:00:00Z")
        let windows = log[1]
        #expect(windows.os?.family == "windows" && windows.os?.version == "10.0.17763.2300")
        #expect(windows.packages.allSatisfy { $0.ecosystem == .windows } && windows.packages.count == 3)
        #expect(windows.listening == [ListeningPort(transport: "tcp", port: 443)])
    }

    /// Every fixture folder scanned as one batch against the bundled catalog.
    @Test func scanningTheFixturesRecommendsTheRightRules() async throws {
        var options = ScanOptions()
        options.inventories = Self.folder
        options.referenceTime = Fixture.referenceTime
        let inputs = try await ScanInputs.load(options) { _ in }
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: options.referenceTime, maxAgeDays: 100_000)
        var rules: [String: Set<String>] = [:]
        var statuses: [String: String] = [:]
        for input in inputs.hosts {
            let report = analyzer.analyze(input).report
            rules[report.hostname] = Set(report.rules.filter { $0.outcome == .toAssign }.map(\.ruleID))
            statuses[report.hostname] = report.status.rawValue
        }
        #expect(
            Set(rules.keys) == [
                "bookworm-build", "centos6-legacy", "debian-openssh", "debian-openssl", "pyapp01", "pyapp02",
                "pyapp03", "pyapp05", "rhel9-db01", "rhel9-web", "web01", "wheezy-legacy", "WIN-APP01",
            ])
        // Heartbleed: old openssl from dpkg and from rpm -qa; not on RHEL 9, whose epoch-less
        // default list would otherwise sort 3.0.7 below the bound 1:1.0.1e-16.
        #expect(rules["wheezy-legacy"]?.contains("1006012") == true)
        #expect(rules["centos6-legacy"]?.contains("1006012") == true)
        #expect(rules["rhel9-web"]?.contains("1006012") == false)
        #expect(rules["rhel9-web"]?.isSuperset(of: ["1011933", "1012045"]) == true)
        #expect(rules["rhel9-db01"]?.contains("1007193") == true)
        #expect(rules["web01"]?.contains("1011148") == true)
        #expect(rules["WIN-APP01"]?.contains("1010854") == true)
        #expect(rules["WIN-APP01"]?.contains("1012010") == false)
        #expect(rules["pyapp01"] == ["1008720"])
        #expect(statuses["debian-openssh"] == "error")
        #expect(inputs.rejected.map(\.reason) == ["is CycloneDX 1.7; recscan reads CycloneDX 1.4, 1.5 and 1.6"])
        let merged = try #require(inputs.hosts.first { $0.hostname == "rhel9-web" }?.inventory)
        #expect(merged.sources.count == 2)
        #expect(merged.packages.count == 26)
        #expect(merged.packages.first { $0.name == "openssl" }?.version == "1:3.0.7-16.el9_2")
    }
}
