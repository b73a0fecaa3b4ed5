import Foundation
import Testing

@testable import RecscanCore

/// `api-plan.json`: the run's changes as Deep Security API requests, in the operator's order, and
/// every request one the SDK defines.
struct APIPlanTests {
    static let sdkPython = VersionOracle.python(importing: "deepsecurity")

    /// Scans the sample fleet given as an API export, approving `approvals`; returns the run folder.
    static func sampleRun(into folder: TemporaryFolder, approvals: Set<String> = []) async throws -> String {
        var options = DeepSecurityExportTests.options()
        options.outDirectory = folder.path
        options.approvedRules = approvals
        return try await ScanPipeline(options: options).run().runPath
    }

    static func plan(_ run: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: run + "/api-plan.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func theFalsePositiveStoryIsUnassignedPoliciesFirstAndTheEngineRestoredLast() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let plan = try Self.plan(try await Self.sampleRun(into: folder))
        let paths = plan.compactMap { $0["path"] as? String }
        let methods = plan.compactMap { $0["method"] as? String }
        // 1000763 is assigned on Linux Web Servers (policy 3) and on web01 (computer 101); its
        // manager ID is 4002. web01 is already in tap mode, set on the computer itself.
        let policy = try #require(paths.firstIndex(of: "/api/policies/3/intrusionprevention/assignments/4002"))
        let computer = try #require(paths.firstIndex(of: "/api/computers/101/intrusionprevention/assignments/4002"))
        #expect(policy < computer)
        #expect(paths.last == "/api/computers/101/settings/firewallSettingNetworkEngineMode")
        #expect(methods.last == "DELETE")
        #expect(plan.map { $0["step"] as? Int } == Array(1...plan.count).map { Optional($0) })
        #expect(plan.allSatisfy { ($0["why"] as? String)?.isEmpty == false })
        // Nothing is sent twice: web03's plan unassigns the same policy assignment.
        #expect(Set(zip(methods, paths).map { "\($0) \($1)" }).count == plan.count)
    }

    @Test func aTapSwitchComesFirstAndItsRestorationLast() throws {
        var fleet = Fleet()
        fleet.policies["Web"] = Policy(id: "Web", name: "Web")
        fleet.computers["h1"] = Computer(hostname: "h1", policyID: "Web")
        var directory = ManagerDirectory()
        directory.policies["Web"] = 7
        directory.computers["h1"] = 42
        directory.rules["1000763"] = .init(module: .intrusionPrevention, id: 4002)
        var builder = APIPlanBuilder(fleet: fleet, manager: directory, approvals: [])
        func step(_ order: Int, _ action: String, _ attributes: [(String, String)], optional: Bool = false)
            -> TriageStep
        {
            TriageStep(
                order: order, action: action, optional: optional,
                attributes: attributes.map { (name: $0.0, value: $0.1) },
                text: action)
        }
        let plan = TriagePlan(
            hostname: "h1", ruleID: "1000763", events: 3, blocked: true,
            steps: [
                step(1, "review-events", []),
                step(2, "set-engine-mode", [("level", "computer"), ("mode", "tap")], optional: true),
                step(3, "unassign", [("level", "policy"), ("id", "Web")]), step(4, "unassign", [("level", "computer")]),
                step(5, "exclude", [("level", "computer"), ("needed", "true")]), step(6, "watch", []),
                step(7, "restore-engine-mode", [("level", "computer"), ("mode", "inherited")]),
            ])
        var host = HostAnalysis(report: HostReport(hostname: "h1", status: .ok), excludableRuleIDs: [], triage: [plan])
        host.report.policyID = "Web"
        builder.add(host)
        let requests = builder.requests()
        #expect(
            requests.map { "\($0.method) \($0.path)" } == [
                "POST /api/computers/42",
                "DELETE /api/policies/7/intrusionprevention/assignments/4002",
                "DELETE /api/computers/42/intrusionprevention/assignments/4002",
                "POST /api/computers/42/intrusionprevention/rules/4002",
                "DELETE /api/computers/42/settings/firewallSettingNetworkEngineMode",
            ])
        #expect(requests[0].body?.json == #"{"computerSettings":{"firewallSettingNetworkEngineMode":{"value":"Tap"}}}"#)
        #expect(requests[3].body?.json == #"{"recommendationsMode":"ignored"}"#)
    }

    @Test(.enabled(if: sdkPython != nil, "needs Trend Micro's SDK: pip install deep-security-api==20.0.463"))
    func everyRequestIsOneTheSDKDefines() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try await Self.sampleRun(into: folder, approvals: ["1000608", "1008646"])
        #expect(try Self.plan(run).count >= 5)
        let checker = SampleFleet.repository.appendingPathComponent("tools/deepsecurity/check_api_plan.py").path
        let python = try #require(Self.sdkPython)
        let result = try #require(VersionOracle.run("/usr/bin/env", [python, checker, run + "/api-plan.json"]))
        #expect(result.status == 0, "\(result)")
    }
}
