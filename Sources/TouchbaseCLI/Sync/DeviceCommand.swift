import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase device …`: this device's identity.
    struct DeviceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "device",
            abstract: "This device's identity in the shared folder.",
            subcommands: [Rekey.self])
    }
}

extension Touchbase.DeviceCommand {
    /// `touchbase device rekey`: a new device id for a copied or restored database.
    struct Rekey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rekey",
            abstract: "Give this database a new device id, keeping every local edit.",
            discussion: """
                Needed when this database was copied to another machine or restored from an older backup, \
                and sync refuses to publish. Local edits the folder does not have are re-made under the new id; \
                the other copy's changes are then imported like any other device's.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let rekey = try FolderOpening.worded { try ctx.kit.rekeyDevice { try passphrase.passphrase(for: $0) } }
            print("device id changed from \(rekey.old.hex) to \(rekey.new.hex), with a new signing key; every local edit is kept. Run `touchbase sync`.")
        }
    }
}
