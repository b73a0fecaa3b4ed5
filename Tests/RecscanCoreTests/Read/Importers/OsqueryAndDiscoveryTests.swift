import Foundation
import Testing

@testable import RecscanCore

@Suite("osquery importer, format recognition and validation")
struct OsqueryAndDiscoveryTests {
    @Test func resultsLogReplaysDifferentialLines() throws {
        let log = """
            {"name":"rpms","hostIdentifier":"db01","unixTime":1795852500,"columns":{"name":"a","version":"1","release":"1.el9","epoch":"","arch":"x86_64"},"action":"added"}
            {"name":"rpms","hostIdentifier":"DB01","unixTime":"1795852800","columns":{"name":"a","version":"1","release":"1.el9","epoch":"","arch":"x86_64"},"action":"removed"}
            {"name":"rpms","hostIdentifier":"db01","unixTime":1795852800,"diffResults":{"added":[{"name":"b","version":"2","release":"1","epoch":"3","arch":"noarch"}],"removed":[]}}
            {"name":"users","hostIdentifier":"db02","unixTime":1795852800,"columns":{"username":"root","uid":"0"},"action":"added"}
            """
        let (kind, hosts) = try importInline("results.log", log)
        #expect(kind == .osqueryJSON)
        #expect(hosts.map(\.hostname) == ["db01", "db02"])
        #expect(hosts[0].packages.map(\.version) == ["3:2-1"])
        #expect(hosts[0].collectedEpochSeconds == 1_795_852_800)
        #expect(hosts[1].packages.isEmpty)
    }

    @Test func resultsLogLineWithoutHostIsAnError() throws {
        let log = """
            {"name":"q","hostIdentifier":"db01","columns":{"name":"a","version":"1","release":"1"},"action":"added"}
            {"name":"q","columns":{"name":"b","version":"1","release":"1"},"action":"added"}
            """
        let error = try #require(try importError("results.log", log))
        #expect(error.error.line == 2 && error.error.message.contains("hostIdentifier"))
        #expect(error.hostnames == ["db01"])
    }

