import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM during a scan: the first one cancels the run, which stops between files,
/// discards its temporary folder and exits 130 or 143; a second one exits at once (the next run
/// removes the temporary folder it leaves).
final class SignalStop {
    private final class FirstSignal: Sendable {
        let number = Mutex<Int32?>(nil)
    }

    private let first = FirstSignal()
    private let sources: [any DispatchSourceSignal]

    /// Starts watching; `cancel` is called on the first signal.
    init(cancel: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "recscan.signals")
        let first = first
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let isFirst = first.number.withLock { current -> Bool in
                    guard current == nil else { return false }
                    current = number
                    return true
                }
                guard isFirst else {
                    Terminal.error("recscan: \(SignalStop.name(number)) again: stopping at once")
                    _exit(128 + number)
                }
                Terminal.error("recscan: \(SignalStop.name(number)) received: stopping, the run will be discarded")
                cancel()
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    var received: Int32? { first.number.withLock { $0 } }

    /// `SIGINT` or `SIGTERM`.
    static func name(_ number: Int32) -> String { number == SIGINT ? "SIGINT" : "SIGTERM" }
}
