#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

/// The result of publishing a write-once file.
public struct PublishOutcome: Hashable, Sendable {
    /// Where the file is.
    public var entry: FolderEntry
    /// False when a file with the same content was already there (a re-publish after a crash).
    public var newlyWritten: Bool
}

extension SharedFolder {
    // MARK: - Publishing (write once)

    /// Publishes one device's consecutive Changes as `changes/<device>/<first>-<last>.tbc`.
    ///
    /// The file is written under a temporary `.` name, fsynced, moved into place without replacing
    /// anything, and the directory is fsynced. If the name already holds the same Changes (the same
    /// bytes, or bytes that decode to the same Changes), nothing is written.
    ///
    /// - parameter changes: Changes of one device, `seq` consecutive.
    /// - parameter edition: 1 for the plain name; n ≥ 2 for `<first>-<last>.<n>.tbc`, to publish a
    ///   range again without touching an earlier file under it (lost or damaged).
    /// - returns: the entry, and whether it was newly written.
    /// - throws: ``ExchangeError`` `publishConflict` when the name holds different content (another
    ///   copy of this database publishes under the same device id: refuse, offer a re-key);
    ///   `writeFailed` (read-only folder, full disk: nothing left under the real name);
    ///   `invalidArgument` for Changes that cannot share a file.
    @discardableResult
    public func publish(_ changes: [Change], edition: UInt64 = 1) throws -> PublishOutcome {
        let (device, first, last) = try ChangeBatch.range(of: changes)
        guard edition >= 1 else { throw ExchangeError(.invalidArgument, "edition 0") }
        let signer = try requireSigner()
        let payload = ChangeBatch.encode(changes)
        var bytes = ExchangeFile.seal(kind: .changes, device: device, first: first, last: last, payload: payload, key: key, signer: signer)
        // SPEC §7.2: at most 4 Changes and ops per stored byte. Only a payload that compresses
        // extremely well can break it; stored uncompressed it never does.
        if let header = try? ExchangeHeader.parse(bytes, limits: limits),
           !ChangeCodec.Limits.file(storedLength: header.storedLength).admits(changes) {
            bytes = ExchangeFile.seal(kind: .changes, device: device, first: first, last: last, payload: payload, key: key, signer: signer, compress: false)
        }
        let entry = FolderEntry.changes(ChangeFileEntry(device: device, first: first, last: last, edition: edition))
        do {
            let written = try publishOnce(entry, bytes: bytes, owner: device) { existing in
                guard let file = try? ExchangeFile.open(existing, key: key, limits: limits),
                      file.header.signer == signer.publicKey.raw,
                      (try? check(file.header, matches: entry)) != nil,
                      let decoded = try? ChangeBatch.decode(file.payload, header: file.header) else { return false }
                return decoded == changes
            }
            return PublishOutcome(entry: entry, newlyWritten: written)
        } catch let e as ExchangeError where e.code == .publishConflict {
            // A file under this device's own name that this device's key did not sign is another
            // member's forgery, not a copy of this database (a copy signs with the same key): it
            // proves nothing and is replaced. Anything else stays a conflict.
            guard try isSignedByAnotherKey(entry) else { throw e }
            try replaceFile(entry, bytes: bytes, owner: device)
            return PublishOutcome(entry: entry, newlyWritten: true)
        }
    }

    /// Publishes a snapshot as `snapshots/<device>/<total>-<digest>.tbs` (write once).
    ///
    /// - throws: as ``publish(_:edition:)``.
    @discardableResult
    public func publishSnapshot(_ snapshot: Snapshot) throws -> PublishOutcome {
        let tag = Snapshot.nameTag(covering: snapshot.covers)
        let entry = FolderEntry.snapshot(SnapshotEntry(device: snapshot.device, total: tag.total, digest: tag.digest))
        let bytes = ExchangeFile.seal(kind: .snapshot, device: snapshot.device, payload: snapshot.payload, key: key, signer: try requireSigner())
        let written = try publishOnce(entry, bytes: bytes, owner: snapshot.device) { existing in
            guard let file = try? ExchangeFile.open(existing, key: key, limits: limits),
                  file.header.signer == signer?.publicKey.raw else { return false }
            return file.payload == snapshot.payload && file.header.device == snapshot.device
        }
        return PublishOutcome(entry: entry, newlyWritten: written)
    }

