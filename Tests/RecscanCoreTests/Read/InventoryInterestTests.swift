import Foundation
import Testing

@testable import RecscanCore

/// The native inventory reader keeps only the packages a catalog names (a scan's fast path),
/// decided on the raw bytes, and must keep exactly what matching would look at.
@Suite("Native inventories read through the package filter")
struct InventoryInterestTests {
    static let interest = PackageInterest([
        SoftwareKey(.deb, "openssl"), SoftwareKey(.rpm, "openssl"), SoftwareKey(.pypi, "Django_Rest.framework"),
        SoftwareKey(.maven, "org.apache.logging.log4j:log4j-core"), SoftwareKey(.windows, "Microsoft Exchange"),
    ])

    static func read(_ body: String, interest: PackageInterest? = interest) throws -> HostInventory? {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "inventory.xml",
            "<inventory xmlns=\"urn:recscan:inventory:1\"><host hostname=\"h\">\n\(body)\n</host></inventory>")
        return try InventoryReader.read(path: path, displayName: "inventory.xml", limits: .standard, interest: interest)
            .first
    }

    /// Values are trimmed of ASCII and Unicode blanks at both ends, never inside.
    @Test(arguments: [
        ("3.0.15-1", "3.0.15-1"), (" 3.0 ", "3.0"), ("\t\n1 2\r", "1 2"), ("", ""), ("   ", ""),
        ("\u{00A0}é\u{00A0}", "é"), ("é", "é"), ("x\u{2003}", "x"),
    ])
    func valuesAreTrimmedAtTheEndsOnly(value: String, trimmed: String) {
        #expect(value.trimmingWhitespace == trimmed)
        #expect(value[...].trimmingWhitespace == trimmed)
    }

    /// Ecosystem and name are found in one walk over the attributes, in any order and among others.
    @Test(arguments: [nil, interest])
    func attributesAreFoundInAnyOrder(interest: PackageInterest?) throws {
        let host = try #require(
            try Self.read(
                """
                <package version="1" arch="amd64" name="openssl" ecosystem="deb"/>
                <package name="openssl" x="y" ecosystem="rpm" version="2"/>
                <package ecosystem="deb" version="3" name="openssl"/>
                """, interest: interest))
        #expect(
            host.packages.map { "\($0.ecosystem) \($0.name) \($0.version)" } == [
                "deb openssl 1", "rpm openssl 2", "deb openssl 3",
            ])
    }

    @Test func onlyNamedPackagesAreKeptWithEveryAttribute() throws {
        let host = try #require(
            try Self.read(
                """
                <package ecosystem="deb" name="openssl" version=" 3.0.15-1~deb12u1 " arch="amd64"/>
                <package ecosystem="deb" name="openssl-doc" version="1"/>
                <package ecosystem="rpm" name="openssl" version="1:3.0.7-27.el9"/>
                <package ecosystem="deb" name="opensslx" version="1"/>
                <package ecosystem="npm" name="openssl" version="1.0.0"/>
                <package ecosystem="maven" name="org.apache.logging.log4j:log4j-core" version="2.14.1"/>
                """))
        #expect(
            host.packages.map { "\($0.ecosystem) \($0.name) \($0.version) \($0.arch ?? "-")" } == [
                "deb openssl 3.0.15-1~deb12u1 amd64", "rpm openssl 1:3.0.7-27.el9 -",
                "maven org.apache.logging.log4j:log4j-core 2.14.1 -",
            ])
    }

    @Test("a filter made from an index keeps what matching looks at, and matching agrees")
    func aFilterFromAnIndexKeepsWhatMatchingNeeds() throws {
        let index = CatalogIndex(catalog: try Fixture.catalog(MatcherTests.catalogXML))
        let body = """
            <os family="linux" name="debian" version="12"/>
            <package ecosystem="deb" name="nginx" version="1.22"/>
            <package ecosystem="deb" name="openssl" version="1.0.1f-1"/>
            <package ecosystem="deb" name=" openssl " version="1.0.1h-1"/>
            <package ecosystem="deb" name="zlib1g" version="1"/>
            <package ecosystem="pypi" name="Django" version="4.1"/>
            """
        let filtered = try #require(try Self.read(body, interest: PackageInterest(index)))
        // Trimmed and normalized names are kept through the string path.
        #expect(filtered.packages.map(\.name) == ["nginx", "openssl", "openssl", "Django"])
        let unfiltered = try #require(try Self.read(body, interest: nil))
        #expect(unfiltered.packages.count == 5)
        let matcher = Matcher(index: index)
        let kept = matcher.match(filtered)
        let all = matcher.match(unfiltered)
        #expect(kept.recommended == all.recommended)
        #expect(kept.patched == all.patched)
        #expect(kept.recommended["1006012"] != nil && kept.recommended["1011000"] != nil)
    }

    @Test func namesAreComparedAsTheirEcosystemComparesThem() throws {
        let host = try #require(
            try Self.read(
                """
                <package ecosystem="pypi" name="django-rest-framework" version="3.1"/>
                <package ecosystem="windows" name="microsoft exchange" version="15.2"/>
                <package ecosystem="deb" name=" openssl " version="1"/>
                <package ecosystem="deb" name="OpenSSL" version="1"/>
                """))
        #expect(host.packages.map(\.name) == ["django-rest-framework", "microsoft exchange", "openssl"])
    }

    @Test func escapedValuesArriveDecoded() throws {
        let interest = PackageInterest([SoftwareKey(.generic, "a&b <c>")])
        let host = try #require(
            try Self.read(
                "<package ecosystem=\"generic\" name=\"a&amp;b &#x3C;c&gt;\" version=\"1&#46;0\"/>", interest: interest)
        )
        #expect(host.packages.map { "\($0.name)=\($0.version)" } == ["a&b <c>=1.0"])
    }

    @Test func skippedPackagesAreStillChecked() throws {
        for (package, message) in [
            (#"<package ecosystem="deb" version="1"/>"#, "needs a non-empty name"),
            (#"<package ecosystem="debian" name="x" version="1"/>"#, "is not one of"),
            (#"<package name="x" version="1"/>"#, "needs a non-empty ecosystem"),
        ] {
            #expect {
                _ = try Self.read("<os family=\"linux\"/>\n" + package)
            } throws: { error in
                let failure = (error as? InventoryFileError)?.error
                return failure?.line == 3 && failure?.message.contains(message) == true
            }
        }
    }

    @Test func withoutAFilterEveryPackageIsKept() throws {
        let host = try #require(
            try Self.read(
                "<package ecosystem=\"deb\" name=\"a\" version=\"1\"/><package ecosystem=\"deb\" name=\"b\" version=\"2\"/>",
                interest: nil))
        #expect(host.packages.map(\.name) == ["a", "b"])
    }
}
