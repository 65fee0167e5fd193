import TouchbaseExchange

/// The fixed folder key of the encrypted targets: the one of `Protocol/vectors/good/touchbase-folder.key`
/// (passphrase "correct horse battery staple", scrypt testing cost), so the encrypted vectors
/// seed the corpus and decrypt.
public enum FuzzKey {
    /// The passphrase of the vector key file.
    public static let passphrase = "correct horse battery staple"

    /// The vector key file, read once: from the working directory (Tools/fuzz.sh runs the targets
    /// at the repository root), else from the repository this file was compiled in.
    public static let keyFile: [UInt8] = {
        let relative = "Protocol/vectors/good/" + FolderKey.fileName
        let repository = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(5).joined(separator: "/")
        for path in [relative, repository + "/" + relative] {
            if let bytes = readWholeFile(path) { return bytes }
        }
        fatalError("cannot read \(relative): run the target at the repository root")
    }()

    /// The unlocked key.
    public static let key: FolderKey = {
        do { return try FolderKey.unlock(keyFile: keyFile, passphrase: passphrase) }
        catch { fatalError("the vector key file does not unlock: \(error)") }
    }()

    /// A fixed device signing key, for files the targets seal themselves (format 2.0 signs every file).
    public static let signer: DeviceSigningKey = {
        do { return try DeviceSigningKey(seed: Array(repeating: 0x07, count: 32)) }
        catch { fatalError("the fixed signing seed is refused: \(error)") }
    }()
}