    // MARK: - Rewritten files (single owner)

    /// Writes (replaces) `acks/<device>.tba`: temporary file, fsync, rename, directory fsync.
    ///
    /// - throws: ``ExchangeError/writeFailed``; the previous ack is then left as it was.
    public func writeAck(_ ack: Ack) throws {
        let bytes = ExchangeFile.seal(kind: .ack, device: ack.device, payload: ack.payload, key: key, signer: try requireSigner())
        try replaceFile(.ack(ack.device), bytes: bytes, owner: ack.device)
    }

    /// Writes (replaces) `devices/<device>.tbd`, publishing the signing key's public key (whatever
    /// ``DeviceCard/publicKey`` says: a card is signed by the key it publishes).
    ///
    /// - throws: ``ExchangeError/writeFailed``; the previous card is then left as it was.
    public func writeDeviceCard(_ card: DeviceCard) throws {
        let signer = try requireSigner()
        var card = card
        card.publicKey = signer.publicKey
        card.formatMajor = ExchangeHeader.currentMajor
        card.formatMinor = ExchangeHeader.currentMinor
        let bytes = ExchangeFile.seal(kind: .deviceCard, device: card.device, payload: card.payload, key: key, signer: signer)
        try replaceFile(.deviceCard(card.device), bytes: bytes, owner: card.device)
    }

    // MARK: - Re-signing (migration from format 1.x)

    /// Replaces one of this device's own format 1.x changes files by a signed 2.0 file holding the
    /// same Changes, under the same name (Protocol/SPEC.md §3.1, the one exception to write-once).
    ///
    /// - parameter local: the Changes the local log holds for the file's range.
    /// - returns: true when the file was re-signed; false when it is already signed, absent, or
    ///   holds other Changes than `local` (then it is left alone: a copy of this database may
    ///   publish under the same id).
    /// - throws: ``ExchangeError/writeFailed``; ``ExchangeError/invalidArgument`` for another
    ///   device's file.
    @discardableResult
    public func resignOwnChangeFile(_ entry: ChangeFileEntry, local: [Change]) throws -> Bool {
        let signer = try requireSigner()
        guard local.first?.device == entry.device, local.count == Int(entry.last - entry.first + 1) else {
            throw ExchangeError(.invalidArgument, "re-signing needs the file's Changes from the local log", file: entry.relativePath)
        }
        let place = FolderEntry.changes(entry)
        guard let bytes = try readBytes(place, maxSize: limits.maxFileSize(.changes)),
              let file = try? ExchangeFile.open(bytes, key: key, limits: limits, acceptUnsigned: true),
              !file.header.isSigned, (try? check(file.header, matches: place)) != nil,
              let decoded = try? ChangeBatch.decode(file.payload, header: file.header),
              decoded.map({ ChangeCodec.encode([$0]) }) == local.map({ ChangeCodec.encode([$0]) }) else { return false }
        let signed = ExchangeFile.seal(kind: .changes, device: entry.device, first: entry.first, last: entry.last,
                                       payload: ChangeBatch.encode(local), key: key, signer: signer)
        try replaceFile(place, bytes: signed, owner: entry.device)
        return true
    }

    /// Whether the file under `entry`'s name is a complete, undamaged exchange file that its
    /// device's key did not sign (a signature that does not verify, or another signer). The device's
    /// key is its pinned one, else this folder's signing key.
    public func isSignedByAnotherKey(_ entry: FolderEntry) throws -> Bool {
        let device: DeviceID
        switch entry {
        case .changes(let e): device = e.device
        case .snapshot(let e), .snapshotPart(let e, _): device = e.device
        case .ack(let d), .deviceCard(let d), .relayedCard(_, let d): device = d
        case .keyFile: return false
        }
        guard let mine = pins[device]?.raw ?? signer?.publicKey.raw, let kind = entry.fileKind,
              let bytes = try readBytes(entry, maxSize: limits.maxFileSize(kind)) else { return false }
        do {
            let file = try ExchangeFile.open(bytes, key: key, limits: limits)
            return file.header.signer != mine
        } catch let e as ExchangeError {
            return e.code == .signatureInvalid
        }
    }

