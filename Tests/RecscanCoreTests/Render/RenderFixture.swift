@testable import RecscanCore

/// A small hand-built run for the HTML renderer tests, with hostile strings where inputs reach a page.
enum RenderFixture {
    static let hostile = "<script>alert('x')</script> & \"quoted\""

    static let run = RunInfo(
        runID: "20261128T090000Z",
        catalogVersion: "2026.11.28",
        referenceTime: "2026-11-28T09:00:00Z"
    )

    static var catalog: Catalog {
        let webServer = ApplicationType(
            id: "web-server-common",
            name: "Web Server Common",
            direction: "incoming",
            transport: "tcp",
            ports: "80,443",
            detections: []
        )
        let rules = [
            Rule(id: "1000128", module: .intrusionPrevention, name: "HTTP Protocol Decoding", severity: .low),
            Rule(
                id: "1000763",
                module: .intrusionPrevention,
                name: "URI Length And Depth Restriction",
                severity: .medium,
                applicationTypeID: "web-server-common",
                dependsOn: ["1000128"],
                neverAutoReason: .mayAffectOperation
            ),
            Rule(
                id: "1006012",
                module: .intrusionPrevention,
                name: "Identified Suspicious OpenSSL TLS/DTLS Heartbeat Request",
                severity: .high,
                cves: ["CVE-2014-0160"]
            ),
            Rule(
                id: "1008646",
                module: .intrusionPrevention,
                name: "Old Detect-Only Rule",
                severity: .low,
                detectOnly: true
            ),
            Rule(
                id: "1007000",
                module: .logInspection,
                name: "Catalog-Excluded Rule",
                severity: .medium,
                excludedInCatalog: true
            ),
            Rule(
                id: "2000001",
                module: .integrityMonitoring,
                name: hostile,
                severity: .critical,
                neverAutoReason: .requiresConfiguration,
                description: hostile
            ),
        ]
        return Catalog(
            version: "2026.11.28",
            applicationTypes: ["web-server-common": webServer],
            rules: Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
        )
    }

    static func result(
        _ id: String,
        _ outcome: Outcome,
        apply: ApplyClass? = nil,
        reason: ManualReason? = nil,
        evidence: [Evidence] = [],
        assignedAt: [Level] = [],
        excludedBy: ExclusionReference? = nil
    ) -> RuleResult {
        let rule = catalog.rules[id]
        return RuleResult(
            ruleID: id,
            module: rule?.module ?? .intrusionPrevention,
            name: rule?.name ?? "",
            severity: rule?.severity ?? .low,
            outcome: outcome,
            apply: apply,
            reason: reason,
            blocks: false,
            evidence: evidence,
            assignedAt: assignedAt,
            excludedBy: excludedBy
        )
    }

    static var web01: HostReport {
        let settings = EffectiveSettings(
            engineMode: .tap,
            engineModeSetAt: .computer,
            behavior: .prevent,
            behaviorSetAt: nil,
            autoApply: [.intrusionPrevention: true, .logInspection: false]
        )
        let openssl = Evidence(
            .package,
            [
                (name: "ecosystem", value: "deb"), (name: "name", value: "openssl"),
                (name: "version", value: "1.0.1e-2"), (name: "range", value: "[1.0.1, 1.0.1g-1)"),
            ]
        )
        return HostReport(
            hostname: "web01",
            policyID: "linux-web",
            status: .ok,
            os: OperatingSystem(family: "linux", name: "debian", version: "12", arch: "x86_64"),
            collected: "2026-11-28T08:00:00Z",
            settings: settings,
            rules: [
                result(
                    "1000128",
                    .assigned,
                    evidence: [Evidence(.dependency, [(name: "rule", value: "1000763")])],
                    assignedAt: [.policy("base")]
                ),
                result(
                    "1000763",
                    .assigned,
                    evidence: [Evidence(.applicationType, [(name: "id", value: "web-server-common")])],
                    assignedAt: [.policy("linux-web"), .computer]
                ), result("1006012", .toAssign, apply: .auto, evidence: [openssl]),
                result(
                    "1007000",
                    .excluded,
                    evidence: [Evidence(.always, [])],
                    excludedBy: ExclusionReference(level: .catalog)
                ),
                result(
                    "1008646",
                    .toUnassign,
                    evidence: [
                        Evidence(
                            .patched,
                            [
                                (name: "ecosystem", value: "deb"), (name: "name", value: "bash"),
                                (name: "version", value: "5.2-1"), (name: "fixed", value: "4.3-7"),
                            ]
                        )
                    ],
                    assignedAt: [.computer, .policy("base")]
                ),
                result(
                    "2000001",
                    .toAssign,
                    apply: .manual,
                    reason: .requiresConfiguration,
                    evidence: [Evidence(.file, [(name: "path", value: "/etc/\(hostile)")])]
                ),
            ],
            findings: [
                Finding(
                    kind: .engineTapOverride,
                    severity: .high,
                    level: .computer,
                    message: "The engine mode is tap: blocking is off for every rule."
                ),
                Finding(
                    kind: .multiLevelAssignment,
                    severity: .medium,
                    ruleID: "1000763",
                    message: "Assigned on policy linux-web and on the computer."
                ),
                Finding(
                    kind: .unknownRule,
                    severity: .medium,
                    ruleID: "9999999",
                    message: "Rule \(hostile) is unknown."
                ),
            ],
            inventorySources: ["Inventories/web01.xml"]
        )
    }

