import Testing

@testable import RecscanCore

@Suite("Matching a host against the catalog")
struct MatcherTests {
    static let catalogXML = """
        <applicationType id="web" name="Web Server Common" direction="incoming" protocol="tcp" ports="80,443">
          <detect><listen protocol="tcp" port="80"/><listen protocol="tcp" port="443"/><software ecosystem="deb" name="nginx"/></detect>
        </applicationType>
        <rule id="1000128" module="intrusion-prevention" name="HTTP Protocol Decoding" severity="low" applicationType="web"/>
        <rule id="1006012" module="intrusion-prevention" name="OpenSSL Heartbeat" severity="high">
          <applies><os family="linux"/>
            <software ecosystem="deb" name="openssl" introduced="1.0.1" fixed="1.0.1g-1"/>
            <software ecosystem="rpm" name="openssl" introduced="1.0.1" fixed="1:1.0.1e-16.el6_5.7"/></applies>
        </rule>
        <rule id="1011000" module="intrusion-prevention" name="Django SQLi" severity="high">
          <applies><software ecosystem="pypi" name="django" introduced="4.0" lastAffected="4.2.1"/></applies>
        </rule>
        <rule id="1009000" module="intrusion-prevention" name="Debian 12 only" severity="low">
          <applies><os family="linux" name="debian" version="12"/></applies>
        </rule>
        <rule id="1009001" module="intrusion-prevention" name="Debian 11 and newer" severity="low">
          <applies><os name="debian" minVersion="11"/></applies>
        </rule>
        <rule id="2000001" module="integrity-monitoring" name="SSH config" severity="medium">
          <applies><file path="/etc/ssh/sshd_config"/><service name="sshd"/><port protocol="tcp" port="22"/></applies>
        </rule>
        <rule id="3000001" module="log-inspection" name="Always" severity="low"/>
        <rule id="9000001" module="intrusion-prevention" name="Custom" severity="low" custom="true"/>
        <rule id="9000002" module="intrusion-prevention" name="Custom web" severity="low" custom="true" applicationType="web"/>
        """

    private func match(_ hostBody: String) throws -> (recommended: [String: RuleMatch], patched: [String: [Evidence]]) {
        let matcher = Matcher(index: CatalogIndex(catalog: try Fixture.catalog(Self.catalogXML)))
        return matcher.match(try Fixture.host(hostBody))
    }

    @Test func vulnerableDebPackageIsRecommendedWithItsRange() throws {
        let result = try match(
            """
            <os family="linux" name="ubuntu" version="14.04"/><package ecosystem="deb" name="openssl" version="1.0.1f-1ubuntu2"/>
            """)
        let evidence = try #require(result.recommended["1006012"]?.evidence)
        #expect(result.recommended["1006012"]?.certain == true)
        #expect(evidence.contains { $0.kind == .package && $0.value("range") == "[1.0.1, 1.0.1g-1)" })
        // The fixed version travels with the evidence, for "patch first" in triage.
        #expect(evidence.first { $0.kind == .package }?.value("fixed") == "1.0.1g-1")
    }

    @Test func patchedPackageIsNotRecommendedButRemembered() throws {
        let result = try match(
            "<os family=\"linux\" name=\"debian\" version=\"8\"/><package ecosystem=\"deb\" name=\"openssl\" version=\"1.0.1t-1+deb8u8\"/>"
        )
        #expect(result.recommended["1006012"] == nil)
        #expect(result.patched["1006012"]?.first?.kind == .patched)
    }

    @Test func rpmEpochIsHonoured() throws {
        // 1.0.1e-16.el6_5.7 without epoch 1 is below the fixed 1:1.0.1e-16.el6_5.7.
        let vulnerable = try match(
            "<os family=\"linux\" name=\"rhel\" version=\"6.5\"/><package ecosystem=\"rpm\" name=\"openssl\" version=\"1.0.1e-16.el6_5.4\"/>"
        )
        #expect(vulnerable.recommended["1006012"] != nil)
        let patched = try match(
            "<os family=\"linux\" name=\"rhel\" version=\"6.5\"/><package ecosystem=\"rpm\" name=\"openssl\" version=\"1:1.0.1e-30.el6\"/>"
        )
        #expect(patched.recommended["1006012"] == nil && patched.patched["1006012"] != nil)
    }

    @Test func packageBelowIntroducedIsNeitherRecommendedNorPatched() throws {
        let result = try match(
            "<os family=\"linux\"/><package ecosystem=\"deb\" name=\"openssl\" version=\"0.9.8o-4\"/>")
        #expect(result.recommended["1006012"] == nil && result.patched["1006012"] == nil)
    }

