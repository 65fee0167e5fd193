import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// This engine with a folder that signs with this device's key and trusts only the keys pinned
    /// in the database (Protocol/SPEC.md, "Pinned keys and key changes").
    ///
    /// Loads (or, on first need, creates) this device's signing key and pins it for itself; reads
    /// every device card in the folder, pinning the key of a device seen for the first time and
    /// following rotations its pinned key endorsed. A card with another key is refused and
    /// reported, and the pins stay as they were.
    func withSignatures(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws -> SyncEngine {
        let signer = try DeviceKeyFile.loadOrCreate(for: store)
        let now = store.environment.now()
        var stored = try store.pinnedKeys()
        if stored[me] == nil {
            try store.pinKey(signer.publicKey.raw, for: me, at: now)
            stored = try store.pinnedKeys()
        }
        var pins = KeyPins()
        for (device, pinned) in stored {
            if let key = DevicePublicKey(raw: pinned.publicKey) { pins[device] = key }
        }
        if pins[me] != signer.publicKey {
            // The key file was lost or replaced: this device cannot sign as the key others pinned.
            report.signingKeyReplaced = true
        }
        for device in scan.deviceCards {
            let path = FolderEntry.deviceCard(device).relativePath
            do {
                guard let card = try folder.readDeviceCard(of: device) else { continue }
                if device == me {
                    if card.publicKey != signer.publicKey { try forgetOwnCard() }
                    continue
                }
                switch try pins.admit(card) {
                case .firstSight:
                    try store.pinKey(card.publicKey!.raw, for: device, at: now)
                    report.keyEvents.append(KeyEvent(device: device, kind: .pinned, fingerprint: card.publicKey!.fingerprint))
                case .rotated(let previous):
                    try store.rotateKey(of: device, from: previous.raw, to: card.publicKey!.raw, at: now)
                    report.keyEvents.append(KeyEvent(device: device, kind: .rotated, fingerprint: card.publicKey!.fingerprint))
                case .known:
                    break
                }
            } catch let e as ExchangeError where device == me {
                // This device's own card is unreadable, unsigned (1.x) or not its own: write it again.
                if e.code == .readFailed { throw e }
                try forgetOwnCard()
            } catch let e as ExchangeError where e.isRejectedSignature {
                report.rejected.append(RejectedFile(path: path, device: device, code: e.code, reason: e.detail))
                if e.code == .keyMismatch, let card = try? folder.readDeviceCard(of: device), let key = card.publicKey {
                    try store.noteRefusedKey(key.raw, for: device, at: now)
                }
            } catch let e as ExchangeError where e.code == .unsigned {
                report.unsigned.append(path)
            } catch let e as ExchangeError where e.isStillArrivingOrDamaged || e.code == .newerMajorVersion {
                // As before signatures: an unreadable card is retried next sync, and until a card
                // is read the device's files wait for it (reported as such).
                continue
            }
        }
        var engine = self
        engine.folder = folder.signing(with: signer).trusting(pins)
        return engine
    }

    /// The scan without this device's own change files that its key did not sign (another member's
    /// forgeries under this device's name): they are no evidence of a copy and publish nothing
    /// (publishing replaces them). Only files past the publish mark are read.
    func withoutForgeries(_ scan: FolderScan, me: DeviceID) throws -> FolderScan {
        let mark = UInt64(try store.metaValue(Marks.published(me)) ?? "0") ?? 0
        var trusted = scan
        trusted.changeFiles = try scan.changeFiles.filter { e in
            guard e.device == me, e.last > mark else { return true }
            return try !folder.isSignedByAnotherKey(.changes(e))
        }
        return trusted
    }

    /// Makes the next publish rewrite this device's card and ack (signed, with its key).
    private func forgetOwnCard() throws {
        try store.setMetaValue(Marks.cardName, nil)
        try store.setMetaValue(Marks.ackedVersion, nil)
    }

    /// Re-signs this device's own format 1.x changes files in 2.0, once (Protocol/SPEC.md §11.1):
    /// each file whose Changes are exactly the local log's is replaced under its name; one that
    /// differs is left alone (the identity check speaks for it).
    func resignOwnHistory(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws {
        let mark = "signedOwnHistory." + me.hex
        guard try store.metaValue(mark) == nil else { return }
        let localMax = try store.version()[me]
        let files = scan.changeFiles(of: me).filter { $0.last <= localMax }
        if !files.isEmpty {
            let log = try store.changes(of: me, after: 0)
            for entry in files {
                let local = log.filter { entry.range.contains($0.seq) }
                guard local.count == Int(entry.last - entry.first + 1) else { continue }
                if try folder.resignOwnChangeFile(entry, local: local) { report.resigned += 1 }
            }
        }
        try store.setMetaValue(mark, "done")
    }
}