    /// Hosts in sorted hostname order, as the pipeline hands them over.
    static var hosts: [HostReport] {
        [
            HostReport(
                hostname: hostile,
                policyID: hostile,
                status: .error,
                findings: [Finding(kind: .inventoryError, severity: .high, message: "cannot read \(hostile)")]
            ), HostReport(hostname: "db02", policyID: "base", status: .noInventory), web01,
        ]
    }

    static let rejected = [RejectedInput(file: "Inventories/\(hostile).xml", line: 3, column: 7, reason: hostile)]

    static let exclusions = [
        FleetExclusion(
            level: .policy("linux-web"),
            ownerID: "linux-web",
            ruleID: "1004293",
            reason: hostile,
            by: "ops",
            expires: "2027-03-31",
            state: .active
        ), FleetExclusion(level: .computer, ownerID: "web01", ruleID: "1000763", state: .unused),
    ]

    static let triage = [
        TriagePlan(
            hostname: "web01",
            ruleID: "1000763",
            events: 2,
            blocked: true,
            steps: [
                TriageStep(
                    order: 2,
                    action: "unassign",
                    attributes: [(name: "level", value: "policy"), (name: "id", value: "linux-web")],
                    text: "Unassign the rule on policy linux-web."
                ),
                TriageStep(
                    order: 1,
                    action: "set-engine-mode",
                    attributes: [(name: "mode", value: "tap")],
                    text: "Switch the engine of web01 to tap."
                ),
                TriageStep(
                    order: 3,
                    action: "exclude",
                    optional: true,
                    text: "Exclude \(hostile) from recommendations."
                ),
            ]
        )
    ]

    /// Renders the fixture into `directory`.
    /// Writes every page of the fixture; `rowsPerBatch` is how many rule-page rows are read back at a time.
    /// - Parameter ordinals: each host's rules' catalog ordinals, as a scan gives the writer; by
    ///   default none, as for reports read back.
    static func render(
        into directory: String, rowsPerBatch: Int = 100_000, jobs: Int = 1, hosts: [HostReport] = hosts,
        ordinals: (HostReport) -> [Int] = { _ in [] }
    ) throws {
        var writer = HTMLReportWriter(
            directory: directory, run: run, catalog: catalog, hostsPerPage: 500, rowsPerBatch: rowsPerBatch, jobs: jobs)
        var summary = ScanSummary()
        for host in hosts {
            let plans = triage.filter { $0.hostname == host.hostname }
            try writer.writePage(for: host, triage: plans)
            try writer.record(host, ordinals: ordinals(host), triage: plans)
            summary.add(host)
        }
        summary.rejectedInputs = rejected.count
        try writer.finish(FleetResults(summary: summary, rejected: rejected, exclusions: exclusions, triage: triage))
    }
}
