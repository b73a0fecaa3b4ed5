import Testing
@testable import RecscanCore

/// The memos that host and rule pages share from page to page must not change a byte: each page
/// rendered with a memo that earlier pages filled reads as the page rendered afresh.
@Suite("Page memos") struct PageMemoTests {
    /// Hosts that share rules and evidence, but where a rule's name or severity differs, and where a
    /// dependency names a rule that has a page on one host and none on the other.
    private static var hosts: [HostReport] {
        let web01 = RenderFixture.web01
        var web02 = web01
        web02.hostname = "web02"
        // 1000763 is gone: web02's "needed by rule 1000763" has no page to link to.
        web02.rules.removeAll { $0.ruleID == "1000763" }
        var web03 = web01
        web03.hostname = "web03"
        for index in web03.rules.indices where web03.rules[index].ruleID == "1006012" {
            web03.rules[index].name = "Renamed in this run"
            web03.rules[index].severity = .critical
            web03.rules[index].evidence = [
                Evidence(.port, [(name: "protocol", value: "tcp"), (name: "port", value: "443")])
            ]
        }
        return [web01, web02, web03, web01, web02]
    }

    /// With `byOrdinal`, rules come with catalog ordinals, as in a scan, and the memo finds
    /// their links by them; a renamed rule keeps its ordinal.
    @Test(arguments: [1, 20_000], [false, true])
    func hostPagesWithASharedMemoReadAsRenderedAfresh(evidenceLimit: Int, byOrdinal: Bool) {
        var memo = HostPageMemo(evidenceLimit: evidenceLimit)
        let ids = Set(Self.hosts.flatMap { $0.rules.map(\.ruleID) }).sorted()
        let ordinal = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0 * 5 + 1) })
        for host in Self.hosts {
            let ordinals = byOrdinal ? host.rules.compactMap { ordinal[$0.ruleID] } : []
            let page = HostPage(
                host: host, catalog: RenderFixture.catalog, run: RenderFixture.run, ordinals: ordinals)
            let readsTheSame = page.render(memo: &memo) == page.render()
            #expect(readsTheSame, "host \(host.hostname)")
        }
        let web02 = HostPage(host: Self.hosts[1], catalog: RenderFixture.catalog, run: RenderFixture.run)
        #expect(!String(decoding: web02.render(), as: UTF8.self).contains("rules/1000763.html"))
    }

    /// Hosts read back from their records, as a run renders them: the rules of a host that share
    /// an evidence list (an application type, the OS) share one array, which the memo finds by
    /// address, once per host; each host has two such lists, and hosts have different ones.
    @Test func hostPagesOfStoredHostsReadAsRenderedAfresh() throws {
        let codec = HostRecordCodec(catalog: RenderFixture.catalog)
        var memo = HostPageMemo()
        for (index, type) in ["type-a", "type-b", "type-a"].enumerated() {
            var host = RenderFixture.web01
            host.hostname = "web\(index)"
            let lists = [type, type + "-other"].map { id in
                [Evidence(.applicationType, [(name: "id", value: id), (name: "via", value: "tcp/80")])]
            }
            for rule in host.rules.indices { host.rules[rule].evidence = lists[rule % 2] }
            let stored = try codec.decode(
                codec.encode(HostAnalysis(report: host, excludableRuleIDs: [], triage: []))
            ).report
            let page = HostPage(host: stored, catalog: RenderFixture.catalog, run: RenderFixture.run)
            let text = String(decoding: page.render(memo: &memo), as: UTF8.self)
            #expect(text == String(decoding: page.render(), as: UTF8.self), "host \(host.hostname)")
            for id in [type, type + "-other"] {
                #expect(text.contains("application type \(id) detected (tcp/80)"), "host \(host.hostname): \(id)")
            }
        }
    }

    /// Twelve hosts under policies `a`, none, and one literally named "none" (which reads the same as
    /// none), with a rule to assign whose apply class is manual, missing, or automatic.
    private static func ruleRows() -> (hosts: [HostDigest], rows: [RuleHostRow]) {
        let policies: [String?] = ["a", nil, "none"]
        let applies: [(ApplyClass?, ManualReason?)] = [(.manual, .mayAffectOperation), (nil, nil), (.auto, nil)]
        var hosts: [HostDigest] = []
        var rows: [RuleHostRow] = []
        for index in 0..<12 {
            let name = "host\(index)"
            let host = HostReport(hostname: name, policyID: policies[index % 3], status: .ok)
            hosts.append(HostDigest(host: host, fileName: name))
            let (apply, reason) = applies[index / 4 % 3]
            let result = RenderFixture.result("1000763", .toAssign, apply: apply, reason: reason)
            rows.append(RuleHostRow(host: index, result: result, assignedByHand: false, exclusion: nil))
        }
        return (hosts, rows)
    }

    @Test func rulePagesGroupRowsWhoseCellsReadTheSame() throws {
        let (hosts, rows) = Self.ruleRows()
        let page = RulePage(
            rule: try #require(Self.digest(rows)), rows: rows, hosts: hosts, catalog: RenderFixture.catalog,
            run: RenderFixture.run, links: PageLinks(), rowLimit: 3)
        var memo = RulePageMemo(hosts: hosts)
        _ = page.render(memo: &memo)
        let text = String(decoding: page.render(memo: &memo), as: UTF8.self)
        #expect(text == String(decoding: page.render(), as: UTF8.self))
        // Policy "a" or "none" (no policy reads "none" too) times "decision" (missing or manual
        // apply, whose reasons differ) or "automatic": manual, missing and automatic rows under
        // "a", and the same under "none", are six groups.
        #expect(text.components(separatedBy: "<details>").count - 1 == 6)
        let perHost = RulePage(
            rule: try #require(Self.digest(rows)), rows: rows, hosts: hosts, catalog: RenderFixture.catalog,
            run: RenderFixture.run, links: PageLinks())
        let perHostReadsTheSame = perHost.render(memo: &memo) == perHost.render()
        #expect(perHostReadsTheSame)
    }

    private static func digest(_ rows: [RuleHostRow]) -> RuleDigest? {
        guard !rows.isEmpty else { return nil }
        var digest = RuleDigest(result: RenderFixture.result("1000763", .toAssign), ordinal: 0)
        for row in rows { digest.add(RenderFixture.result("1000763", .toAssign, apply: row.apply)) }
        return digest
    }
}
