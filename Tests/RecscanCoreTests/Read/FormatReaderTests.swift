import Foundation
import Testing

@testable import RecscanCore

@Suite("Native format readers")
struct FormatReaderTests {
    @Test func catalogReadsFlagsAndCriteria() throws {
        let catalog = try Fixture.catalog(
            """
            <applicationType id="web" name="Web" direction="incoming" protocol="tcp" ports="80">
              <detect><listen protocol="tcp" port="80"/><software ecosystem="deb" name="apache2"/></detect>
            </applicationType>
            <rule id="1008646" module="intrusion-prevention" name="Illegal Characters" severity="medium"
                  applicationType="web" requiresConfiguration="true" autoApply="never" autoApplyReason="low-confidence">
              <description>Needs a list of allowed characters.</description>
              <cve>CVE-2020-0001</cve>
              <dependsOn rule="1000128"/>
            </rule>
            <rule id="1000128" module="intrusion-prevention" name="HTTP Protocol Decoding" severity="low"
                  recommendations="excluded" detectOnly="true">
              <applies><os family="linux" name="debian" version="12"/>
                <software ecosystem="pypi" name="Django" introduced="4.0" fixed="4.2.1"/>
                <port protocol="tcp" port="8000"/><file path="/etc/x"/><service name="httpd"/></applies>
            </rule>
            """)
        let illegal = try #require(catalog.rules["1008646"])
        #expect(illegal.neverAutoReason == .requiresConfiguration)
        #expect(illegal.cves == ["CVE-2020-0001"])
        #expect(illegal.description == "Needs a list of allowed characters.")
        #expect(illegal.dependsOn == ["1000128"])
        let decoding = try #require(catalog.rules["1000128"])
        #expect(decoding.excludedInCatalog && decoding.detectOnly && decoding.neverAutoReason == nil)
        #expect(decoding.applies.software.first?.ecosystem == .pypi)
        #expect(decoding.applies.ports == [ListeningPort(transport: "tcp", port: 8000)])
        #expect(catalog.applicationTypes["web"]?.detections.count == 2)
        #expect(catalog.sortedRuleIDs == ["1000128", "1008646"])
    }

    @Test func catalogReportsEveryProblemWithItsLine() {
        let problems = inputErrors {
            _ = try Fixture.catalog(
                """
                <rule id="1" module="intrusion-prevention" name="a" severity="low"/>
                <rule id="1" module="intrusion-prevention" name="b" severity="low"/>
                <rule id="2" module="firewall" name="c" severity="low"/>
                <rule id="3" module="log-inspection" name="d" severity="low" applicationType="nope"><dependsOn rule="404"/></rule>
                """)
        }
        // A dependsOn naming a rule the catalog lacks is a warning, not a problem (see below).
        #expect(problems.count == 3)
        #expect(problems.contains { $0.line == 3 && $0.message.contains("declared twice") })
        #expect(problems.contains { $0.line == 4 && $0.message.contains("module=\"firewall\"") })
        #expect(problems.contains { $0.message.contains("unknown application type nope") })
        #expect(problems.allSatisfy { $0.file == "catalog.xml" })
    }

    @Test func aDependencyTheCatalogLacksIsAWarningWithItsLine() throws {
        let catalog = try Fixture.catalog(
            """
            <rule id="1" module="log-inspection" name="d" severity="low"><dependsOn rule="404"/></rule>
            """)
        #expect(catalog.rules["1"]?.dependsOn == ["404"])
        #expect(catalog.warnings.map(\.message) == ["rule 1 depends on rule 404, which is not in the catalog"])
        #expect(catalog.warnings.first?.line != nil)
    }

    @Test func catalogWithWrongRootIsRejected() {
        let problems = inputErrors {
            _ = try CatalogReader.read(
                bytes: Array("<fleet xmlns=\"urn:recscan:fleet:1\"/>".utf8), displayName: "c.xml")
        }
        #expect(problems.first?.message.contains("expected {urn:recscan:catalog:1}catalog") == true)
    }

