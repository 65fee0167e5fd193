#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

/// A key file found in the shared folder, checked for structure (no passphrase tried yet).
public struct FolderKeyFile: Hashable, Sendable {
    /// Its path relative to the folder.
    public var relativePath: String
    /// Generation, key id and scrypt cost.
    public var info: KeyFileInfo
    /// Its bytes.
    public var bytes: [UInt8]

    /// The generation.
    public var generation: UInt64 { info.generation }
    /// The key id.
    public var keyID: UInt64 { info.keyID }

    /// The order in which key files are current: the highest generation first, then (for two
    /// generations made at the same time on two devices) the smallest key id. Every reader picks
    /// the same current key file from the same set.
    public static func precedes(_ a: FolderKeyFile, _ b: FolderKeyFile) -> Bool {
        a.generation != b.generation ? a.generation > b.generation : a.keyID < b.keyID
    }
}

/// The key files of a folder.
public struct FolderKeyFiles: Sendable {
    /// Every valid key file, the current one first (``FolderKeyFile/precedes(_:_:)``).
    public var files: [FolderKeyFile]
    /// Key files that failed their structural checks, with why (listed, never deleted, never used).
    public var rejected: [(path: String, error: ExchangeError)]

    /// The key file every device must use: nil when the folder is not encrypted.
    public var current: FolderKeyFile? { files.first }

    /// The key file of one key id.
    public func file(keyID: UInt64) -> FolderKeyFile? { files.first { $0.keyID == keyID } }
}

extension SharedFolder {
    // MARK: - Folder key

    /// Makes the folder encrypted: writes `touchbase-folder.key` (once) and returns the key.
    ///
    /// - parameters:
    ///   - passphrase: the new folder passphrase.
    ///   - salt: 32 random bytes.
    ///   - parameters: scrypt cost.
    /// - throws: ``ExchangeError/publishConflict`` if the folder already has a key file;
    ///   ``ExchangeError/writeFailed``.
    public func createKeyFile(passphrase: String, salt: [UInt8],
                              parameters: KeyDerivationParameters = .default) throws -> FolderKey {
        let (key, bytes) = try FolderKey.create(passphrase: passphrase, salt: salt, parameters: parameters)
        let root = try openRoot()
        defer { close(root) }
        let written = try writeOnce(dir: root, name: FolderKey.fileName, bytes: bytes, owner: nil, path: FolderKey.fileName)
        if !written {
            throw ExchangeError(.publishConflict, "the folder already has a key file", file: FolderKey.fileName)
        }
        return key
    }

    /// Writes a later generation's key file, `keys/<generation>-<key id>.tbk`, once
    /// (``FolderKey/rotate(carrying:passphrase:salt:generation:parameters:)`` made it).
    ///
    /// - throws: ``ExchangeError/publishConflict`` when that name holds other bytes; `writeFailed`.
    public func writeKeyGeneration(_ key: FolderKey, keyFile bytes: [UInt8]) throws {
        let name = FolderKey.generationFileName(generation: key.generation, keyID: key.keyID)
        let path = FolderKey.generationDirectory + "/" + name
        let root = try openRoot()
        defer { close(root) }
        let dir: Int32
        do {
            dir = try FileSystem.makeDirectory(root, FolderKey.generationDirectory, faults: faults)
        } catch {
            throw ExchangeError(.writeFailed, "\(error)", file: path)
        }
        defer { close(dir) }
        _ = try writeOnce(dir: dir, name: name, bytes: bytes, owner: nil, path: path)
    }

    /// Whether the folder has a key file of any generation (is encrypted).
    public func isEncrypted() throws -> Bool {
        let files = try keyFiles()
        return files.current != nil || !files.rejected.isEmpty
    }

    /// Derives the folder key of the current key file from its passphrase.
    ///
    /// - throws: ``ExchangeError`` `wrongPassphrase`; `badKeyFile` when there is no key file or it is
    ///   invalid; `checksumMismatch` for a damaged key file.
    public func unlock(passphrase: String) throws -> FolderKey {
        let files = try keyFiles()
        guard let current = files.current else {
            if let rejected = files.rejected.first { throw rejected.error }
            throw ExchangeError(.badKeyFile, "the folder is not encrypted (no key file)", file: FolderKey.fileName)
        }
        return try unlock(current, passphrase: passphrase)
    }

