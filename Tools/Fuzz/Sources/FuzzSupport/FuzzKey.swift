import TouchbaseExchange

/// The fixed folder key of the encrypted targets: the one of `Protocol/vectors/good/touchbase-folder.key`
/// (passphrase "correct horse battery staple", scrypt testing cost), so the encrypted vectors
/// seed the corpus and decrypt.
public enum FuzzKey {
    /// The passphrase of the vector key file.
    public static let passphrase = "correct horse battery staple"

    /// The vector key file, read once from the repository next to this package.
    public static let keyFile: [UInt8] = {
        let here = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(5).joined(separator: "/")
        let path = here + "/Protocol/vectors/good/" + FolderKey.fileName
        guard let bytes = readWholeFile(path) else { fatalError("cannot read \(path)") }
        return bytes
    }()

    /// The unlocked key.
    public static let key: FolderKey = {
        do { return try FolderKey.unlock(keyFile: keyFile, passphrase: passphrase) }
        catch { fatalError("the vector key file does not unlock: \(error)") }
    }()
}
