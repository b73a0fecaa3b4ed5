import Foundation
import RecscanFuzzKit

// Built two ways. `fuzz/run.sh` builds it with `-sanitize=fuzzer -D RECSCAN_LIBFUZZER`: `main`
// hands over to libFuzzer's driver, which calls `fuzzOneInput` for each input. A plain
// `swift build` makes a replay tool instead: `recscan-fuzz FILE|DIR...` runs the same harness
// over saved inputs and exits 1 when a property fails, so crash inputs can be checked without
// libFuzzer.

private let harness: FuzzHarness? = try? FuzzHarness(
    scratch: NSTemporaryDirectory() + "recscan-fuzz-\(ProcessInfo.processInfo.processIdentifier)")

#if RECSCAN_LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let harness else { return 0 }
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = harness.run(input)
    if !problems.isEmpty {
        FileHandle.standardError.write(Data(("property failed: " + problems.joined(separator: "\n") + "\n").utf8))
        abort()
    }
    return 0
}
#endif

@main
struct FuzzMain {
    static func main() {
        guard let harness else {
            FileHandle.standardError.write(Data("recscan-fuzz: cannot set up the harness\n".utf8))
            exit(70)
        }
        #if RECSCAN_LIBFUZZER
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
        #else
        var failed = false
        for argument in CommandLine.arguments.dropFirst() {
            for path in files(argument) {
                let input = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
                let problems = harness.run(input)
                print("\(path): \(problems.isEmpty ? "ok" : problems.joined(separator: "; "))")
                failed = failed || !problems.isEmpty
            }
        }
        exit(failed ? 1 : 0)
        #endif
    }

    static func files(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
