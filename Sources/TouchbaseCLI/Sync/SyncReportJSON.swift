import TouchbaseKit

/// The `--json` form of a sync report (docs/JSON.md, `## sync`).
struct SyncReportJSON: Encodable {
    /// Changes imported from one device.
    struct Imported: Encodable {
        var name: String
        var changes: Int
    }

    /// A change, by device and sequence number.
    struct ChangeRef: Encodable {
        var device: String
        var seq: UInt64
    }

    /// A file and why it was skipped or ignored.
    struct FileReason: Encodable {
        var file: String
        var reason: String
    }

    /// Evidence that another database publishes under this device id.
    struct Clash: Encodable {
        var firstDivergent: UInt64
        var file: String
    }

    /// A file refused because it is not signed by the device it names.
    struct Rejected: Encodable {
        var file: String
        var device: String
        var error: String
        var reason: String
    }

    /// A device key pinned or rotated.
    struct KeyChange: Encodable {
        var device: String
        var event: String
        var fingerprint: String
    }

    /// Two histories seen under one device id.
    struct Heal: Encodable {
        var device: String
        var seq: UInt64
        var derived: String
    }

    struct Fork: Encodable {
        var device: String
        var seq: UInt64
        var kind: String
        var file: String
        var new: Bool
        var dependent: ChangeRef?
    }

    var imported: [String: Imported]
    var importedTotal: Int
    var published: Int
    var newConflicts: Int
    var openConflicts: Int
    var duplicates: Int
    var waiting: [ChangeRef]
    var damaged: [FileReason]
    var newerFormat: [String]
    var ignored: [FileReason]
    var publishedFile: String?
    var republished: Int
    var heldByClash: [ChangeRef]
    var identityClash: Clash?
    var rejected: [Rejected]
    var waitingForCard: [String]
    var unsigned: [String]
    var keyEvents: [KeyChange]
    var resigned: Int
    var signingKeyReplaced: Bool
    var forks: [Fork]
    var heldByFork: [ChangeRef]
    var relayed: Int
    var relayedCards: Int
    var healed: [Heal]
    var renamedTo: String?
    var relaysRemoved: Int
    var seededFrom: String?
    var snapshotWritten: String?
    var garbage: GarbageJSON

    init(_ r: SyncReport, names: [DeviceID: String]) {
        imported = Dictionary(uniqueKeysWithValues: r.imported.map { ($0.key.hex, Imported(name: names[$0.key] ?? "", changes: $0.value)) })
        importedTotal = r.importedTotal
        published = r.published
        newConflicts = r.newConflicts
        openConflicts = r.openConflicts
        duplicates = r.duplicates
        waiting = r.waiting.keys.sorted().map { ChangeRef(device: $0.device.hex, seq: $0.seq) }
        damaged = r.damaged.map { FileReason(file: $0.path, reason: $0.reason) }
        newerFormat = r.newerFormat
        ignored = r.ignored.map { FileReason(file: $0.relativePath, reason: $0.reason) }
        publishedFile = r.publishedFile
        republished = r.republished
        heldByClash = r.heldByClash.sorted().map { ChangeRef(device: $0.device.hex, seq: $0.seq) }
        identityClash = r.identityClash.map { Clash(firstDivergent: $0.firstDivergent, file: $0.file) }
        rejected = r.rejected.map { Rejected(file: $0.path, device: $0.device.hex, error: $0.code.rawValue, reason: $0.reason) }
        waitingForCard = r.waitingForCard
        unsigned = r.unsigned
        keyEvents = r.keyEvents.map { KeyChange(device: $0.device.hex, event: $0.kind.rawValue, fingerprint: $0.fingerprint) }
        resigned = r.resigned
        signingKeyReplaced = r.signingKeyReplaced
        forks = r.forks.map { e in
            Fork(device: e.device.hex, seq: e.seq, kind: e.kind.rawValue, file: e.file, new: r.newForks.contains(e),
                 dependent: e.dependent.map { ChangeRef(device: $0.device.hex, seq: $0.seq) })
        }
        heldByFork = r.heldByFork.sorted().map { ChangeRef(device: $0.device.hex, seq: $0.seq) }
        relayed = r.relayed
        relayedCards = r.relayedCards
        healed = r.healed.map { Heal(device: $0.device.hex, seq: $0.seq, derived: $0.derived.hex) }
        renamedTo = r.renamedTo?.hex
        relaysRemoved = r.relaysRemoved
        seededFrom = r.seededFrom
        snapshotWritten = r.snapshotWritten
        garbage = GarbageJSON(r.garbage)
    }
}
