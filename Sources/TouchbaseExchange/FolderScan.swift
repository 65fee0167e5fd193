import TouchbaseCore

/// What a scan of the shared folder found, by name only: nothing was read or verified yet.
public struct FolderScan: Hashable, Sendable {
    /// Every changes file whose name parses, sorted by device, first, last.
    public var changeFiles: [ChangeFileEntry] = []
    /// Devices with an ack file.
    public var acks: [DeviceID] = []
    /// Devices with a device card.
    public var deviceCards: [DeviceID] = []
    /// Every snapshot whose name parses, oldest (fewest Changes) first.
    public var snapshots: [SnapshotEntry] = []
    /// Every relay of another device's Changes whose name parses (Protocol/SPEC.md §11.2), sorted
    /// like ``changeFiles``. Kept apart from the authors' own files: a device's own-file checks
    /// (§3.4, §3.5) look at its own files only.
    public var relayFiles: [ChangeFileEntry] = []
    /// Every relayed device card, as (relayer, author), sorted.
    public var relayedCards: [RelayedCard] = []
    /// Whether `touchbase-folder.key` exists: the folder is encrypted.
    public var hasKeyFile = false
    /// Everything else: temporaries, sync-tool conflict copies, partial downloads, placeholders,
    /// symbolic links, unknown names. Listed for a verbose sync; never deleted.
    public var ignored: [IgnoredEntry] = []
    /// The fingerprint of each changes file and relay as the scan listed it, before anything was
    /// read: what a sync notes with a file it checks, so that any later change to the file is seen.
    public var prints: [ChangeFileEntry: FileFingerprint] = [:]
    /// Folders below the root that could not be opened or listed (permissions, I/O errors): their
    /// files are missing from this scan. Reported like unreadable files and retried next time.
    public var unreadable: [IgnoredEntry] = []
    /// The fingerprint of each other file the scan recognized (acks, device cards, snapshots,
    /// relayed cards), as listed: with ``prints``, what ``listing`` sums up.
    public var otherPrints: [FolderEntry: FileFingerprint] = [:]

    /// Creates an empty scan.
    public init() {}

    /// Every device that has published anything.
    public var devices: Set<DeviceID> {
        Set(changeFiles.map(\.device)).union(acks).union(deviceCards).union(snapshots.map(\.device))
    }

    /// The changes files of one device, in order.
    public func changeFiles(of device: DeviceID) -> [ChangeFileEntry] {
        changeFiles.filter { $0.device == device }
    }

    /// The sequence ranges a device has published, in order (overlaps possible after a crash).
    public func ranges(of device: DeviceID) -> [ClosedRange<UInt64>] {
        changeFiles(of: device).map(\.range)
    }

    /// The fingerprints the scan listed for `entries` (those it listed).
    public func fingerprints(_ entries: [ChangeFileEntry]) -> [ChangeFileEntry: FileFingerprint] {
        var out: [ChangeFileEntry: FileFingerprint] = [:]
        out.reserveCapacity(entries.count)
        for e in entries { if let p = prints[e] { out[e] = p } }
        return out
    }

    /// The highest sequence number a device has published, 0 if none.
    public func highestPublished(of device: DeviceID) -> UInt64 {
        changeFiles(of: device).map(\.last).max() ?? 0
    }
}

/// `relays/<relayer>/<author>/card.tbd`: the author's device card, carried by `relayer`.
public struct RelayedCard: Hashable, Comparable, Sendable {
    /// The device that relays the card.
    public var relayer: DeviceID
    /// The device the card is of (and that signed it).
    public var author: DeviceID

    /// Creates an entry.
    public init(relayer: DeviceID, author: DeviceID) {
        self.relayer = relayer
        self.author = author
    }

    /// Where it is.
    public var entry: FolderEntry { .relayedCard(relayer: relayer, author: author) }

    public static func < (a: RelayedCard, b: RelayedCard) -> Bool { (a.author, a.relayer) < (b.author, b.relayer) }
}

/// A name in the shared folder that is not a Touchbase file.
public struct IgnoredEntry: Hashable, Sendable, CustomStringConvertible {
    /// The path relative to the folder root.
    public var relativePath: String
    /// Why it is ignored.
    public var reason: String

    /// Creates an entry.
    public init(relativePath: String, reason: String) {
        self.relativePath = relativePath
        self.reason = reason
    }

    public var description: String { "\(relativePath) (\(reason))" }
}
