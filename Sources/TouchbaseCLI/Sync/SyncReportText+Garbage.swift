import TouchbaseKit

extension SyncReportText {
    /// Garbage collection's lines (Protocol/SPEC.md §3.7): a re-seed, a return from retirement,
    /// files removed, and the devices the removal of old files waits for (retired ones never).
    static func printGarbage(_ g: GarbageReport, names: [DeviceID: String], terminal t: Terminal, verbose: Bool) {
        if let from = g.reseededFrom {
            TouchbaseCLI.print(t.yellow("started again from a snapshot (\(TerminalText.visible(from))): this device lacked changes the folder no longer holds; its own changes are kept and published"))
        }
        if g.cameBack {
            TouchbaseCLI.print("this device was retired; it is active again and the other devices wait for it again")
        }
        for old in g.retiredOldIDs {
            TouchbaseCLI.print("retired \(old.hex), the device id this database had before its re-key: no device waits for it any more")
        }
        if !g.removed.isEmpty {
            TouchbaseCLI.print("removed \(g.removed.count) old file\(g.removed.count == 1 ? "" : "s") of this device (a snapshot holds them and every device has them)")
            if verbose { for p in g.removed { TouchbaseCLI.print("  \(TerminalText.visible(p))") } }
        }
        if verbose && !g.awaiting.isEmpty {
            let list = g.awaiting.map { name($0, names) }.joined(separator: ", ")
            TouchbaseCLI.print("waiting for \(list) to acknowledge this device's changes before removing old files (`touchbase devices retire` for a lost device)")
        }
    }
}

/// Garbage collection in `touchbase sync --json`.
struct GarbageJSON: Encodable {
    var removed: [String]
    var awaiting: [String]
    var horizon: UInt64
    var compacted: Int
    var cameBack: Bool
    var retiredOldIDs: [String]
    var reseededFrom: String?

    init(_ g: GarbageReport) {
        removed = g.removed
        awaiting = g.awaiting.map(\.hex)
        horizon = g.horizon
        compacted = g.compacted
        cameBack = g.cameBack
        retiredOldIDs = g.retiredOldIDs.map(\.hex)
        reseededFrom = g.reseededFrom
    }
}
