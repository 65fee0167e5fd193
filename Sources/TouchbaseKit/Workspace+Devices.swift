import TouchbaseStore
import Foundation

/// The devices that sync through the folder, and this device's identity.
extension Workspace {
    /// This database's device id.
    public var device: DeviceID {
        get throws { try store.device }
    }

    /// Every device this database knows, this one included, with its trusted signing key.
    public func devices() throws -> [DeviceSummary] {
        let me = try store.device
        let keys = try store.pinnedKeys()
        let retired = try DeviceRetirement.retired(in: store)
        return try store.devices().map { d in
            var summary = DeviceSummary(id: d.id, name: d.name, isThisDevice: d.id == me, applied: d.applied, lastSeen: d.lastSeen,
                          acknowledged: d.acknowledged, key: keys[d.id].map {
                              DeviceKey(publicKey: $0.publicKey, fingerprint: DeviceKey.fingerprint(of: $0.publicKey), pinnedAt: $0.pinnedAt,
                                        previousKey: $0.previousKey, rotatedAt: $0.rotatedAt, refusedKey: $0.refusedKey, refusedAt: $0.refusedAt)
                          })
            summary.isRetired = retired.contains(d.id)
            return summary
        }
    }

    /// Gives this database a new device id and signing key, keeping every local edit: for a
    /// database copied to another machine or restored from an older backup, which the sync refuses
    /// to publish from (``SyncReport/identityClash``, ``SyncReport/signingKeyReplaced``).
    ///
    /// With a shared folder chosen, the own changes the folder does not hold intact are re-made
    /// under the new id (the folder is opened for that, asking for its passphrase when encrypted).
    /// Without one, every own change is re-made, so none is ever needed under the old id.
    ///
    /// - parameter passphrase: as for ``openFolder(encrypt:passphrase:)``; asked only when the
    ///   folder is encrypted.
    public func rekeyDevice(passphrase: (PassphraseRequest) throws -> String?) throws -> DeviceRekey {
        let old = try store.device
        let new: DeviceID
        if try folderPath() != nil {
            new = try SyncEngine(store: store, folder: try openFolder(passphrase: passphrase).shared).rekey()
        } else {
            new = try store.rekey(firstDivergent: 1)
            try DeviceKeyFile.create(for: new, nextTo: store.path)
        }
        return DeviceRekey(old: old, new: new)
    }
}
