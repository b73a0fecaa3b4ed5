import Foundation

/// Writes a run's files back to disk while the run is still writing them, so that the flush
/// before the rename (``Durability/flush(folder:)``) finds little left to wait for.
///
/// The kernel keeps a run's pages dirty until memory runs short or they are half a minute old,
/// so the one `syncfs` at the end waited for every byte of the run: 0.25 s of a 1.3 s run at
/// 1,000 hosts, 0.7 s at 5,000, with the processors idle. A thread of its own calls the same
/// `syncfs` every tenth of a second instead; the kernel's flusher threads do the writing, on
/// whatever core is free. Like the final flush, it flushes the whole file system the run is on.
final class BackgroundWriteback: Sendable {
    private let stopRequest = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let descriptor: Int32

    /// Starts flushing the file system that holds `folder` with `flush` (given the folder's
    /// descriptor); `nil` where there is no `syncfs` or the folder cannot be opened (the final
    /// flush still happens).
    init?(
        folder: String, every interval: DispatchTimeInterval = .milliseconds(100),
        flush: (@Sendable (Int32) -> Void)? = BackgroundWriteback.syncfs
    ) {
        guard let flush else { return nil }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        let thread = Thread { [stopRequest, finished] in
            while stopRequest.wait(timeout: .now() + interval) == .timedOut { flush(descriptor) }
            finished.signal()
        }
        thread.name = "recscan writeback"
        thread.start()
    }

    /// `syncfs` of a descriptor's file system, where the system has it.
    static let syncfs: (@Sendable (Int32) -> Void)? = {
        guard let syncfs = Durability.syncfs else { return nil }
        return { descriptor in _ = syncfs(descriptor) }
    }()

    /// Stops flushing, after the flush under way if any; call it once.
    func stop() {
        stopRequest.signal()
        finished.wait()
        close(descriptor)
    }

    /// Runs `body` with the file system of `folder` flushed in the background when `enabled`.
    static func during<Result>(
        _ folder: String, enabled: Bool, _ body: () async throws -> Result
    ) async rethrows -> Result {
        let writeback = enabled ? BackgroundWriteback(folder: folder) : nil
        defer { writeback?.stop() }
        return try await body()
    }
}
