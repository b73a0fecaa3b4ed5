import Foundation
import RecscanCore

/// Feeds one fuzzer input to recscan's parsers and comparators and checks the properties that
/// must hold for any input: nothing crashes or hangs (the fuzzer sees that), a rejection names the
/// file, no content of a local file that the input points at ever reaches a result, every report
/// fragment is well-formed XML, and the version orders are consistent.
///
/// The first byte picks the target; the rest is the payload. The same harness runs under
/// libFuzzer (`fuzz/run.sh`) and over the kept crash inputs in the tests.
public struct FuzzHarness: Sendable {
    /// Where payloads are written for the readers that take a path.
    public let scratch: String
    /// Small bounds, so that a run spends its time on variety rather than on size.
    public let limits = InputLimits(maxFileBytes: 1 << 20, maxDepth: 32)
    let analyzer: HostAnalyzer
    let records: HostRecordCodec

    /// The file that hostile inputs try to read (`file:///tmp/recscan-fuzz-secret.txt`); its
    /// marker must never appear in a result.
    public static let secretPath = "/tmp/recscan-fuzz-secret.txt"
    /// The content of ``secretPath``.
    public static let secretMarker = "RECSCAN-FUZZ-SECRET-7f3a"

    /// Prepares the scratch folder, the secret file and an analyzer over the bundled catalog.
    /// - Throws: when the scratch folder or the bundled catalog cannot be set up.
    public init(scratch: String) throws {
        self.scratch = scratch
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: Self.secretPath) {
            try Data((Self.secretMarker + "\n").utf8).write(to: URL(fileURLWithPath: Self.secretPath))
        }
        let catalog = try CatalogReader.read(bytes: BundledCatalog.bytes, displayName: BundledCatalog.displayName)
        analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: Fleet(), referenceTime: 1_795_910_400,
            maxAgeDays: 7)
        records = HostRecordCodec(catalog: catalog)
    }

    /// The targets, chosen by the input's first byte (modulo their count).
    public enum Target: Int, CaseIterable, Sendable {
        case inventoryFile, fleetFile, catalogFile, eventsFile, versions, xmlBytes, validate, hostRecord
    }

    /// Runs one input and returns the violated properties (empty when all hold).
    public func run(_ input: [UInt8]) -> [String] {
        guard let first = input.first else { return [] }
        let payload = Array(input.dropFirst())
        guard let target = Target(rawValue: Int(first) % Target.allCases.count) else { return [] }
        switch target {
        case .inventoryFile: return inventoryFile(payload)
        case .fleetFile: return readFile(payload, name: "fleet.xml") { try FleetReader.read(path: $0, limits: limits) }
        case .catalogFile:
            return readFile(payload, name: "catalog.xml") { try CatalogReader.read(path: $0, limits: limits) }
        case .eventsFile: return eventsFile(payload)
        case .versions: return VersionProperties.check(payload)
        case .xmlBytes: return xmlBytes(payload)
        case .validate:
            let path = write(payload, name: "input.xml")
            return leaks(FileValidator.validate(path: path, limits: limits).problems.map(\.description))
        case .hostRecord: return HostRecordCheck.check(payload, codec: records)
        }
    }

    private func write(_ payload: [UInt8], name: String) -> String {
        let path = (scratch as NSString).appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(payload))
        return path
    }

    private func leaks(_ texts: [String]) -> [String] {
        texts.filter { $0.contains(Self.secretMarker) }.map { "local file content in a result: \($0.prefix(200))" }
    }

    private func readFile<T>(_ payload: [UInt8], name: String, read: (String) throws -> T) -> [String] {
        let path = write(payload, name: name)
        do {
            let value = try read(path)
            return leaks([String(describing: value)])
        } catch {
            return checkError(error, path: path)
        }
    }

    private func checkError(_ error: any Error, path: String) -> [String] {
        let text = String(describing: error)
        var problems = leaks([text])
        if !text.contains((path as NSString).lastPathComponent) {
            problems.append("an error that does not name the file: \(text.prefix(200))")
        }
        return problems
    }

    private func inventoryFile(_ payload: [UInt8]) -> [String] {
        let path = write(payload, name: "host01.input")
        let file = DiscoveredInput(path: path, displayName: path, kind: InputDiscovery.classify(path: path))
        guard InventoryFormats.holdsHosts(file.kind) else { return [] }
        let hosts: [HostInventory]
        do {
            hosts = try InventoryFormats.read(file, limits: limits)
        } catch {
            return checkError(error, path: path)
        }
        var problems = leaks([String(describing: hosts)])
        for host in hosts {
            let analysis = analyzer.analyze(HostInput(hostname: host.hostname, inventory: host, errors: []))
            problems += ReportFragmentCheck.check(analysis.report)
        }
        return problems
    }

    private func eventsFile(_ payload: [UInt8]) -> [String] {
        let path = write(payload, name: "events.input")
        switch InputDiscovery.classify(path: path) {
        case .eventsXML:
            return readFile(payload, name: "events.input") {
                try EventsReader.readXML(path: $0, displayName: $0, limits: limits)
            }
        default:
            do {
                return leaks([
                    String(
                        describing: try EventsReader.readCSV(
                            text: String(decoding: payload, as: UTF8.self), displayName: path))
                ])
            } catch {
                return checkError(error, path: path)
            }
        }
    }

    private func xmlBytes(_ payload: [UInt8]) -> [String] {
        var texts: [String] = []
        do {
            try XMLStreamReader.read(bytes: payload, displayName: "bytes.xml", limits: limits) { event in
                switch event {
                case .start(let element): texts += element.attributePairs.map(\.value)
                case .text(let text): texts.append(text)
                case .end: break
                }
            }
        } catch {
            let text = String(describing: error)
            return leaks(texts + [text]) + (text.contains("bytes.xml") ? [] : ["an error without the file: \(text)"])
        }
        return leaks(texts)
    }
}
