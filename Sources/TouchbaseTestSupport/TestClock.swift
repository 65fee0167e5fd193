import Foundation

/// A wall clock for tests: starts at a fixed instant and moves only when told.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var millis: UInt64

    /// A clock at `milliseconds` since 1970 (default 2026-01-05T09:00:00Z).
    public init(milliseconds: UInt64 = 1_767_603_600_000) { millis = milliseconds }

    /// The current time in milliseconds.
    public var now: UInt64 { lock.withLock { millis } }

    /// Moves the clock forward (or back, for skew tests).
    public func advance(milliseconds delta: Int64) {
        lock.withLock { millis = UInt64(Int64(millis) + delta) }
    }
}
