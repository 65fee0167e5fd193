/// Waits for a condition in a test, counting only the time the waiting task actually ran.
///
/// The whole suite shares a small cooperative thread pool, and synchronous tests hold its threads
/// while they run: an awaiting test may resume minutes after its sleep ended. A plain wall-clock
/// deadline would then expire without the test ever having looked, so each pause counts at most
/// twice its nominal length, and a starved wait still gets its full budget once it runs again.
public enum PatientWait {
    /// Polls `check` every `interval` until it returns a value, or `nil` once `budget` of active
    /// waiting has passed.
    public static func value<T>(within budget: Duration = .seconds(120), interval: Duration = .milliseconds(10),
                                _ check: () async -> T?) async -> T? {
        var waited: Duration = .zero
        while true {
            if let value = await check() { return value }
            if waited >= budget { return nil }
            let start = ContinuousClock.now
            try? await Task.sleep(for: interval)
            waited += min(ContinuousClock.now - start, interval * 2)
        }
    }
}
