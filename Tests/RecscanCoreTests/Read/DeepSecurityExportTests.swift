import Foundation
import Testing

@testable import RecscanCore

/// The Deep Security API export (`--ds-export`): the sample fleet, written as API responses by
/// Trend Micro's SDK (`tools/deepsecurity/convert_fleet.py`), reads as the native fleet does.
struct DeepSecurityExportTests {
    static let fixtures = SampleFleet.repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures")
    static var export: String { fixtures.appendingPathComponent("ds-export").path }
    static var register: String { fixtures.appendingPathComponent("ds-exclusions.xml").path }

    static func options(register: Bool = true) -> ScanOptions {
        var options = SampleFleet.options()
        options.deepSecurityExport = export
        options.exclusionRegisterPath = register ? Self.register : nil
        return options
    }

    @Test func internalIDsBecomeIdentifiersAndPolicyNames() throws {
        let export = try DeepSecurityExportReader.read(directory: Self.export)
        let catalog = try ScanSetup.loadCatalog(SampleFleet.options())
        let translated = try DeepSecurityFleet.translate(export, catalog: catalog)
        let fleet = translated.fleet
        let web = try #require(fleet.policies["Linux Web Servers"])
        #expect(web.parentID == "Linux Servers")
        #expect(web.configuration.assignedRules == ["1000128", "1000763"])
        let web01 = try #require(fleet.computers["web01"])
        #expect(web01.policyID == "Linux Web Servers")
        #expect(web01.configuration.engineMode == .tap)
        #expect(web01.configuration.assignedRules == ["1000763"])
        let manager = try #require(fleet.manager)
        #expect(manager.policies["Linux Web Servers"] != nil)
        #expect(manager.rules["1000763"]?.module == .intrusionPrevention)
        #expect(manager.rules["1000763"]?.id != 1_000_763)
    }

    @Test func computersAnswerToTheirDisplayNameAndFirstDNSLabel() throws {
        var fleet = Fleet()
        fleet.computers["web03.corp.example"] = Computer(hostname: "web03.corp.example")
        fleet.computers["files01"] = Computer(hostname: "FILES01")
        fleet.computerAliases = ["web03": "web03.corp.example"]
        #expect(fleet.computerKey(for: "WEB03") == "web03.corp.example")
        #expect(fleet.computerKey(for: "web03.corp.example") == "web03.corp.example")
        #expect(fleet.computerKey(for: "files01.corp.example") == "files01")
        #expect(fleet.computerKey(for: "files02") == nil)
    }

