import TouchbaseKit

/// The human summary of a sync.
enum SyncReportText {
    /// A device's name for text (control characters made visible).
    static func name(_ d: DeviceID, _ names: [DeviceID: String]) -> String { TerminalText.visible(names[d] ?? String(d.hex.prefix(8))) }

    static func print(_ r: SyncReport, names: [DeviceID: String], terminal t: Terminal, verbose: Bool) {
        if let seed = r.seededFrom { TouchbaseCLI.print("joined from the snapshot \(TerminalText.visible(seed)), then the changes after it") }
        if r.imported.isEmpty {
            TouchbaseCLI.print("imported nothing new")
        } else {
            let parts = r.imported.sorted { name($0.key, names) < name($1.key, names) }.map { "\($0.value) from \(name($0.key, names))" }
            TouchbaseCLI.print("imported \(r.importedTotal) change\(r.importedTotal == 1 ? "" : "s"): " + parts.joined(separator: ", "))
        }
        if r.signingKeyReplaced {
            TouchbaseCLI.print(t.red("refused to publish: this device's signing key is not the one its other devices know (the key file was lost or replaced).")
                + (r.identityClash == nil ? "\nRun `touchbase device rekey`: it gives this database a new device id and signing key, and keeps every local edit." : ""))
        }
        if let clash = r.identityClash {
            TouchbaseCLI.print(TextBlock([t.red("refused to publish: the shared folder holds changes of this device id that this database does not have (\(TerminalText.visible(clash.file)))."),
                "This database was copied, or restored from an older backup. Run `touchbase device rekey`: it gives this database a new device id and keeps every local edit."]))
        } else if r.signingKeyReplaced {
            // Refused, said above.
        } else if r.published > 0 {
            let again = r.republished > 0 ? " (\(r.republished) again: the folder had lost them or held them damaged)" : ""
            TouchbaseCLI.print("published \(r.published) change\(r.published == 1 ? "" : "s")" + again + (verbose ? " to \(r.publishedFile ?? "")" : ""))
        } else {
            TouchbaseCLI.print("nothing to publish")
        }
        if !r.heldByClash.isEmpty {
            let n = r.heldByClash.count
            TouchbaseCLI.print(t.yellow("held back: \(n) change\(n == 1 ? "" : "s") of other devices build\(n == 1 ? "s" : "") on the other copy's changes; applied after the re-key"))
        }
        if let written = r.snapshotWritten { TouchbaseCLI.print("wrote a snapshot: \(TerminalText.visible(written))") }
        printForks(r, names: names, terminal: t, verbose: verbose)
        printGarbage(r.garbage, names: names, terminal: t, verbose: verbose)
        if !r.waiting.isEmpty {
            var missing = Set<Dot>()
            for m in r.waiting.values { missing.formUnion(m) }
            let list = missing.sorted().map { "\(name($0.device, names)) #\($0.seq)" }.joined(separator: ", ")
            TouchbaseCLI.print(t.yellow("waiting: \(r.waiting.count) change\(r.waiting.count == 1 ? "" : "s") need\(r.waiting.count == 1 ? "s" : "") " + (list.isEmpty ? "earlier changes" : list) + " (not arrived yet)"))
        }
        for e in r.keyEvents {
            switch e.kind {
            case .pinned: TouchbaseCLI.print("new device \(name(e.device, names)): key \(e.fingerprint) pinned")
            case .rotated: TouchbaseCLI.print(t.yellow("device \(name(e.device, names)) changed its key to \(e.fingerprint) (endorsed by its previous key)"))
            }
        }
        if r.resigned > 0 {
            TouchbaseCLI.print("re-signed \(r.resigned) older file\(r.resigned == 1 ? "" : "s") of this device")
        }
        if !r.rejected.isEmpty {
            TouchbaseCLI.print(t.red("rejected \(r.rejected.count) file\(r.rejected.count == 1 ? "" : "s") not signed by the device \(r.rejected.count == 1 ? "it names" : "they name") (never applied):"))
            for f in r.rejected {
                let why = f.code == .keyMismatch ? "signed by another device's key" : "signature does not verify"
                TouchbaseCLI.print("  \(TerminalText.visible(f.path)): \(why)" + (verbose ? " — \(TerminalText.visible(f.reason))" : ""))
            }
        }
        if !r.waitingForCard.isEmpty {
            TouchbaseCLI.print(t.yellow("waiting: \(r.waitingForCard.count) file\(r.waitingForCard.count == 1 ? "" : "s") of devices whose signed device card has not arrived yet"))
            if verbose { for p in r.waitingForCard { TouchbaseCLI.print("  \(TerminalText.visible(p))") } }
        }
        if !r.unsigned.isEmpty {
            TouchbaseCLI.print(t.yellow("left alone \(r.unsigned.count) file\(r.unsigned.count == 1 ? "" : "s") of the older, unsigned format: applied once their device upgrades touchbase and re-signs them"))
            if verbose { for p in r.unsigned { TouchbaseCLI.print("  \(TerminalText.visible(p))") } }
        }
        if !r.damaged.isEmpty {
            TouchbaseCLI.print(t.yellow("skipped \(r.damaged.count) file\(r.damaged.count == 1 ? "" : "s") still arriving or damaged (retried next sync)"))
            if verbose { for d in r.damaged { TouchbaseCLI.print("  \(TerminalText.visible(d.path)): \(TerminalText.visible(d.reason))") } }
        }
        if !r.newerFormat.isEmpty {
            TouchbaseCLI.print(t.yellow("left alone \(r.newerFormat.count) file\(r.newerFormat.count == 1 ? "" : "s") of a newer format: upgrade touchbase"))
            if verbose { for p in r.newerFormat { TouchbaseCLI.print("  \(TerminalText.visible(p))") } }
        }
        if verbose && !r.ignored.isEmpty {
            TouchbaseCLI.print("ignored \(r.ignored.count) name\(r.ignored.count == 1 ? "" : "s") (not touchbase files; never deleted):")
            for i in r.ignored { TouchbaseCLI.print("  \(TerminalText.visible(i.description))") }
        }
        if r.newConflicts > 0 {
            TouchbaseCLI.print(t.red("\(r.newConflicts) new conflict\(r.newConflicts == 1 ? "" : "s")") + ": see `touchbase conflicts`")
        } else if r.openConflicts > 0 {
            TouchbaseCLI.print("\(r.openConflicts) open conflict\(r.openConflicts == 1 ? "" : "s"): see `touchbase conflicts`")
        }
    }
}
