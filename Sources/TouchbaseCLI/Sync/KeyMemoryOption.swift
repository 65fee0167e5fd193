import ArgumentParser
import TouchbaseKit

/// `--key-memory MiB`: how much memory the passphrase's key derivation (scrypt) uses in a key file
/// this device writes. Less suits a device with little memory; more makes each guess dearer. Every
/// device reads the cost from the key file, so it is chosen once, where the file is written.
struct KeyMemoryOption: ParsableArguments {
    @Option(name: .customLong("key-memory"),
            help: ArgumentHelp("Memory in MiB that unlocking the folder key takes (scrypt), for the key file written: a power of two from 1 to 256 (default: 128 for a new folder; a key change keeps the folder's).",
                               valueName: "MiB"))
    var mebibytes: Int?

    /// The cost chosen; nil when the option is not given.
    ///
    /// - throws: a `ValidationError` naming the sizes allowed.
    func parameters() throws -> KeyDerivationParameters? {
        guard let mebibytes else { return nil }
        guard let chosen = KeyDerivationParameters(memoryMiB: mebibytes) else {
            let allowed = KeyDerivationParameters.memoryChoicesMiB.map(String.init).joined(separator: ", ")
            throw ValidationError("--key-memory must be one of \(allowed) (MiB); \(mebibytes) is not")
        }
        return chosen
    }
}