    /// Opens one key file with a passphrase.
    public func unlock(_ file: FolderKeyFile, passphrase: String) throws -> FolderKey {
        do {
            return try FolderKey.unlock(keyFile: file.bytes, passphrase: passphrase)
        } catch let e as ExchangeError {
            throw e.at(file.relativePath)
        }
    }

    /// Every key file: `touchbase-folder.key` (generation 1) and `keys/<generation>-<key id>.tbk`.
    /// A file whose structure or name is wrong goes to ``FolderKeyFiles/rejected``; an unreadable
    /// `keys` folder is an error.
    public func keyFiles() throws -> FolderKeyFiles {
        var out = FolderKeyFiles(files: [], rejected: [])
        func take(_ path: String, _ bytes: [UInt8], expected: (UInt64, UInt64)?) {
            do {
                let info = try FolderKey.inspect(keyFile: bytes)
                if let (g, id) = expected {
                    guard info.generation == g, info.keyID == id else {
                        throw ExchangeError(.nameMismatch, "the name does not match the generation and key id inside")
                    }
                } else if info.generation != 1 {
                    throw ExchangeError(.badKeyFile, "generation \(info.generation) under the name of generation 1")
                }
                out.files.append(FolderKeyFile(relativePath: path, info: info, bytes: bytes))
            } catch let e as ExchangeError {
                out.rejected.append((path, e.at(path)))
            } catch {
                out.rejected.append((path, ExchangeError(.badKeyFile, "\(error)", file: path)))
            }
        }
        do {
            if let bytes = try readKeyFile() { take(FolderKey.fileName, bytes, expected: nil) }
        } catch let e as ExchangeError where e.code == .badKeyFile {
            out.rejected.append((FolderKey.fileName, e))
        }
        let root = try openRoot()
        defer { close(root) }
        if case .directory = FileSystem.type(root, FolderKey.generationDirectory) {
            let dir = try openSub(root, FolderKey.generationDirectory)
            defer { close(dir) }
            for (name, type) in try list(dir, FolderKey.generationDirectory) {
                guard case .regular = type, let parsed = FolderKey.parseGenerationFileName(name) else { continue }
                let path = FolderKey.generationDirectory + "/" + name
                do {
                    guard let bytes = try FileSystem.read(dir, name, maxSize: UInt64(FolderKey.maxFileLength)) else { continue }
                    take(path, bytes, expected: parsed)
                } catch let e as ExchangeError {
                    out.rejected.append((path, e.at(path)))
                } catch {
                    throw ExchangeError(.readFailed, "\(error)", file: path)
                }
            }
        }
        out.files.sort(by: FolderKeyFile.precedes)
        return out
    }

    func readKeyFile() throws -> [UInt8]? {
        let root = try openRoot()
        defer { close(root) }
        do {
            return try FileSystem.read(root, FolderKey.fileName, maxSize: 4096)
        } catch let e as ExchangeError {
            throw ExchangeError(.badKeyFile, e.detail, file: FolderKey.fileName)
        } catch {
            throw ExchangeError(.readFailed, "\(error)", file: FolderKey.fileName)
        }
    }

    // MARK: - Encrypted files without a key

    /// Whether the folder holds files sealed with a folder key: looked for in every ack and
    /// device card, and in the first changes file of each device that has neither. A device that
    /// finds one but no key file waits for the key file instead of starting a plaintext history.
    public func holdsEncryptedFiles(_ scan: FolderScan) -> Bool {
        var entries: [FolderEntry] = scan.acks.map { .ack($0) } + scan.deviceCards.map { .deviceCard($0) }
        let carded = Set(scan.acks).union(scan.deviceCards)
        var firsts: [DeviceID: ChangeFileEntry] = [:]
        for e in scan.changeFiles where !carded.contains(e.device) && firsts[e.device] == nil { firsts[e.device] = e }
        entries += firsts.values.map { .changes($0) }
        entries += scan.snapshots.map { .snapshot($0) }
        for entry in entries {
            guard let kind = entry.fileKind,
                  let bytes = try? readBytes(entry, maxSize: limits.maxFileSize(kind)),
                  let header = try? ExchangeHeader.parse(bytes, limits: limits) else { continue }
            if header.isEncrypted { return true }
        }
        return false
    }
}