    func requireSigner() throws -> DeviceSigningKey {
        guard let signer else { throw ExchangeError(.invalidArgument, "no signing key: every file written to the folder is signed") }
        return signer
    }

    // MARK: - Housekeeping (own files only)

    /// Deletes one of `owner`'s own changes files (garbage collection, once a snapshot covers it and
    /// every active device has acknowledged it; deciding that is the sync engine's job).
    ///
    /// - throws: ``ExchangeError/invalidArgument`` for another device's file; `writeFailed`.
    public func removeOwnChangeFile(_ file: ChangeFileEntry, owner: DeviceID) throws {
        guard file.device == owner else {
            throw ExchangeError(.invalidArgument, "a device deletes only its own files", file: file.relativePath)
        }
        try withDirectory(FolderEntry.changes(file), create: false) { dir, name, path in
            do {
                try FileSystem.remove(dir, name)
                try FileSystem.syncDirectory(dir, faults: faults)
            } catch let e as SystemCallError where e.code == ENOENT {
                return
            } catch {
                throw ExchangeError(.writeFailed, "\(error)", file: path)
            }
        }
    }

    /// Removes `owner`'s temporary files older than `maxAge` seconds: those a crash left behind.
    /// Younger ones may belong to another process of the same device still writing.
    ///
    /// - returns: the relative paths removed.
    @discardableResult
    public func removeStaleTemporaries(of owner: DeviceID, olderThan maxAge: Int = 3600, now: Int) throws -> [String] {
        let prefix = Self.temporaryPrefix(owner)
        var removed: [String] = []
        var places: [[String]] = [[], [FolderEntry.changesDirectory, owner.hex], [FolderEntry.snapshotsDirectory, owner.hex],
                                  [FolderEntry.acksDirectory], [FolderEntry.devicesDirectory]]
        let root = try openRoot()
        defer { close(root) }
        // Its relays (Protocol/SPEC.md §11.2): relays/<owner>/ and each author's directory below it.
        let relays = [FolderEntry.relaysDirectory, owner.hex]
        places.append(relays)
        if let top = try? FileSystem.openDirectory(root, relays[0]) {
            defer { close(top) }
            if let mine = try? FileSystem.openDirectory(top, relays[1]) {
                defer { close(mine) }
                for (name, type) in (try? FileSystem.list(mine)) ?? [] where type == .directory && ID128(hex: name) != nil && name == name.lowercased() {
                    places.append(relays + [name])
                }
            }
        }
        for dirs in places {
            var fd = dup(root)
            defer { close(fd) }
            var found = true
            for d in dirs {
                guard let next = try? FileSystem.openDirectory(fd, d) else { found = false; break }
                close(fd)
                fd = next
            }
            guard found else { continue }
            for (name, type) in try list(fd, dirs.joined(separator: "/")) {
                guard name.hasPrefix(prefix), name.hasSuffix(".tmp"), case .regular(_, let modified) = type,
                      now - modified > maxAge else { continue }
                if (try? FileSystem.remove(fd, name)) != nil { removed.append((dirs + [name]).joined(separator: "/")) }
            }
        }
        return removed
    }

    // MARK: - Mechanics

    static func temporaryPrefix(_ owner: DeviceID?) -> String {
        ".tb-\(owner?.hex ?? "folder")-"
    }

    static func temporaryName(_ owner: DeviceID?) -> String {
        var g = SystemRandomNumberGenerator()
        let r = String(g.next() as UInt64, radix: 16).leftPadded(16)
        return temporaryPrefix(owner) + r + ".tmp"
    }

