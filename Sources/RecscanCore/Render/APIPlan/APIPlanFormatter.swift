/// `api-plan.json` and `api-plan.sh`: the run's decisions as Deep Security API requests, written
/// when the fleet came from the manager's API export. Reviewed, never sent by recscan.
struct APIPlanFormatter: ReportFormatter {
    let destination: ReportDestination
    private var builder: APIPlanBuilder

    init(_ destination: ReportDestination, fleet: Fleet, manager: ManagerDirectory, approvals: Set<String>) {
        self.destination = destination
        builder = APIPlanBuilder(fleet: fleet, manager: manager, approvals: approvals)
    }

    var renderer: any HostRenderer { NothingPerHost() }

    mutating func begin(_ fleet: FleetResults) throws {}

    mutating func add(_ host: StoredHost, rendered: [UInt8]) throws { builder.add(try host.analysis()) }

    mutating func finish(_ fleet: FleetResults) throws {
        let requests = builder.requests()
        let plan = try ReportFile(path: destination.directory + "/api-plan.json")
        try plan.append(APIPlanJSON.document(requests))
        try plan.close()
        let script = try ReportFile(path: destination.directory + "/api-plan.sh")
        try script.append(APIPlanShell.script(requests, run: destination.run.runID, unnamed: builder.unnamed))
        try script.close()
    }

    /// The plan needs every host's decisions together, not a per-host rendering.
    private struct NothingPerHost: HostRenderer {
        func render(_ host: StoredHost) throws -> [UInt8] { [] }
    }
}
