import Foundation
import TouchbaseCore

/// What the Store takes from the outside world: the wall clock and randomness. Tests inject fixed
/// ones; the defaults read the system clock and the system random source.
public struct StoreEnvironment: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var now: @Sendable () -> UInt64
    /// A fresh random record id.
    public var makeRecordID: @Sendable () -> RecordID
    /// A fresh random device id (used by `init` and re-key).
    public var makeDeviceID: @Sendable () -> DeviceID

    /// Creates an environment.
    public init(now: @escaping @Sendable () -> UInt64,
                makeRecordID: @escaping @Sendable () -> RecordID,
                makeDeviceID: @escaping @Sendable () -> DeviceID) {
        self.now = now
        self.makeRecordID = makeRecordID
        self.makeDeviceID = makeDeviceID
    }

    /// The system clock and the system random source.
    public static let live = StoreEnvironment(
        now: { UInt64(max(0, Date().timeIntervalSince1970 * 1000)) },
        makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
        makeDeviceID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) })
}
