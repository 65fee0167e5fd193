import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

extension Touchbase {
    /// `touchbase sync`: import, publish, acknowledge.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync with the shared folder: import other devices' changes, publish this device's.",
            discussion: """
                The folder is any directory that something else replicates (Syncthing, Dropbox, iCloud Drive, \
                NFS, a USB stick). Set it once with --folder; it is remembered. Files that are still arriving \
                or damaged are skipped and retried next time; nothing in the folder is ever deleted by a reader. \
                Set TOUCHBASE_PASSPHRASE for an encrypted folder.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("The shared folder to sync with (remembered for next time).", valueName: "path"))
        var folder: String?
        @Flag(help: "Encrypt a new, empty shared folder with TOUCHBASE_PASSPHRASE.")
        var encrypt = false
        @Flag(name: .shortAndLong, help: "List ignored names (conflict copies, temporaries) and damaged files.")
        var verbose = false

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            if let folder { try FolderAccess.remember(folder, in: ctx.store) }
            var engine = SyncEngine(store: ctx.store, folder: try FolderAccess.open(ctx.store, encrypt: encrypt))
            let bar = ProgressBar(label: "importing", enabled: ctx.terminal.progress && !output.json)
            engine.progress = { done, total in bar.update(done, of: total) }
            let report = try engine.sync()
            bar.finish()
            let names = try ctx.store.deviceNames()
            if output.json {
                JSONOutput.print(SyncReportJSON.object(report, names: names))
            } else {
                SyncReportText.print(report, names: names, terminal: ctx.terminal, verbose: verbose)
            }
            if report.identityClash != nil || report.signingKeyReplaced { throw ExitCode.failure }
        }
    }
}