    @Test func fleetReadsLevelsAndRejectsCycles() throws {
        let fleet = try Fixture.fleet(
            """
            <policy id="base"><settings module="intrusion-prevention" autoApply="yes" behavior="detect"/><assign rule="1"/></policy>
            <policy id="web" parent="base" engineMode="tap">
              <override rule="2" recommendations="excluded" reason="noisy" by="ops" expires="2027-03-31"/></policy>
            <computer hostname="Web01" policy="web"><assign rule="1"/></computer>
            """)
        #expect(fleet.policies["base"]?.configuration.autoApply[.intrusionPrevention] == .yes)
        #expect(fleet.policies["base"]?.configuration.behavior == .detect)
        #expect(fleet.policies["web"]?.configuration.engineMode == .tap)
        #expect(fleet.policies["web"]?.configuration.overrides.first?.expires == "2027-03-31")
        #expect(fleet.computers["web01"]?.hostname == "Web01")

        let problems = inputErrors {
            _ = try Fixture.fleet(
                """
                <policy id="a" parent="b"/>
                <policy id="b" parent="a"/>
                <computer hostname="x" policy="missing"/>
                <computer hostname="y"><override rule="1" recommendations="excluded" expires="31/03/2027"/></computer>
                """)
        }
        #expect(problems.contains { $0.message.contains("cycle") })
        #expect(problems.contains { $0.message.contains("unknown policy missing") })
        #expect(problems.contains { $0.line == 5 && $0.message.contains("not a date") })
    }

    @Test func inventoryReadsHostsAndRejectsBadPorts() throws {
        let hosts = try Fixture.hosts(
            """
            <host hostname="a" collected="2026-11-28T08:00:00Z"><os family="Linux" name="Debian" version="12"/>
              <package ecosystem="deb" name="openssl" version="3.0.15-1~deb12u1"/><listen protocol="TCP" port="443"/>
              <service name="apache2" state="running"/><file path="/etc/passwd"/></host>
            <host hostname="b"/>
            """)
        #expect(hosts.map(\.hostname) == ["a", "b"])
        #expect(hosts[0].os?.family == "linux" && hosts[0].os?.name == "debian")
        #expect(hosts[0].listening == [ListeningPort(transport: "tcp", port: 443)])
        #expect(hosts[0].collectedEpochSeconds == 1_795_852_800)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "bad.xml",
            """
            <inventory xmlns="urn:recscan:inventory:1">
              <host hostname="ok1"/>
              <host hostname="bad"><listen protocol="tcp" port="-1"/></host>
            </inventory>
            """)
        do {
            _ = try InventoryReader.read(path: path, displayName: "bad.xml")
            Issue.record("expected an error")
        } catch let error as InventoryFileError {
            #expect(error.error.line == 3)
            #expect(error.error.message.contains("not a port number"))
            #expect(error.hostnames == ["ok1", "bad"])
        }
    }

    @Test func eventsReadFromXMLAndCSV() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "events.xml",
            """
            <events xmlns="urn:recscan:events:1">
              <event time="2026-11-28T10:15:00Z" hostname="web01" rule="1000763" action="reset"/>
              <event time="2026-11-28T10:16:00Z" hostname="web02" rule="1000763" action="detect-only: reset"/>
            </events>
            """)
        let events = try EventsReader.readXML(path: path, displayName: "events.xml")
        #expect(events.map(\.blocked) == [true, false])

        let csv = """
            Time,Computer,Reason,Action
            2026-11-28T10:15:00Z,web01,"1000763 - URI Length And Depth Restriction",Reset
            "2026-11-28T10:20:00Z","web02","1000763 - URI Length, Depth","detect-only: reset"
            """
        let fromCSV = try EventsReader.readCSV(text: csv, displayName: "events.csv")
        #expect(fromCSV.map(\.ruleID) == ["1000763", "1000763"])
        #expect(fromCSV.map(\.hostname) == ["web01", "web02"])
        #expect(fromCSV.map(\.blocked) == [true, false])

        let broken = inputErrors {
            _ = try EventsReader.readCSV(text: "Time,Computer,Reason,Action\nonly,two", displayName: "e.csv")
        }
        #expect(broken.first?.line == 2)
    }

    @Test(arguments: [
        ("2026-11-29T00:00:00Z", Int64(1_795_910_400)),
        ("2026-11-29T02:00:00+02:00", Int64(1_795_910_400)),
        ("2026-11-28T23:59:59.250Z", Int64(1_795_910_399)),
        ("1970-01-01T00:00:00Z", Int64(0)),
    ])
    func timestampsParse(text: String, seconds: Int64) {
        #expect(Timestamps.epochSeconds(dateTime: text) == seconds)
        #expect(Timestamps.iso8601(epochSeconds: 1_795_910_400) == "2026-11-29T00:00:00Z")
    }

    @Test(arguments: [
        "2026-02-30T00:00:00Z", "2026-11-29", "yesterday", "2026-11-29T25:00:00Z", "2026-11-29T00:00:00Q",
    ])
    func badTimestampsDoNotParse(text: String) {
        #expect(Timestamps.epochSeconds(dateTime: text) == nil)
    }
}