    @Test func unparsableVersionIsUncertain() throws {
        let result = try match(
            "<os family=\"linux\"/><package ecosystem=\"deb\" name=\"openssl\" version=\"unknown\"/>")
        let match = try #require(result.recommended["1006012"])
        #expect(!match.certain)
        #expect(match.evidence.contains { $0.kind == .uncertain && $0.value("reason") != nil })
    }

    @Test func osConstraintMustHold() throws {
        let windows = try match(
            "<os family=\"windows\" name=\"windows\" version=\"2022\"/><package ecosystem=\"deb\" name=\"openssl\" version=\"1.0.1f-1\"/>"
        )
        #expect(windows.recommended["1006012"] == nil)
        let debian12 = try match("<os family=\"linux\" name=\"debian\" version=\"12.7\"/>")
        #expect(debian12.recommended["1009000"] != nil && debian12.recommended["1009001"] != nil)
        let debian10 = try match("<os family=\"linux\" name=\"debian\" version=\"10\"/>")
        #expect(debian10.recommended["1009000"] == nil && debian10.recommended["1009001"] == nil)
        let debian120 = try match("<os family=\"linux\" name=\"debian\" version=\"120\"/>")
        #expect(debian120.recommended["1009000"] == nil)
    }

    @Test func pypiNamesAreNormalizedAndLastAffectedIsInclusive() throws {
        let affected = try match("<package ecosystem=\"pypi\" name=\"Django\" version=\"4.2.1\"/>")
        #expect(affected.recommended["1011000"] != nil)
        let fixed = try match("<package ecosystem=\"pypi\" name=\"DJANGO\" version=\"4.2.2\"/>")
        #expect(fixed.recommended["1011000"] == nil && fixed.patched["1011000"] != nil)
    }

    @Test func applicationTypeIsDetectedByPortOrSoftware() throws {
        let byPort = try match("<listen protocol=\"tcp\" port=\"443\"/>")
        #expect(byPort.recommended["1000128"]?.evidence.first?.value("detectedBy") == "tcp/443")
        let bySoftware = try match("<package ecosystem=\"deb\" name=\"nginx\" version=\"1.22.1-9\"/>")
        #expect(bySoftware.recommended["1000128"]?.evidence.first?.value("detectedBy") == "deb nginx")
        let udp = try match("<listen protocol=\"udp\" port=\"443\"/>")
        #expect(udp.recommended["1000128"] == nil)
    }

    @Test func portsFilesAndServicesAreAlternatives() throws {
        #expect(try match("<file path=\"/etc/ssh/sshd_config\"/>").recommended["2000001"] != nil)
        #expect(try match("<service name=\"SSHD\" state=\"stopped\"/>").recommended["2000001"] != nil)
        #expect(try match("<listen protocol=\"tcp\" port=\"22\"/>").recommended["2000001"] != nil)
        #expect(try match("<listen protocol=\"tcp\" port=\"2222\"/>").recommended["2000001"] == nil)
    }

    @Test func ruleWithoutCriteriaAppliesEverywhereButCustomRulesNever() throws {
        let result = try match("<listen protocol=\"tcp\" port=\"80\"/>")
        #expect(result.recommended["3000001"]?.evidence.first?.kind == .always)
        #expect(result.recommended["9000001"] == nil)
        #expect(result.recommended["9000002"] == nil)
    }

    @Test func candidatesComeFromTheIndexNotEveryRule() throws {
        let catalog = try Fixture.catalog(Self.catalogXML)
        let matcher = Matcher(index: CatalogIndex(catalog: catalog))
        let facts = HostFacts(
            try Fixture.host("<package ecosystem=\"pypi\" name=\"django\" version=\"4.1\"/>"), index: matcher.index)
        let candidates = matcher.index.candidates(for: facts).map { matcher.index.identity(of: $0).id }
        // Only the rules without triggers (OS-only, always, custom) are looked at; the Django
        // rule, whose one criterion is a package, is decided from that criterion.
        #expect(Set(candidates) == ["1009000", "1009001", "3000001", "9000001"])
        var softwareOnly: [String] = []
        let django = try #require(matcher.index.softwareID(SoftwareKey(.pypi, "django")))
        matcher.index.forEachSoftwareOnlyRule(of: django) { rule in
            softwareOnly.append(matcher.index.identity(of: rule.ordinal).id)
        }
        #expect(softwareOnly == ["1011000"])
    }

