import Foundation

/// What an observation delivered so far, for the example to wait on.
actor Latest<Value: Sendable> {
    private(set) var values: [Value] = []

    func append(_ value: Value) { values.append(value) }

    /// Waits until a delivered value satisfies `condition`, polling for up to `seconds`.
    func wait(seconds: Double, until condition: (Value) -> Bool) async throws -> Value {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let hit = values.last(where: condition) { return hit }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw DayFailure("the observation delivered no awaited value within \(seconds) s (got \(values.count) value(s))")
    }
}