    @Test func queryResultsMixTablesAndSkipOthers() throws {
        let json = """
            [{"name":"Microsoft Windows 10 Pro","version":"10.0.19045","platform":"windows","revision":"3803","arch":"64-bit"}]
            [{"name":"Microsoft Edge","version":"128.0.2739.42","publisher":"Microsoft Corporation","install_location":""}]
            [{"pid":"4","port":"445","protocol":"6","family":"2","address":"0.0.0.0"}]
            [{"username":"admin","uid":"500"}]
            """
        let (kind, hosts) = try importInline("pc17.json", json)
        #expect(kind == .osqueryJSON)
        let host = try #require(hosts.first)
        #expect(
            host.os == OperatingSystem(family: "windows", name: "windows", version: "10.0.19045.3803", arch: "64-bit"))
        #expect(host.packages.first?.ecosystem == .windows && host.packages.first?.name == "Microsoft Edge")
        #expect(host.listening == [ListeningPort(transport: "tcp", port: 445)])
        let bad = try #require(
            try importError("x.json", "[{\"pid\":\"1\",\"port\":\"http\",\"protocol\":\"6\",\"fd\":\"3\"}]"))
        #expect(bad.error.line == 1 && bad.error.message.contains("not a number"))
    }

    @Test(arguments: [
        ("x.json", "{\"hello\": 1}", "without bomFormat"),
        ("x.json", "[]", "a JSON array without rows"),
        ("x.json", "{\"components\": [{\"name\": \"a\"}", "truncated"),
        ("x.json", "[{\"a\": 1}]", "unknown rows"),
        ("x.txt", "just some notes\nabout things\n", "not a recognized format"),
        ("x.yaml", "bomFormat: CycloneDX\n", "not a recognized format"),
        ("x.xml", "<bom xmlns=\"http://example.com/bom\"/>", "has root element"),
    ])
    func unknownFormatsAreRejectedWithTheAcceptedList(name: String, text: String, reason: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(name, text)
        guard case .unrecognized(let message) = InputDiscovery.classify(path: path) else {
            Issue.record("\(name) was recognized")
            return
        }
        #expect(message.contains(reason))
        for format in ["CycloneDX", "SPDX 2.3 JSON", "dpkg status", "rpm -qa", "osquery JSON", "recscan inventory"] {
            #expect(message.contains(format), "\(format) missing from \(message)")
        }
    }

    /// The root is found in the first bytes read when it is there, and in the whole file when a
    /// long prolog pushes it further; a document that ends before its root is left to the
    /// native reader, which reports where.
    @Test(arguments: [0, 5000, 20000])
    func xmlIsRecognizedByItsRootWhereverItStarts(prologBytes: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let prolog = "<?xml version=\"1.0\"?>\n<!--" + String(repeating: "x", count: prologBytes) + "-->\n"
        let fleet = try folder.write(
            "a.xml",
            prolog + "<fleet xmlns=\"\(FleetReader.namespace)\">" + String(repeating: " ", count: 9000) + "</fleet>")
        let noRoot = try folder.write("b.xml", prolog)
        let catalog = try folder.write(
            "c.xml", prolog + "<catalog xmlns=\"\(CatalogReader.namespace)\" version=\"1\"/>")
        let cut = try folder.write("d.xml", prolog + "<fleet xmlns=\"\(FleetReader.namespace)\"")
        #expect(InputDiscovery.classify(path: fleet) == .fleet)
        #expect(InputDiscovery.classify(path: noRoot) == .nativeInventory)
        #expect(InputDiscovery.classify(path: catalog) == .catalog)
        #expect(InputDiscovery.classify(path: cut) == .nativeInventory)
    }

    @Test(
        arguments: [
            (
                "h.status", "Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: broken\n",
                "dpkg status file", 6
            ),
            ("h.txt", "openssl-1.0.1e-15.el6.x86_64\nbash-4.1.2-15.el6_4.x86_64\n\n", "rpm -qa package list", nil),
            (
                "h.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n\"components\": {}}",
                "CycloneDX JSON SBOM", 2
            ),
            (
                "h.xml", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n<component>\n</bom>",
                "CycloneDX XML SBOM", 4
            ),
            (
                "h.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\",\n\"creationInfo\":{\"created\":\"yesterday\"}}",
                "SPDX JSON SBOM", 2
            ),
            (
                "h.log", "{\"hostIdentifier\":\"a\",\"columns\":{}}\n{\"hostIdentifier\":\"a\"}\n",
                "osquery JSON results", 2
            ),
        ] as [(String, String, String, Int?)])
    func validateNamesTheFormatAndTheFirstProblem(name: String, text: String, format: String, line: Int?) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(name, text)
        let result = FileValidator.validate(path: path)
        #expect(result.format == format)
        #expect(result.isValid == (line == nil))
        #expect(result.problems.first?.line == line, "\(result.problems)")
    }

    @Test func hostNamesDropTheExtensionAndAnSBOMInfix() {
        #expect(HostNames.fromFile("/x/web01.cdx.json") == "web01")
        #expect(HostNames.fromFile("web01.spdx.json") == "web01")
        #expect(HostNames.fromFile("db01.status") == "db01")
        #expect(HostNames.fromFile("cdx.json") == "cdx")
        #expect(HostNames.fromFile("app.v2.json") == "app.v2")
    }

    @Test func mergingPrefersAStatedOSAndTheCopyWithTheEpoch() {
        let inferred = OperatingSystem(family: "linux", name: "", version: "", arch: nil, inferredFrom: "dpkg status")
        let stated = OperatingSystem(family: "linux", name: "rhel", version: "9.2", arch: nil)
        var plain = InstalledPackage(ecosystem: .rpm, name: "openssl", version: "3.0.7-16.el9_2", arch: "x86_64")
        plain.epochUnknown = true
        let withEpoch = InstalledPackage(ecosystem: .rpm, name: "openssl", version: "1:3.0.7-16.el9_2", arch: "x86_64")
        let other = InstalledPackage(ecosystem: .rpm, name: "openssl", version: "2:3.0.7-16.el9_2", arch: "x86_64")
        var merger = HostMerger()
        merger.add([HostInventory(hostname: "A", os: inferred, packages: [plain], sources: ["a"])])
        merger.add([HostInventory(hostname: "a", os: stated, packages: [withEpoch, other, plain], sources: ["b"])])
        let host = merger.inputs(fleet: Fleet(), events: []).first?.inventory
        #expect(host?.os == stated)
        #expect(host?.packages.map(\.version) == ["1:3.0.7-16.el9_2", "2:3.0.7-16.el9_2"])
        #expect(host?.sources == ["a", "b"])
    }
}
