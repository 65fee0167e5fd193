import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase key …`: the shared folder's encryption key.
    struct KeyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "The shared folder's encryption key.",
            subcommands: [Change.self])
    }
}

extension Touchbase.KeyCommand {
    /// `touchbase key change`: a new passphrase for the shared folder.
    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Change the shared folder's passphrase.",
            discussion: """
                Writes a new key file generation (keys/<generation>-<key id>.tbk) that carries the earlier keys, so \
                every file already in the folder stays readable with the new passphrase alone. This device then \
                writes only with the new key; each other device stops with a clear message until it is given the \
                new passphrase. The current passphrase comes from --passphrase-file, TOUCHBASE_PASSPHRASE or the \
                terminal; the new one from --new-passphrase-file, TOUCHBASE_NEW_PASSPHRASE or the terminal (asked twice).
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var newPassphrase: NewPassphraseOptions
        @OptionGroup var keyMemory: KeyMemoryOption

        func validate() throws { _ = try keyMemory.parameters() }

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let kit = ctx.kit
            _ = try kit.requireFolderPath()
            guard let old = try passphrase.passphrase(prompt: "Current folder passphrase: ") else {
                throw FolderRefusal("the current passphrase is needed: set TOUCHBASE_PASSPHRASE, use --passphrase-file PATH, or run on a terminal to be asked")
            }
            guard let new = try newPassphrase.passphrase() else {
                throw FolderRefusal("the new passphrase is needed: set TOUCHBASE_NEW_PASSPHRASE, use --new-passphrase-file PATH, or run on a terminal to be asked")
            }
            // Rewrites this device's card and ack under the new key right away (a sync).
            let cost = try keyMemory.parameters()
            let folder = try FolderOpening.worded {
                try await kit.changeFolderKey(oldPassphrase: old, newPassphrase: new, keyDerivation: cost)
            }
            print("The folder key changed (generation \(folder.keyGeneration ?? 0)). Give the new passphrase to `touchbase sync` on each other device.")
        }
    }
}