    /// Opens (creating if asked) the directories of `entry` and runs `body` with the innermost one.
    func withDirectory<T>(_ entry: FolderEntry, create: Bool, _ body: (Int32, String, String) throws -> T) throws -> T {
        let path = entry.relativePath
        let (dirs, name) = entry.components
        var fd = try openRoot()
        defer { close(fd) }
        for d in dirs {
            do {
                let next = create ? try FileSystem.makeDirectory(fd, d, mode: permissions.directoryMode, faults: faults) : try FileSystem.openDirectory(fd, d)
                close(fd)
                fd = next
            } catch let e as SystemCallError {
                throw ExchangeError(create ? .writeFailed : .readFailed, e.description, file: path)
            }
        }
        return try body(fd, name, path)
    }

    /// Writes `bytes` to a new temporary file in `dir` and fsyncs it; returns its name.
    func writeTemporary(_ dir: Int32, _ bytes: [UInt8], owner: DeviceID?, path: String) throws -> String {
        let temporary = Self.temporaryName(owner)
        do {
            try FileSystem.writeNew(dir, temporary, bytes, mode: permissions.fileMode, faults: faults)
        } catch let e as SystemCallError {
            throw ExchangeError(.writeFailed, e.description, file: path)
        }
        return temporary
    }

    /// The write-once protocol. Returns true when written, false when the same content was there.
    func publishOnce(_ entry: FolderEntry, bytes: [UInt8], owner: DeviceID,
                     sameContent: ([UInt8]) -> Bool) throws -> Bool {
        try withDirectory(entry, create: true) { dir, name, path in
            try writeOnce(dir: dir, name: name, bytes: bytes, owner: owner, path: path, sameContent: sameContent)
        }
    }

    func writeOnce(dir: Int32, name: String, bytes: [UInt8], owner: DeviceID?, path: String,
                   sameContent: ([UInt8]) -> Bool = { _ in false }) throws -> Bool {
        func existingMatches() throws -> Bool {
            let existing: [UInt8]?
            do {
                existing = try FileSystem.read(dir, name, maxSize: UInt64(bytes.count) * 4 + (1 << 20))
            } catch let e as ExchangeError {
                throw ExchangeError(.publishConflict, "a different, larger file is already there (\(e.detail))", file: path)
            } catch {
                throw ExchangeError(.readFailed, "\(error)", file: path)
            }
            guard let existing else { return false }
            if existing == bytes || sameContent(existing) { return true }
            throw ExchangeError(.publishConflict, "\(existing.count) bytes are already there with other content", file: path)
        }
        if try existingMatches() { return false }
        let temporary = try writeTemporary(dir, bytes, owner: owner, path: path)
        let installed: Bool
        do {
            installed = try FileSystem.installNew(dir, temporary, name, faults: faults)
        } catch let e as SystemCallError {
            unlinkat(dir, temporary, 0)
            throw ExchangeError(.writeFailed, e.description, file: path)
        }
        if !installed {
            unlinkat(dir, temporary, 0)
            if try existingMatches() { return false }
        }
        do {
            try FileSystem.syncDirectory(dir, faults: faults)
        } catch let e as SystemCallError {
            // The file is complete under its name; only its durability is in doubt. Report it.
            throw ExchangeError(.writeFailed, "published, but the directory could not be synced: \(e.description)", file: path)
        }
        return true
    }

    /// The replace protocol for files with a single owner.
    func replaceFile(_ entry: FolderEntry, bytes: [UInt8], owner: DeviceID) throws {
        try withDirectory(entry, create: true) { dir, name, path in
            let temporary = try writeTemporary(dir, bytes, owner: owner, path: path)
            do {
                try FileSystem.replace(dir, temporary, name, faults: faults)
                try FileSystem.syncDirectory(dir, faults: faults)
            } catch let e as SystemCallError {
                unlinkat(dir, temporary, 0)
                throw ExchangeError(.writeFailed, e.description, file: path)
            }
        }
    }
}
