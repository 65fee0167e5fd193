import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Relays what the folder lacks (``relay(_:me:into:)``) and keeps house (``keepHouse(_:me:)``),
    /// unless a pass over the same state found nothing to do (Protocol/SPEC.md §11.2).
    ///
    /// What both decide from: the folder's listing with every file's version (``FolderScan/listing``),
    /// the content of those files, this device's id and applied version, the heals it knows, the
    /// keys it pins and the folder key. The signatures kept for relaying only grow by reading files
    /// whose Changes then apply (the version moves) or by pinning (the pins move). A pass that writes
    /// and removes nothing notes that state; a later sync in the same state skips both. The state is
    /// not noted while a file of the listing is racy (a write in the same timestamp tick would not
    /// show), nor while this device's own temporaries are listed (they grow stale with time alone),
    /// nor when housekeeping kept a relay that the author's files hold by name.
    func relayAndKeepHouse(_ scan: FolderScan, me: DeviceID, healing: ForkHealMap, into report: inout SyncReport) throws {
        let state = try relayState(scan, me: me, healing: healing)
        let noted = try store.metaValue(Marks.relayedState)
        if let state, state == noted { return }
        let before = (report.relayed, report.relayedCards)
        try relay(scan, me: me, into: &report)
        let house = try keepHouse(scan, me: me)
        report.relaysRemoved = house.removed
        let quiet = report.relayed == before.0 && report.relayedCards == before.1 && house.removed == 0 && house.settled
        let keep = quiet ? state : nil
        if keep != noted { try store.setMetaValue(Marks.relayedState, keep) }
    }

    /// The state a relay pass decides from, as one hex digest; nil while it cannot be trusted to
    /// stay the same (a racy listing, own temporaries listed).
    func relayState(_ scan: FolderScan, me: DeviceID, healing: ForkHealMap) throws -> String? {
        let listing = scan.listing
        guard !listing.isRacy, !scan.listsTemporaries(of: me) else { return nil }
        var text = "relay 1\n" + me.hex + "\n" + (try store.version()).description + "\n"
        text += "heals \(healing.heals.count)\n"
        text += "key \(folder.key.map { String($0.keyID) } ?? "none")\n"
        for (device, key) in folder.pins.keys.sorted(by: { $0.key < $1.key }) {
            text += device.hex + " " + SyncEngine.hex(key.raw) + "\n"
        }
        return SyncEngine.hex(ChangeBatch.sha256(listing.digest + Array(text.utf8)))
    }
}
