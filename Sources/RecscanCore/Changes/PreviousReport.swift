import Foundation

/// One host of the previous run's report, reduced to what run-to-run changes compare.
struct PreviousHost {
    /// The hostname, lowercased: the order hosts are sorted in.
    var key: String
    /// The hostname as the previous report spells it.
    var hostname: String
    var status: String
    var rules: [String: RuleState] = [:]
    var findings: Set<FindingKey> = []
}

/// The previous run's `report.xml`, found through `<out>/latest`, read host by host.
///
/// Opening it streams the whole file once to check that it is a recscan report whose hosts are
/// sorted (strictly, by lowercased hostname, as every run writes them); only then is it walked a
/// second time, one host at a time, beside the new run's hosts. Memory holds one previous host.
final class PreviousReport {
    /// What the report's root says about the previous run.
    struct Header {
        var runID: String
        var catalogVersion: String?
        var referenceTime: String?
    }

    /// What was found in the output folder.
    enum Lookup {
        /// No previous run: `latest` does not exist.
        case none
        /// A previous run exists but cannot be compared, with the reason.
        case unavailable(runID: String, reason: String)
        /// A previous run to compare with.
        case available(PreviousReport)
    }

    let header: Header
    private let reader: XMLPullReader
    private var current: PreviousHost?

    private init(header: Header, path: String) throws {
        self.header = header
        reader = try XMLPullReader(path: path)
    }

    /// Finds the previous run of `outDirectory` through its `latest` link.
    static func lookup(outDirectory: String) -> Lookup {
        let latest = (outDirectory as NSString).appendingPathComponent("latest")
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latest) else {
            return FileManager.default.fileExists(atPath: latest)
                ? .unavailable(runID: "latest", reason: "\(latest) is not a link to a run folder") : .none
        }
        let runID = (target as NSString).lastPathComponent
        let path = (latest as NSString).appendingPathComponent("report.xml")
        guard FileManager.default.fileExists(atPath: path) else {
            return .unavailable(runID: runID, reason: "the previous run wrote no report.xml (only --format html?)")
        }
        do {
            let header = try checkedHeader(path: path, runID: runID)
            return .available(try PreviousReport(header: header, path: path))
        } catch let error as InputError {
            return .unavailable(runID: runID, reason: error.description)
        } catch {
            return .unavailable(runID: runID, reason: "\(path): \(error)")
        }
    }

    /// Streams the report once: the root's facts, and a check that hosts are strictly sorted.
    /// Only the root and the top-level elements become events; everything inside them is skipped.
    private static func checkedHeader(path: String, runID: String) throws -> Header {
        var header = Header(runID: runID)
        var previous: String?
        let reader = try XMLPullReader(path: path)
        while let event = try reader.next() {
            guard case .start(let element) = event else { continue }
            if element.depth == 0 {
                try expectRoot(element, name: "report", namespace: ReportXMLWriter.namespace, file: path)
                header.runID = element["run"] ?? runID
                header.catalogVersion = element["catalogVersion"]
                header.referenceTime = element["referenceTime"]
                continue
            }
            if element.localName == "host" {
                let key = (element["hostname"] ?? "").lowercased()
                if let previous, key <= previous {
                    throw InputError(
                        file: path, line: element.line,
                        message: "lists host \(key) out of order; changes need sorted hosts")
                }
                previous = key
            }
            try reader.skipContent(of: element)
        }
        return header
    }

    /// The next host without consuming it; `nil` after the last one.
    func peek() throws -> PreviousHost? {
        if current == nil { current = try readHost() }
        return current
    }

    /// Consumes the host `peek()` returned.
    func advance() { current = nil }

    /// Reads up to the end of the next host, skipping everything but its rules and findings.
    private func readHost() throws -> PreviousHost? {
        var host: PreviousHost?
        while let event = try reader.next() {
            switch event {
            case .start(let element) where element.depth == 0:
                continue
            case .start(let element) where element.depth == 1:
                guard element.localName == "host" else {
                    try reader.skipContent(of: element)
                    continue
                }
                let name = element["hostname"] ?? ""
                host = PreviousHost(key: name.lowercased(), hostname: name, status: element["status"] ?? "")
            case .start(let element):
                if element.localName == "rule", let id = element["id"],
                    let outcome = element["outcome"].flatMap(Outcome.init(rawValue:))
                {
                    host?.rules[id] = RuleState(
                        outcome: outcome, apply: element["apply"].flatMap(ApplyClass.init(rawValue:)))
                } else if element.localName == "finding" {
                    host?.findings.insert(
                        FindingKey(
                            kind: element["kind"] ?? "", severity: element["severity"] ?? "", ruleID: element["rule"],
                            level: element["level"], levelID: element["id"]))
                }
                try reader.skipContent(of: element)
            case .end(let name, let depth) where depth == 1 && name == "host":
                return host
            default:
                continue
            }
        }
        return nil
    }
}
