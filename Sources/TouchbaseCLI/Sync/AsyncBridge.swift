import Foundation

/// Runs the kit's async calls from a synchronous command: the command's thread waits for the task.
///
/// Only for the terminal's commands, which run on the main thread (never on a thread of Swift's
/// cooperative pool, which the task needs to run).
enum AsyncBridge {
    /// The result of `body`, run as a task; its error is rethrown.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task.detached {
            do {
                box.result = .success(try await body())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Holds the task's result until the waiting thread reads it (the semaphore orders the two).
    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
