import Foundation

/// The reference tools the version comparators are checked against, run as child processes.
///
/// Each check runs its tool once (or once per pair inside a single `sh`), feeding the pairs
/// through a temporary file, so a whole corpus costs one process launch from the test.
enum VersionOracle {
    /// The output of one tool run.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
    }

    static let dpkg = "/usr/bin/dpkg"
    static let mavenJars = [
        "/usr/share/java/maven-artifact-3.x.jar",
        "/usr/share/maven-repo/org/apache/maven/maven-artifact/3.x/maven-artifact-3.x.jar",
    ]

    /// Whether dpkg can be run.
    static let hasDpkg = FileManager.default.isExecutableFile(atPath: dpkg)

    /// A Python interpreter with rpm's bindings (`python3-rpm`), if any.
    static let rpmPython: String? = python(importing: "rpm")

    /// A Python interpreter with the `packaging` library, if any.
    static let packagingPython: String? = python(importing: "packaging.version")

    /// A `maven-artifact` jar and a Java runtime to run its `ComparableVersion`, if any.
    static let mavenJar: String? = mavenJars.first { jar in
        FileManager.default.fileExists(atPath: jar)
            && run("/usr/bin/env", ["java", "-cp", jar, "org.apache.maven.artifact.versioning.ComparableVersion"])?
                .status == 0
    }

    /// Runs `executable` with `arguments`, `input` on its standard input.
    /// - Returns: the exit status and output, or `nil` when the process cannot be started.
    static func run(_ executable: String, _ arguments: [String], input: String = "") -> Output? {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("recscan-version-oracle-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let files = ["in", "out", "err"].map { directory.appendingPathComponent($0) }
            try Data(input.utf8).write(to: files[0])
            for file in files.dropFirst() { try Data().write(to: file) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardInput = try FileHandle(forReadingFrom: files[0])
            process.standardOutput = try FileHandle(forWritingTo: files[1])
            process.standardError = try FileHandle(forWritingTo: files[2])
            try process.run()
            process.waitUntilExit()
            return Output(
                status: process.terminationStatus,
                stdout: String(decoding: try Data(contentsOf: files[1]), as: UTF8.self),
                stderr: String(decoding: try Data(contentsOf: files[2]), as: UTF8.self)
            )
        } catch {
            return nil
        }
    }

    static func python(importing module: String) -> String? {
        for candidate in ["/usr/bin/python3", "python3"] {
            let arguments = [candidate, "-c", "import \(module)"]
            if run("/usr/bin/env", arguments)?.status == 0 { return candidate }
        }
        return nil
    }
}

/// SplitMix64: a tiny deterministic generator, so every run checks the same corpus.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random element of a non-empty array.
    mutating func pick(_ choices: [String]) -> String {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }
}