    @Test("a rule whose only criterion is a package is decided from it, as any other rule")
    func softwareOnlyRules() throws {
        let catalog = """
            <rule id="1" module="intrusion-prevention" name="Only a package" severity="high">
              <applies><software ecosystem="deb" name="libfoo" introduced="1.0" fixed="2.0-1"/></applies>
            </rule>
            <rule id="2" module="intrusion-prevention" name="A package and an OS" severity="high">
              <applies><os family="linux"/><software ecosystem="deb" name="libfoo" introduced="1.0" fixed="2.0-1"/></applies>
            </rule>
            """
        let matcher = Matcher(index: CatalogIndex(catalog: try Fixture.catalog(catalog)))
        func match(_ versions: [String]) throws -> (recommended: [String: RuleMatch], patched: [String: [Evidence]]) {
            let packages = versions.map { "<package ecosystem=\"deb\" name=\"libfoo\" version=\"\($0)\"/>" }
            return matcher.match(
                try Fixture.host("<os family=\"linux\" name=\"debian\" version=\"12\"/>" + packages.joined()))
        }
        let affected = try match(["1.5-1"])
        #expect(affected.recommended["1"]?.evidence == affected.recommended["2"]?.evidence.filter { $0.kind != .os })
        #expect(affected.recommended["1"]?.evidence.first?.value("version") == "1.5-1")
        let patched = try match(["2.0-1"])
        #expect(patched.recommended.isEmpty)
        #expect(patched.patched["1"] == patched.patched["2"] && patched.patched["1"]?.first?.kind == .patched)
        // Installed twice, once patched and once not: affected wins, with the affected copy as evidence.
        let both = try match(["2.1-1", "1.2-3"])
        #expect(both.recommended["1"]?.evidence.map { $0.value("version") } == ["1.2-3"])
        #expect(both.patched["1"] == nil)
        // A version that is not valid in the scheme is uncertain, and uncertain wins over patched.
        let invalid = try match(["2.1-1", "?"])
        #expect(invalid.recommended["1"]?.certain == false)
        #expect(invalid.recommended["1"]?.evidence == invalid.recommended["2"]?.evidence.filter { $0.kind != .os })
        let absent = try match([])
        #expect(absent.recommended["1"] == nil && absent.patched["1"] == nil)
        let outside = try match(["0.9-1"])
        #expect(outside.recommended["1"] == nil && outside.patched["1"] == nil)
    }

    @Test("rules are decided from their traits: an OS set shared by rules, an OS and an application type together")
    func rulesDecidedFromTheirTraits() throws {
        let catalog = """
            <applicationType id="web" name="Web" direction="incoming" protocol="tcp" ports="80">
              <detect><listen protocol="tcp" port="80"/></detect>
            </applicationType>
            <rule id="1" module="intrusion-prevention" name="Linux web" severity="low" applicationType="web">
              <applies><os family="linux"/></applies>
            </rule>
            <rule id="2" module="log-inspection" name="Linux" severity="low"><applies><os family="linux"/></applies></rule>
            <rule id="3" module="log-inspection" name="Linux too" severity="low"><applies><os family="linux"/></applies></rule>
            <rule id="4" module="log-inspection" name="Windows" severity="low"><applies><os family="windows"/></applies></rule>
            <rule id="5" module="intrusion-prevention" name="Web" severity="low" applicationType="web"/>
            """
        let index = CatalogIndex(catalog: try Fixture.catalog(catalog))
        #expect(
            (0..<index.operatingSystemSetCount).map(index.operatingSystems(inSet:)) == [
                [OSConstraint(family: "linux")], [OSConstraint(family: "windows")],
            ])
        let matcher = Matcher(index: index)
        let linux = matcher.match(
            try Fixture.host(
                "<os family=\"linux\" name=\"debian\" version=\"12\"/><listen protocol=\"tcp\" port=\"80\"/>"))
        #expect(linux.recommended["1"]?.evidence.map(\.kind) == [.os, .applicationType])
        #expect(linux.recommended["2"]?.evidence.map(\.kind) == [.os])
        #expect(linux.recommended["3"]?.evidence == linux.recommended["2"]?.evidence)
        #expect(linux.recommended["4"] == nil)
        #expect(linux.recommended["5"]?.evidence.map { $0.value("detectedBy") } == ["tcp/80"])
        let withoutOS = matcher.match(try Fixture.host("<listen protocol=\"tcp\" port=\"80\"/>"))
        #expect(Set(withoutOS.recommended.keys) == ["5"])
    }
}
