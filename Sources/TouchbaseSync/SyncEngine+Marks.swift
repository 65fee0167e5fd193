import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// The local notes a sync keeps about the folder it syncs with: how far this device has
    /// published, which of its own files were verified (with their fingerprints), and the card and
    /// ack last written. They only save work; the folder scan is the truth.
    enum Marks {
        static func published(_ device: DeviceID) -> String { "publishedThrough." + device.hex }
        static let verifiedOwnFiles = "verifiedOwnFiles"
        static let cardName = "cardName"
        static let ackedVersion = "ackedVersion"
        /// The state of the last relay pass that found nothing to do (SyncEngine+RelaySchedule).
        static let relayedState = "relayedState"
    }

    /// Forgets what was noted about the shared folder, for when the folder or this device's id
    /// changes: the next sync then publishes every Change the new folder lacks and rewrites the
    /// card and ack.
    public static func forgetFolderNotes(in store: Store, device: DeviceID) throws {
        try store.setMetaValue(Marks.published(device), nil)
        try store.setMetaValue(Marks.verifiedOwnFiles, nil)
        try store.setMetaValue(Marks.cardName, nil)
        try store.setMetaValue(Marks.ackedVersion, nil)
        try store.setMetaValue(Marks.relayedState, nil)
    }

    /// Own change files known to match the local log, with the fingerprint they had then. One line
    /// per file, `<path> <fingerprint>`; a line that does not parse is forgotten (the file is read
    /// again).
    func verifiedOwnFiles() throws -> [String: FileFingerprint] {
        FileFingerprint.table(try store.metaValue(Marks.verifiedOwnFiles) ?? "")
    }

    /// Replaces the notes of verified own files.
    func noteVerifiedOwnFiles(_ files: [String: FileFingerprint]) throws {
        let text = FileFingerprint.text(files)
        try store.setMetaValue(Marks.verifiedOwnFiles, text.isEmpty ? nil : text)
    }

    /// Adds one own file just published (it holds exactly the log's Changes).
    func noteVerifiedOwnFile(_ entry: ChangeFileEntry) throws {
        guard let print = try? folder.fingerprint(entry) else { return }
        var files = try verifiedOwnFiles()
        files[entry.relativePath] = print
        try noteVerifiedOwnFiles(files)
    }
}
