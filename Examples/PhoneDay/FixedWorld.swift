import Foundation
import TouchbaseKit

/// The clock and ids both devices of the example share, so that every run prints the same story:
/// the clock stands still until the example moves it, and each device numbers its record ids.
final class FixedWorld: @unchecked Sendable {
    /// 2026-03-02T12:00:00Z: the same calendar day in every time zone from UTC−11 to UTC+11.
    static let start: UInt64 = 1_772_452_800_000

    private let lock = NSLock()
    private var milliseconds = FixedWorld.start
    private var issued: [UInt64: UInt64] = [:]

    /// Now, in milliseconds since 1970.
    func now() -> UInt64 { lock.withLock { milliseconds } }

    /// Moves the clock forward.
    func advance(minutes: UInt64) { lock.withLock { milliseconds += minutes * 60_000 } }

    /// The environment of device number `device` (1, 2, …): this clock, its own device id and
    /// record ids that never collide with another device's.
    func environment(device: UInt64) -> WorkspaceEnvironment {
        WorkspaceEnvironment(
            now: { [self] in now() },
            makeRecordID: { [self] in RecordID(ID128(high: device << 32, low: nextRecord(device))) },
            makeDeviceID: { DeviceID(ID128(high: 0xD0, low: device)) })
    }

    private func nextRecord(_ device: UInt64) -> UInt64 {
        lock.withLock {
            issued[device, default: 0] += 1
            return issued[device]!
        }
    }
}
