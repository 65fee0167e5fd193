import Foundation
import TouchbaseKit

/// The `--json` form of one device of `touchbase devices` (docs/JSON.md, `## devices`).
struct DeviceJSON: Encodable {
    /// A device's signing key.
    struct Key: Encodable {
        var publicKey: String
        var fingerprint: String
        var pinnedAt: String
        var previousKey: String?
        var rotatedAt: String?
        var refusedKey: String?
        var refusedAt: String?

        init(_ k: DeviceKey) {
            publicKey = Key.hex(k.publicKey)
            fingerprint = k.fingerprint
            pinnedAt = Touchbase.Devices.time(k.pinnedAt)
            previousKey = k.previousKey.map(Key.hex)
            rotatedAt = k.rotatedAt.map(Touchbase.Devices.time)
            refusedKey = k.refusedKey.map(Key.hex)
            refusedAt = k.refusedAt.map(Touchbase.Devices.time)
        }

        static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    }

    var id: String
    var name: String
    var applied: UInt64
    var this: Bool
    var lastSeen: String?
    var acknowledged: [String: UInt64]?
    var key: Key?
    var retired: Bool

    init(_ d: DeviceSummary) {
        id = d.id.hex
        name = d.name ?? ""
        applied = d.applied
        this = d.isThisDevice
        lastSeen = d.lastSeen.map(Touchbase.Devices.time)
        acknowledged = d.acknowledged.map { a in Dictionary(uniqueKeysWithValues: a.sorted.map { ($0.device.hex, $0.seq) }) }
        key = d.key.map(Key.init)
        retired = d.isRetired
    }
}
