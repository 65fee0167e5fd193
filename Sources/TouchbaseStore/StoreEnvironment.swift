import Foundation
import TouchbaseCore

/// What the Store takes from the outside world: the wall clock and randomness. Tests inject fixed
/// ones; the defaults read the system clock and the system random source.
///
/// Record ids: ``live`` leaves them to the Store, which, once it knows its device (at `create`,
/// `open` and `inMemory`), makes them with a ``RecordIDGenerator`` for that device, timed by
/// ``now`` (see ``boundTo(_:)``). An id factory that is injected (given to `init`, or set on
/// ``makeRecordID``) is kept as it is.
public struct StoreEnvironment: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var now: @Sendable () -> UInt64
    /// A fresh record id. Setting it injects it: the Store then keeps it as it is.
    public var makeRecordID: @Sendable () -> RecordID {
        get { recordIDs }
        set {
            recordIDs = newValue
            recordIDsFollowDevice = false
        }
    }
    /// A fresh random device id (used by `init` and re-key).
    public var makeDeviceID: @Sendable () -> DeviceID

    private var recordIDs: @Sendable () -> RecordID
    /// Whether a Store replaces ``makeRecordID`` with its device's ``RecordIDGenerator``: true
    /// for ``live`` until ``makeRecordID`` is set, false for an environment made with `init`.
    public private(set) var recordIDsFollowDevice: Bool

    /// Records the register cache of a ``Store/writeSession(_:)`` transaction (an edit, an apply)
    /// holds at most (``RegisterCache``); sessions the Store opens on its own (an import's chunks,
    /// a snapshot load, a heal) keep the default. Set only by tests that reach the cache's edges
    /// with small batches.
    var registerCacheRecords = RegisterCache.defaultRecordLimit

    /// Creates an environment (its record ids are `makeRecordID`'s, whatever the device).
    public init(now: @escaping @Sendable () -> UInt64,
                makeRecordID: @escaping @Sendable () -> RecordID,
                makeDeviceID: @escaping @Sendable () -> DeviceID) {
        self.now = now
        self.recordIDs = makeRecordID
        self.makeDeviceID = makeDeviceID
        self.recordIDsFollowDevice = false
    }

    /// The environment of a store whose device is `device`: when ``recordIDsFollowDevice``, its
    /// ``makeRecordID`` is a ``RecordIDGenerator`` for `device` timed by ``now``, with the system
    /// random source; otherwise (or with no device) this environment unchanged.
    public func boundTo(_ device: DeviceID?) -> StoreEnvironment {
        guard recordIDsFollowDevice, let device else { return self }
        let ids = DeviceRecordIDs(device: device, now: now)
        var bound = self
        bound.makeRecordID = { ids.next() }
        return bound
    }

    /// The system clock and the system random source; record ids from the store's device
    /// (random ones until a store binds it: ``boundTo(_:)``).
    public static let live: StoreEnvironment = {
        var live = StoreEnvironment(
            now: { UInt64(max(0, Date().timeIntervalSince1970 * 1000)) },
            makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
            makeDeviceID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) })
        live.recordIDsFollowDevice = true
        return live
    }()
}
