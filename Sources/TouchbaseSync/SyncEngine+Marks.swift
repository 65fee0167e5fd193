import TouchbaseCore
import TouchbaseStore

extension SyncEngine {
    /// The local notes a sync keeps about the folder it syncs with: how far this device has
    /// published, which of its own files were verified, and the card and ack last written. They
    /// only save work; the folder scan is the truth.
    enum Marks {
        static func published(_ device: DeviceID) -> String { "publishedThrough." + device.hex }
        static let verifiedOwnFiles = "verifiedOwnFiles"
        static let cardName = "cardName"
        static let ackedVersion = "ackedVersion"
    }

    /// Forgets what was noted about the shared folder, for when the folder or this device's id
    /// changes: the next sync then publishes every Change the new folder lacks and rewrites the
    /// card and ack.
    public static func forgetFolderNotes(in store: Store, device: DeviceID) throws {
        try store.setMetaValue(Marks.published(device), nil)
        try store.setMetaValue(Marks.verifiedOwnFiles, nil)
        try store.setMetaValue(Marks.cardName, nil)
        try store.setMetaValue(Marks.ackedVersion, nil)
    }

    /// Remembers own change files known to match the local log.
    func noteVerifiedOwnFiles(_ paths: [String]) throws {
        guard !paths.isEmpty else { return }
        var names = Set((try store.metaValue(Marks.verifiedOwnFiles) ?? "").split(separator: "\n").map(String.init))
        names.formUnion(paths)
        try store.setMetaValue(Marks.verifiedOwnFiles, names.sorted().joined(separator: "\n"))
    }
}
