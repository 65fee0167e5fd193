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
                `touchbase sync` also writes one by itself once this device's own change files pass its thresholds \
                (256 files or 32 MiB of its own changes since its last snapshot, unless set otherwise with --auto, \
                --auto-files and --auto-mib; a setting of this device only). \
                Run `touchbase sync` first to include what other devices published.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var passphrase: PassphraseOptions
        @Option(help: ArgumentHelp("Whether a sync writes snapshots by itself on this device: on or off. Writes no snapshot.", valueName: "on|off"))
        var auto: String?
        @Option(name: .customLong("auto-files"), help: ArgumentHelp("A sync writes one once this many own change files came after the last (1–1000000). Writes no snapshot.", valueName: "n"))
        var autoFiles: Int?
        @Option(name: .customLong("auto-mib"), help: ArgumentHelp("Or once this many MiB of own changes came after the last (1–1048576). Writes no snapshot.", valueName: "n"))
        var autoMiB: Int64?
        @Flag(name: .customLong("auto-defaults"), help: "Go back to the default thresholds (on, 256 files, 32 MiB). Writes no snapshot.")
        var autoDefaults = false
        @Flag(help: "Show this device's thresholds only. Writes no snapshot.")
        var settings = false

        func validate() throws {
            if let auto, auto != "on", auto != "off" { throw ValidationError("--auto takes on or off, not \"\(auto)\"") }
        }

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let kit = ctx.kit
            if settings || auto != nil || autoFiles != nil || autoMiB != nil || autoDefaults {
                let changed = auto != nil || autoFiles != nil || autoMiB != nil || autoDefaults
                let now = try changed
                    ? kit.setSnapshotSettings(automatic: auto.map { $0 == "on" }, changeFiles: autoFiles, mebibytes: autoMiB, reset: autoDefaults)
                    : kit.snapshotSettings()
                if output.json { return try JSONOutput.emit(SnapshotSettingsJSON(now)) }
                print((changed ? "Set. " : "") + Self.describe(now))
                return
            }
            let opened = try FolderOpening.open(kit, passphrase: passphrase)
            let summary = try FolderOpening.worded(async: { try await kit.writeSnapshot(opened) })
            let now = try kit.snapshotSettings()
            if output.json {
                try JSONOutput.emit(SnapshotJSON(summary, auto: now))
                return
            }
            let what = "\(summary.records) record\(summary.records == 1 ? "" : "s"), \(summary.changes) change\(summary.changes == 1 ? "" : "s") covered"
            if summary.newlyWritten {
                print("Snapshot written: \(summary.path) (\(what), \(summary.parts) part\(summary.parts == 1 ? "" : "s")).")
            } else {
                print("Already there: \(summary.path) (\(what)); nothing changed since this device's last snapshot.")
            }
            print(Self.describe(now))
        }

        /// "Automatic snapshots on this device: …".
        static func describe(_ s: SnapshotSettings) -> String {
            let origin = s.isSet ? "set on this device" : "the defaults"
            guard s.automatic else {
                return "Automatic snapshots on this device: off (\(origin)); `touchbase snapshot` writes one when asked."
            }
            return "Automatic snapshots on this device: after \(s.changeFiles) own change file\(s.changeFiles == 1 ? "" : "s") "
                + "or \(s.mebibytes) MiB of own changes since the last one (\(origin))."
        }
    }
}

/// The JSON form of this device's snapshot thresholds.
struct SnapshotSettingsJSON: Encodable {
    var automatic: Bool
    var changeFiles: Int
    var mebibytes: Int64
    var isSet: Bool

    init(_ s: SnapshotSettings) {
        automatic = s.automatic
        changeFiles = s.changeFiles
        mebibytes = s.mebibytes
        isSet = s.isSet
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
    var auto: SnapshotSettingsJSON

    init(_ s: SnapshotSummary, auto settings: SnapshotSettings) {
        path = s.path
        covers = Dictionary(uniqueKeysWithValues: s.covers.sorted.map { ($0.device.hex, $0.seq) })
        changes = s.changes
        records = s.records
        parts = s.parts
        newlyWritten = s.newlyWritten
        auto = SnapshotSettingsJSON(settings)
    }
}
