import Foundation
import TouchbaseCore

/// The record ids of one open store: a ``RecordIDGenerator`` for its device behind a lock (a store
/// is used from many threads), read with the store's clock and the system random source.
final class DeviceRecordIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: RecordIDGenerator
    private let now: @Sendable () -> UInt64

    /// Ids of `device`, timed by `now`.
    init(device: DeviceID, now: @escaping @Sendable () -> UInt64) {
        generator = RecordIDGenerator(device: device)
        self.now = now
    }

    /// A new id; strictly later in its time field than every id this object made before.
    func next() -> RecordID {
        let milliseconds = now()
        var random = SystemRandomNumberGenerator()
        lock.lock()
        defer { lock.unlock() }
        return generator.next(at: milliseconds, using: &random)
    }
}
