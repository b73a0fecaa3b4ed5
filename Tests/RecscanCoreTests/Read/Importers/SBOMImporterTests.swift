import Foundation
import Testing

@testable import RecscanCore

@Suite("CycloneDX and SPDX importers")
struct SBOMImporterTests {
    static let cycloneDXXML = """
        <?xml version="1.0"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
          <metadata>
            <timestamp>2026-11-28T08:00:00Z</timestamp>
            <tools><components><component type="application"><name>syft</name><version>1.0</version></component></components></tools>
            <component type="container"><name>registry/app:1.2</name></component>
          </metadata>
          <components>
            <component type="operating-system"><name>debian</name><version>12.7</version></component>
            <component type="library">
              <name>openssl</name><version>ignored</version>
              <purl>pkg:deb/debian/openssl@1.0.1e-2?arch=amd64&amp;distro=debian-12</purl>
            </component>
            <component type="application">
              <name>shop</name><version>1.0</version>
              <components>
                <component type="library"><group>org.apache.logging.log4j</group><name>log4j-core</name>
                  <version>2.14.1</version><purl>pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar</purl>
                </component>
              </components>
            </component>
            <component type="file"><name>/etc/passwd</name></component>
          </components>
        </bom>
        """

    @Test func cycloneDXXMLComponentsNestedAndOS() throws {
        let (kind, hosts) = try importInline("app01.cdx.xml", Self.cycloneDXXML)
        #expect(kind == .cycloneDXXML)
        let host = try #require(hosts.first)
        #expect(host.hostname == "app01")
        #expect(host.collected == "2026-11-28T08:00:00Z")
        #expect(host.os == OperatingSystem(family: "linux", name: "debian", version: "12.7", arch: nil))
        #expect(host.packages.map(\.name) == ["openssl", "shop", "org.apache.logging.log4j:log4j-core"])
        #expect(host.packages.map(\.ecosystem) == [.deb, .generic, .maven])
        #expect(host.packages[0].version == "1.0.1e-2" && host.packages[0].arch == "amd64")
    }

    @Test func log4jInACycloneDXSBOMGetsTheLog4ShellRule() throws {
        let host = try #require(try importInline("app01.cdx.xml", Self.cycloneDXXML).hosts.first)
        let catalog = try CatalogReader.read(bytes: BundledCatalog.bytes, displayName: "catalog.xml")
        let report = Fixture.analyze(catalog: catalog, host: host).report
        #expect(report.rule("1011242")?.outcome == .toAssign)
        #expect(report.rule("1006012")?.outcome == .toAssign)
    }

