import Foundation
import RecscanCore
import Synchronization

/// Progress on stderr (files and hosts done, rate, estimated time left): a line redrawn in
/// place when stderr is a terminal; with `--verbose`, a plain line at every tenth of the files
/// (for logs); nothing with `--quiet` or when stderr is not a terminal.
final class ProgressDisplay: Sendable {
    private struct State {
        var lastDraw = 0.0
        var drawn = false
        var lastTenth = 0
    }

    private let start = Date()
    private let enabled: Bool
    private let lines: Bool
    private let state = Mutex(State())

    init(quiet: Bool, verbose: Bool) {
        lines = verbose && isatty(STDERR_FILENO) != 1
        enabled = !quiet && (isatty(STDERR_FILENO) == 1 || lines)
    }

    func update(_ progress: ScanProgress) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        let lines = self.lines
        let shouldDraw = state.withLock { state -> Bool in
            let last = progress.filesDone == progress.filesTotal
            if lines {
                let tenth = progress.filesTotal > 0 ? progress.filesDone * 10 / progress.filesTotal : 10
                guard tenth > state.lastTenth else { return false }
                state.lastTenth = tenth
                return true
            }
            guard last || elapsed - state.lastDraw >= 0.25 else { return false }
            state.lastDraw = elapsed
            state.drawn = true
            return true
        }
        guard shouldDraw else { return }
        let rate = elapsed > 0 ? Double(progress.hosts) / elapsed : 0
        let fraction = progress.filesTotal > 0 ? Double(progress.filesDone) / Double(progress.filesTotal) : 1
        let left = fraction > 0 ? elapsed / fraction - elapsed : 0
        let line = String(
            format: "%@%d/%d files, %d hosts, %.0f hosts/s, about %.0f s left%@", lines ? "" : "\r",
            progress.filesDone, progress.filesTotal, progress.hosts, rate, left, lines ? "\n" : "   ")
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the progress line so that what follows starts on a fresh line.
    func finish() {
        guard enabled, !lines, state.withLock({ $0.drawn }) else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
