import Foundation

/// A flag set by a task's cancellation handler and read by synchronous work on another thread.
final class CancellationFlag: Sendable {
    private let state = NSLock()
    nonisolated(unsafe) private var cancelled = false

    /// Marks the work cancelled.
    func cancel() { state.withLock { cancelled = true } }

    /// Whether the work was cancelled.
    var isCancelled: Bool { state.withLock { cancelled } }
}
