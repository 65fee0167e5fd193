import Foundation
import GRDB
import TouchbaseCore

/// What this database knows of a device's signing key (Protocol/SPEC.md, "Pinned keys").
public struct PinnedKey: Hashable, Sendable {
    /// The device.
    public var device: DeviceID
    /// Its pinned Ed25519 public key (32 bytes).
    public var publicKey: [UInt8]
    /// When it was pinned (milliseconds since 1970): first sight, or the last accepted rotation.
    public var pinnedAt: UInt64
    /// The key it replaced in an endorsed rotation, if any.
    public var previousKey: [UInt8]?
    /// When that rotation was accepted.
    public var rotatedAt: UInt64?
    /// The last key refused for this device (a card or file signed by another key), if any.
    public var refusedKey: [UInt8]?
    /// When it was refused.
    public var refusedAt: UInt64?
}

extension Store {
    /// Every pinned key, by device.
    public func pinnedKeys() throws -> [DeviceID: PinnedKey] {
        try writer.read { db in
            var out: [DeviceID: PinnedKey] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM deviceKey") {
                guard let raw = ID128(bytes: [UInt8](row["device"] as Data)) else { continue }
                let device = DeviceID(raw)
                out[device] = PinnedKey(device: device, publicKey: [UInt8](row["publicKey"] as Data),
                                        pinnedAt: UInt64(max(0, row["pinnedAt"] as Int64)),
                                        previousKey: (row["previousKey"] as Data?).map { [UInt8]($0) },
                                        rotatedAt: (row["rotatedAt"] as Int64?).map { UInt64(max(0, $0)) },
                                        refusedKey: (row["refusedKey"] as Data?).map { [UInt8]($0) },
                                        refusedAt: (row["refusedAt"] as Int64?).map { UInt64(max(0, $0)) })
            }
            return out
        }
    }

    /// Pins `publicKey` for `device` unless a key is pinned already.
    ///
    /// - returns: true when it was pinned now.
    @discardableResult
    public func pinKey(_ publicKey: [UInt8], for device: DeviceID, at time: UInt64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO deviceKey (device, publicKey, pinnedAt) VALUES (?, ?, ?) ON CONFLICT(device) DO NOTHING",
                           arguments: [device, Data(publicKey), Int64(clamping: time)])
            return db.changesCount > 0
        }
    }

    /// Replaces `device`'s pinned key `previous` by `new` (an endorsed rotation). Nothing changes when
    /// the pinned key is not `previous`.
    ///
    /// - returns: true when the key was replaced.
    @discardableResult
    public func rotateKey(of device: DeviceID, from previous: [UInt8], to new: [UInt8], at time: UInt64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE deviceKey SET publicKey = ?, previousKey = publicKey, rotatedAt = ?, pinnedAt = ?
                WHERE device = ? AND publicKey = ?
                """, arguments: [Data(new), Int64(clamping: time), Int64(clamping: time), device, Data(previous)])
            return db.changesCount > 0
        }
    }

    /// Remembers that a key other than the pinned one was refused for `device` (shown by the device list).
    public func noteRefusedKey(_ key: [UInt8], for device: DeviceID, at time: UInt64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE deviceKey SET refusedKey = ?, refusedAt = ? WHERE device = ? AND (refusedKey IS NULL OR refusedKey != ?)",
                           arguments: [Data(key), Int64(clamping: time), device, Data(key)])
        }
    }
}
