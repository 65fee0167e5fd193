import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase sync`: import, publish, acknowledge.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Sync with the shared folder: import other devices' changes, publish this device's.",
            discussion: """
                The folder is any directory that something else replicates (Syncthing, Dropbox, iCloud Drive, \
                NFS, a USB stick). Set it once with --folder; it is remembered. Files that are still arriving \
                or damaged are skipped and retried next time; nothing in the folder is ever deleted by a reader. \
                An encrypted folder needs its passphrase: from --passphrase-file, TOUCHBASE_PASSPHRASE, or asked \
                on the terminal. Once a device uses an encrypted folder it never reads or writes it without the key. \
                Files this device writes to the folder are readable by you only (0600, directories 0700); \
                --permissions group or everyone (remembered) lets the folder's group or every local user read them.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("The shared folder to sync with (remembered for next time).", valueName: "path"))
        var folder: String?
        @Flag(help: "Encrypt a new, empty shared folder (passphrase from --passphrase-file, TOUCHBASE_PASSPHRASE or the terminal).")
        var encrypt = false
        @OptionGroup var keyMemory: KeyMemoryOption
        @OptionGroup var passphrase: PassphraseOptions
        @Option(help: ArgumentHelp("Who may read the files this device writes to the folder: private (0600, the default), group (0640) or everyone (0644); remembered.",
                                   valueName: "private|group|everyone"))
        var permissions: FolderPermissions?
        @Flag(name: .shortAndLong, help: "List ignored names (conflict copies, temporaries) and damaged files.")
        var verbose = false

        func validate() throws {
            if keyMemory.mebibytes != nil && !encrypt {
                throw ValidationError("--key-memory applies to a new key file: use it with --encrypt (or `touchbase key change`)")
            }
            _ = try keyMemory.parameters()
        }

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let kit = ctx.kit
            if let folder { try kit.chooseFolder(folder) }
            if let permissions { try kit.setFolderPermissions(permissions) }
            let opened = try FolderOpening.open(kit, passphrase: passphrase, encrypt: encrypt,
                                                keyDerivation: try keyMemory.parameters())
            let bar = ProgressBar(label: "importing", enabled: ctx.terminal.progress && !output.json)
            let seeding = ProgressBar(label: "joining from a snapshot", enabled: ctx.terminal.progress && !output.json)
            let report = try FolderOpening.worded {
                try await kit.sync(opened) { p in
                    if p.phase == .seeding {
                        seeding.update(p.filesRead, of: p.filesTotal)
                        if p.filesRead == p.filesTotal { seeding.finish() }
                    } else {
                        bar.update(p.filesRead, of: p.filesTotal)
                    }
                }
            }
            bar.finish()
            let names = try kit.deviceNames()
            if output.json {
                try JSONOutput.emit(SyncReportJSON(report, names: names))
            } else {
                SyncReportText.print(report, names: names, terminal: ctx.terminal, verbose: verbose)
            }
            if report.identityClash != nil || report.signingKeyReplaced { throw ExitCode.failure }
        }
    }
}

extension FolderPermissions: ExpressibleByArgument {}