    @Test func aSharedFirstLabelPairsNoComputer() throws {
        let export = try Self.write([
            "policies.json": #"{"policies": [{"ID": 1, "name": "Base"}]}"#,
            "computers.json": #"""
            {"computers": [{"ID": 7, "hostName": "app.eu.example", "policyID": 1},
                           {"ID": 8, "hostName": "app.us.example", "policyID": 1},
                           {"ID": 9, "hostName": "db.eu.example", "displayName": "orders-db", "policyID": 1}]}
            """#,
        ])
        defer { export.remove() }
        let translated = try DeepSecurityFleet.translate(
            try DeepSecurityExportReader.read(directory: export.path),
            catalog: Catalog(version: "1", applicationTypes: [:], rules: [:]))
        let fleet = translated.fleet
        #expect(fleet.computerKey(for: "app") == nil)
        #expect(fleet.ambiguousNames["app"] == ["app.eu.example", "app.us.example"])
        #expect(fleet.computerKey(for: "orders-db") == "db.eu.example")
        #expect(fleet.computerKey(for: "db") == "db.eu.example")
        let app = HostAuditor.notInFleet("app", fleet: fleet, context: HostFleetContext(hostname: "app", fleet: fleet))
        #expect(app?.kind == .notInFleet)
        #expect(app?.message.contains("app.eu.example, app.us.example") == true)
        let db = HostAuditor.notInFleet("db", fleet: fleet, context: HostFleetContext(hostname: "db", fleet: fleet))
        #expect(db == nil)
    }

    @Test(arguments: [
        (
            #"{"policies": [{"ID": 1, "name": "A", "parentID": 2}, {"ID": 2, "name": "B", "parentID": 1}]}"#,
            #"{"computers": []}"#, "policy tree has a cycle"
        ),
        (
            #"{"policies": [{"ID": 1, "name": "A"}]}"#, #"{"computers": [{"ID": 5, "hostName": "h", "policyID": 9}]}"#,
            "unknown policy ID 9"
        ),
        (#"{"policies": []}"#, #"{"computers": []}"#, "lists no policies"),
        (#"{"policies": [{"ID": "x", "name": "A"}]}"#, #"{"computers": []}"#, "\"ID\" is a string"),
        (#"{"items": []}"#, #"{"computers": []}"#, "has no \"policies\" list"),
        (
            #"{"policies": [{"ID": 1, "name": "A", "policySettings": {"firewallSettingNetworkEngineMode": {"value": "Sideways"}}}]}"#,
            #"{"computers": []}"#, "expected Inline or Tap"
        ),
        (
            #"{"policies": [{"ID": 1, "name": "A", "intrusionPrevention": {"ruleIDs": [4001]}}]}"#,
            #"{"computers": []}"#,
            "no api/intrusionpreventionrules.json"
        ),
    ])
    func anUnusableExportNamesTheFileAndLine(policies: String, computers: String, message: String) throws {
        let export = try Self.write(["policies.json": policies, "computers.json": computers])
        defer { export.remove() }
        let catalog = Catalog(version: "1", applicationTypes: [:], rules: [:])
        let error = #expect(throws: InputErrors.self) {
            try DeepSecurityFleet.translate(try DeepSecurityExportReader.read(directory: export.path), catalog: catalog)
        }
        let text = error?.description ?? ""
        #expect(text.contains(message), "\(text)")
        #expect(text.contains("/api/policies.json") || text.contains("/api/computers.json"), "\(text)")
    }

    @Test func unknownFieldsAreIgnoredAndAMissingExportIsNamed() throws {
        let export = try Self.write([
            "policies.json": #"{"policies": [{"ID": 1, "name": "A", "futureField": {"x": [1, 2]}}], "next": null}"#,
            "computers.json": #"{"computers": [{"ID": 3, "hostName": "h", "policyID": 1, "agentVersion": "20.0"}]}"#,
        ])
        defer { export.remove() }
        let read = try DeepSecurityExportReader.read(directory: export.path)
        #expect(read.policies.count == 1 && read.computers.count == 1)
        let error = #expect(throws: InputErrors.self) {
            try DeepSecurityExportReader.read(directory: export.path + "/nowhere")
        }
        #expect(error?.description.contains("policies.json: is missing") == true)
    }

    /// An export folder holding `files` under `api/`.
    static func write(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/api", withIntermediateDirectories: true)
        for (name, text) in files { _ = try folder.write("api/" + name, text) }
        return folder
    }
}

/// The exclusion register gives API exclusions their reason, owner and expiry.
struct ExclusionRegisterTests {
    @Test func registerEntriesJoinExclusionsAndStrayOnesAreNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "register.xml",
            """
            <exclusions xmlns="urn:recscan:exclusions:1">
              <exclusion computer="WEB02" rule="1000763" reason="resets long URIs" by="jdoe" expires="2027-01-31"/>
              <exclusion policy="Linux Web Servers" rule="1000128" reason="never excluded there"/>
            </exclusions>
            """)
        let register = try ExclusionRegisterReader.read(path: path)
        let export = try DeepSecurityExportReader.read(directory: DeepSecurityExportTests.export)
        let catalog = try ScanSetup.loadCatalog(SampleFleet.options())
        let translated = try DeepSecurityFleet.translate(export, catalog: catalog, register: register)
        let override = try #require(translated.fleet.computers["web02"]?.configuration.overrides.first)
        #expect(override.ruleID == "1000763" && override.excluded)
        #expect(override.reason == "resets long URIs" && override.by == "jdoe" && override.expires == "2027-01-31")
        #expect(
            translated.notices.contains {
                $0.contains(":3: the exclusion register names rule 1000128 on policy Linux Web Servers")
            })
        #expect(FileValidator.validate(path: path).problems.isEmpty)
    }

    @Test(arguments: [
        (#"<exclusion rule="1"/>"#, "exactly one"),
        (#"<exclusion policy="A" computer="b" rule="1"/>"#, "exactly one"),
        (#"<exclusion policy="A" rule="1" expires="soon"/>"#, "is not a date"),
        (#"<exclusion policy="A" rule="1"/><exclusion policy="A" rule="1"/>"#, "registered twice"),
    ])
    func aBadEntryIsRefusedWithItsLine(body: String, message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "register.xml", "<exclusions xmlns=\"urn:recscan:exclusions:1\">\n\(body)\n</exclusions>")
        let error = #expect(throws: InputErrors.self) { try ExclusionRegisterReader.read(path: path) }
        #expect(error?.description.contains("register.xml:2") == true && error?.description.contains(message) == true)
    }
}
