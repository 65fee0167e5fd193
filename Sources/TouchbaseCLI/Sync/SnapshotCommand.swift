import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase snapshot`: write a snapshot of the whole state to the shared folder.
    struct SnapshotCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Write a snapshot of the whole state to the shared folder, so new devices join from it.",
            discussion: """
                A snapshot holds every field with all its concurrent values (open conflicts survive), the deleted \
                and merged status of every record, and the changes it covers. A new device joins from the newest \
                snapshot it can use plus the changes after it, instead of replaying the whole history. \
                `touchbase sync` also writes one by itself once this device's own change files pass its thresholds. \
                Run `touchbase sync` first to include what other devices published.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let kit = ctx.kit
            let opened = try FolderOpening.open(kit, passphrase: passphrase)
            let summary = try FolderOpening.worded(async: { try await kit.writeSnapshot(opened) })
            if output.json {
                try JSONOutput.emit(SnapshotJSON(summary))
                return
            }
            let what = "\(summary.records) record\(summary.records == 1 ? "" : "s"), \(summary.changes) change\(summary.changes == 1 ? "" : "s") covered"
            if summary.newlyWritten {
                print("Snapshot written: \(summary.path) (\(what), \(summary.parts) part\(summary.parts == 1 ? "" : "s")).")
            } else {
                print("Already there: \(summary.path) (\(what)); nothing changed since this device's last snapshot.")
            }
        }
    }
}

/// The JSON form of a written snapshot.
struct SnapshotJSON: Encodable {
    var path: String
    var covers: [String: UInt64]
    var changes: UInt64
    var records: UInt64
    var parts: Int
    var newlyWritten: Bool

    init(_ s: SnapshotSummary) {
        path = s.path
        covers = Dictionary(uniqueKeysWithValues: s.covers.sorted.map { ($0.device.hex, $0.seq) })
        changes = s.changes
        records = s.records
        parts = s.parts
        newlyWritten = s.newlyWritten
    }
}