    @Test func cycloneDXVersionsOutsideTheRangeAreRejected() throws {
        let error = try #require(
            try importError("old.xml", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.3\">\n</bom>"))
        #expect(error.error.message == "is CycloneDX 1.3; recscan reads CycloneDX 1.4, 1.5 and 1.6")
        #expect(error.hostnames == ["old"])
    }

    @Test func cycloneDXJSONProblemsHaveLines() throws {
        let json = """
            {
              "bomFormat": "CycloneDX", "specVersion": "1.6",
              "components": [
                {"type": "library", "name": "ok", "version": "1", "purl": "pkg:npm/%40scope/ok@1.0.0"},
                {"type": "library", "version": "2"}
              ]
            }
            """
        let error = try #require(try importError("b.json", json))
        #expect(error.error.line == 5 && error.error.message.contains("without a name"))
        let syntax = try #require(try importError("c.json", "{\"bomFormat\": \"CycloneDX\",\n\"specVersion\": 1.6,,}"))
        #expect(syntax.error.line == 2 && syntax.error.message.contains("is not valid JSON"))
    }

    @Test func cycloneDXJSONDistroQualifierGivesTheOS() throws {
        let json = """
            {"components": [{"type": "library", "name": "openssl",
              "purl": "pkg:rpm/redhat/openssl@3.0.1-41.el9_0?arch=x86_64&epoch=1&distro=rhel-9.2"}],
             "specVersion": "1.4", "bomFormat": "CycloneDX"}
            """
        let host = try #require(try importInline("db.json", json).hosts.first)
        #expect(host.packages.first?.version == "1:3.0.1-41.el9_0")
        #expect(host.os?.name == "rhel" && host.os?.version == "9.2" && host.os?.inferredFrom != nil)
    }

    @Test func spdxOperatingSystemPackageAndPurls() throws {
        let json = """
            {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "not-a-host",
             "creationInfo": {"created": "2026-11-28T08:00:00Z", "creators": ["Tool: x"]},
             "packages": [
               {"SPDXID": "SPDXRef-os", "name": "ubuntu", "versionInfo": "22.04", "primaryPackagePurpose": "OPERATING-SYSTEM"},
               {"SPDXID": "SPDXRef-a", "name": "nginx", "versionInfo": "1.18.0-6ubuntu14.4",
                "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                  "referenceLocator": "pkg:deb/ubuntu/nginx@1.18.0-6ubuntu14.4?arch=amd64"}]},
               {"SPDXID": "SPDXRef-b", "name": "Django", "versionInfo": "NOASSERTION"}
             ]}
            """
        let (kind, hosts) = try importInline("edge07.spdx.json", json)
        #expect(kind == .spdxJSON)
        let host = try #require(hosts.first)
        #expect(host.hostname == "edge07")
        #expect(host.os?.name == "ubuntu" && host.os?.version == "22.04" && host.os?.inferredFrom == nil)
        #expect(host.packages.map(\.name) == ["nginx", "Django"])
        #expect(host.packages[0].ecosystem == .deb && host.packages[1].version == "")
        let old = try #require(try importError("x.json", "{\"spdxVersion\": \"SPDX-2.1\"}"))
        #expect(old.error.message.contains("SPDX-2.3"))
    }

    @Test(
        arguments: [
            ("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", Ecosystem.deb, "curl", "7.50.3-1"),
            ("pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25&epoch=2", .rpm, "curl", "2:7.50.3-1.fc25"),
            (
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", .maven, "org.apache.logging.log4j:log4j-core",
                "2.14.1"
            ),
            ("pkg:npm/%40angular/animation@12.3.1", .npm, "@angular/animation", "12.3.1"),
            ("pkg:npm/@angular/core", .npm, "@angular/core", nil),
            ("pkg:pypi/django-allauth@0.54.0", .pypi, "django-allauth", "0.54.0"),
            ("pkg:golang/github.com/gorilla/mux@v1.8.0#sub/pkg", .golang, "github.com/gorilla/mux", "v1.8.0"),
            ("pkg:nuget/Newtonsoft.Json@13.0.1", .nuget, "Newtonsoft.Json", "13.0.1"),
            ("pkg:gem/rails@7.0.4", .gem, "rails", "7.0.4"),
            ("pkg:cargo/rand@0.8.5", .cargo, "rand", "0.8.5"),
            ("PKG:apk/alpine/openssl@3.1.4-r1", .generic, "openssl", "3.1.4-r1"),
            (
                "pkg:deb/debian/openssh-server@1%3A9.2p1-2%2Bdeb12u3?arch=amd64", .deb, "openssh-server",
                "1:9.2p1-2+deb12u3"
            ),
            ("pkg:generic/openssl@1.1.1w?download_url=https%3A%2F%2Fexample", .generic, "openssl", "1.1.1w"),
        ] as [(String, Ecosystem, String, String?)])
    func packageURLs(text: String, ecosystem: Ecosystem, name: String, version: String?) throws {
        let purl = try #require(PackageURL(text))
        #expect(purl.ecosystem == ecosystem && purl.packageName == name && purl.packageVersion == version)
    }

    @Test func packageURLEdgeCases() throws {
        #expect(PackageURL("https://example.com/x") == nil)
        #expect(PackageURL("pkg:deb") == nil)
        #expect(PackageURL("pkg:/deb/") == nil)
        let odd = try #require(PackageURL("pkg:deb/debian/a%zzb@1.0%"))
        #expect(odd.name == "a%zzb" && odd.version == "1.0%")
        #expect(PackageURL("pkg:golang/google.golang.org/genproto#../../x")?.subpath == "x")
        #expect(PackageURL("pkg:deb/debian/x@1?distro=debian-12")?.distribution?.version == "12")
        #expect(PackageURL("pkg:deb/ubuntu/x@1?distro=jammy")?.distribution?.name == "ubuntu")
        #expect(PackageURL("pkg:pypi/x@1?distro=debian-12")?.distribution == nil)
    }
}
