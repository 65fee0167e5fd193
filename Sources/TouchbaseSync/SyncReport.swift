import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// What one sync did, for the summary line and `--json`.
public struct SyncReport: Sendable {
    /// Changes imported, by device.
    public var imported: [DeviceID: Int] = [:]
    /// Changes published by this device in this sync.
    public var published = 0
    /// Of those, Changes published again because no intact file in the folder held them any more
    /// (lost, damaged, or a new folder).
    public var republished = 0
    /// Other devices' Changes this device relayed in this sync because no file in the folder held
    /// them any more (SPEC §11.2).
    public var relayed = 0
    /// Other devices' cards this device relayed in this sync.
    public var relayedCards = 0
    /// The first file they went to.
    public var publishedFile: String?
    /// Changes held back at the gates: waiting Change → the first missing Change of each device it needs.
    public var waiting: [Dot: [Dot]] = [:]
    /// Conflicts open after the sync that were not open before.
    public var newConflicts = 0
    /// Conflicts open after the sync.
    public var openConflicts = 0
    /// Files that failed verification: still arriving or damaged; retried next time, never deleted.
    public var damaged: [(path: String, reason: String)] = []
    /// Files of a newer format: left alone.
    public var newerFormat: [String] = []
    /// Names that are not Touchbase files (conflict copies, temporaries, …): ignored, never deleted.
    public var ignored: [IgnoredEntry] = []
    /// Other devices' Changes held back because they build on a Change of this device id that this
    /// database lacks or holds differently (see ``identityClash``); they apply after the re-key.
    public var heldByClash: [Dot] = []
    /// Device ids this database has seen two histories of (Protocol/SPEC.md §3.6), with the earliest
    /// evidence of each: nothing of the history met later, and nothing that may rest on it, is applied.
    public var forks: [ForkEvidence] = []
    /// Of ``forks``, those found (or found earlier) in this sync.
    public var newForks: [ForkEvidence] = []
    /// Other devices' Changes whose gates are open but that a fork holds back: they were made on the
    /// other history of a forked device (or may have been).
    public var heldByFork: [Dot] = []
    /// Changes delivered again (already applied).
    public var duplicates = 0
    /// Set when this database's device id published Changes it does not have (a copy or an old
    /// backup): publishing was refused; `touchbase device rekey` fixes it.
    public var identityClash: IdentityClash?
    /// Files refused because they are not signed by the device they name (a signature that does not
    /// verify, or another key than the device's pinned one): reported, never applied.
    public var rejected: [RejectedFile] = []
    /// Files of devices whose key is not known yet: they wait for the device's card.
    public var waitingForCard: [String] = []
    /// Files in format 1.x (unsigned): left alone, never applied, until their device re-signs them.
    public var unsigned: [String] = []
    /// Device keys pinned or rotated in this sync.
    public var keyEvents: [KeyEvent] = []
    /// This device's own 1.x change files re-signed in format 2.0 in this sync.
    public var resigned = 0
    /// Set when this device's signing key is not the key it pinned for itself (its key file was
    /// lost or replaced): publishing was refused; a re-key (new device id and key) fixes it.
    public var signingKeyReplaced = false
    /// The snapshot this (new) device was seeded from in this sync (Protocol/SPEC.md §7.6).
    public var seededFrom: String?
    /// The snapshot this device wrote by itself in this sync (its change files passed the thresholds).
    public var snapshotWritten: String?
    /// Garbage collection: files removed, devices waited for, a re-seed (Protocol/SPEC.md §3.7).
    public var garbage = GarbageReport()

    /// An empty report.
    /// This device's relays removed because the author's own files hold their Changes again.
    public var relaysRemoved = 0
    /// Forks healed in this sync (Protocol/SPEC.md §3.6, "Healing").
    public var healed: [ForkHeal] = []
    /// Set when this database's own history was the renamed one: it goes on under this id.
    public var renamedTo: DeviceID?
    public init() {}

    /// Total Changes imported.
    /// A report for the next round of a sync that healed a fork: what was done so far is kept,
    /// what the round finds again starts empty.
    func nextRound() -> SyncReport {
        var next = SyncReport()
        next.imported = imported
        next.published = published
        next.republished = republished
        next.publishedFile = publishedFile
        next.duplicates = duplicates
        next.keyEvents = keyEvents
        next.healed = healed
        next.renamedTo = renamedTo
        next.seededFrom = seededFrom
        return next
    }

    public var importedTotal: Int { imported.values.reduce(0, +) }
}

/// Evidence that another database publishes under this device id.
public struct IdentityClash: Hashable, Sendable {
    /// The first sequence number of this device id whose published Change differs from (or is
    /// missing in) the local log.
    public var firstDivergent: UInt64
    /// The file that shows it.
    public var file: String
}

/// A file refused because it is not signed by the device it names.
public struct RejectedFile: Hashable, Sendable {
    /// The file, relative to the shared folder.
    public var path: String
    /// The device the file claims to come from.
    public var device: DeviceID
    /// ``ExchangeError/signatureInvalid`` or ``ExchangeError/keyMismatch``.
    public var code: ExchangeError.Code
    /// A technical explanation (fingerprints, no user data).
    public var reason: String

    /// Creates an entry.
    public init(path: String, device: DeviceID, code: ExchangeError.Code, reason: String) {
        self.path = path
        self.device = device
        self.code = code
        self.reason = reason
    }
}

/// A change to the keys this device trusts, made by a sync.
public struct KeyEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable {
        /// A device's key was pinned on first sight of its card.
        case pinned
        /// A device's key was replaced by a new one its pinned key endorsed.
        case rotated
    }

    /// The device.
    public var device: DeviceID
    /// What happened.
    public var kind: Kind
    /// The fingerprint of the key now pinned.
    public var fingerprint: String
}
