import TouchbaseCore
import TouchbaseSync

extension SyncReportText {
    /// Forks: a device id with two histories (a copied database that edited under its parent's id).
    static func printForks(_ r: SyncReport, names: [DeviceID: String], terminal t: Terminal, verbose: Bool) {
        for e in r.forks {
            let how: String
            switch e.kind {
            case .contentDiffers: how = "a file holds its change #\(e.seq) with other content than the one applied here"
            case .chainBreak: how = "a change after #\(e.seq) does not continue the changes applied here"
            case .dependsOnOtherHistory: how = "a change of another device was made on another version of its change #\(e.seq)"
            }
            let fresh = r.newForks.contains(e) ? "" : " (seen before)"
            TouchbaseCLI.print(t.red("two histories under one device id: \(name(e.device, names)) — \(how)\(fresh).")
                + (verbose ? " (\(TerminalText.visible(e.file)))" : ""))
        }
        if !r.forks.isEmpty {
            TouchbaseCLI.print("A database was copied and both copies made changes under the same id. Changes of the history met later, and changes made on it, are not applied until the fork heals (once a file shows where the histories part). If it does not, run `touchbase device rekey` on the copy.")
        }
        for h in r.healed {
            TouchbaseCLI.print(t.yellow("healed a copied database: \(name(h.device, names)) had two histories from change #\(h.seq); one goes on as device \(h.derived.hex.prefix(8)), every edit of both kept."))
        }
        if let id = r.renamedTo {
            TouchbaseCLI.print("This database was the copy: it goes on as device \(id.hex.prefix(8)), with its edits and its key.")
        }
        if !r.heldByFork.isEmpty {
            let n = r.heldByFork.count
            TouchbaseCLI.print(t.yellow("held back: \(n) change\(n == 1 ? "" : "s") that may build on the other history of a copied device"))
        }
    }
}
