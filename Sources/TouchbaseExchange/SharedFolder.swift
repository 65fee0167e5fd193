#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

/// The shared folder: a directory that Syncthing, Dropbox, an NFS share or a USB stick replicates,
/// treated as untrusted storage (Protocol/SPEC.md).
///
/// ```swift
/// let folder = SharedFolder(path: "/home/ada/Sync/touchbase")
///     .signing(with: myKey).trusting(pins)               // sign what it writes; check what it reads
/// try folder.publish(myNewChanges)                      // changes/<me>/<first>-<last>.tbc
/// let scan = try folder.scan()
/// for entry in scan.changeFiles where entry.device != me {
///     do { apply(try folder.readChanges(entry)) }
///     catch let e as ExchangeError where e.isStillArrivingOrDamaged { report(e) }   // retry later
/// }
/// try folder.writeAck(Ack(device: me, applied: applied, writtenAt: now))
/// ```
///
/// A device writes only its own files. Change files and snapshots are written once, under a
/// temporary `.` name, fsynced and moved into place; acks and device cards are replaced the same
/// way. Nothing here deletes another device's file, and no name in the folder is ever followed
/// outside it.
public struct SharedFolder: Sendable {
    /// The folder's path.
    public let path: String
    /// The folder key, when the folder is encrypted.
    public let key: FolderKey?
    /// The size limits applied to every read.
    public let limits: ExchangeLimits
    /// Who may read the files and directories this device writes (``FolderPermissions/private``,
    /// owner only, unless set otherwise).
    public var permissions: FolderPermissions = .private
    /// This device's signing key: every file it writes is signed with it. Writing needs one.
    public var signer: DeviceSigningKey?
    /// The keys pinned by this reader: a file (other than a device card) is returned only when it is
    /// signed by the key pinned for its device.
    public var pins = KeyPins()
    /// Test hook: fail a write step with an errno.
    var faults: FaultInjector?
    /// Test hook: nanoseconds added to the moment fingerprints are observed (``observationTime()``),
    /// standing for a sync that runs that much later than the files it lists were written.
    var observationOffset: Int64 = 0

    /// Opens a folder.
    ///
    /// - parameters:
    ///   - path: the shared folder; it must exist.
    ///   - key: the folder key from ``unlock(passphrase:)`` for an encrypted folder.
    ///   - limits: the size limits.
    public init(path: String, key: FolderKey? = nil, limits: ExchangeLimits = .default) {
        self.path = path
        self.key = key
        self.limits = limits
    }

    /// This folder, reading and writing with `key`.
    public func with(key: FolderKey?) -> SharedFolder {
        var copy = SharedFolder(path: path, key: key, limits: limits)
        copy.faults = faults
        copy.observationOffset = observationOffset
        copy.permissions = permissions
        copy.signer = signer
        copy.pins = pins
        return copy
    }

    /// This folder, signing what it writes with `signer`.
    public func signing(with signer: DeviceSigningKey) -> SharedFolder {
        var copy = self
        copy.signer = signer
        return copy
    }

    /// This folder, accepting files signed by the keys of `pins`.
    public func trusting(_ pins: KeyPins) -> SharedFolder {
        var copy = self
        copy.pins = pins
        return copy
    }

    // MARK: - Scan

    /// Lists the folder by name. Reads no file content; a name that does not parse goes to
    /// ``FolderScan/ignored``. A folder below the root that cannot be opened or listed (no
    /// permission, an I/O error) is skipped and listed in ``FolderScan/unreadable``, like an
    /// unreadable file: the rest of the folder is still scanned.
    ///
    /// - throws: ``ExchangeError/readFailed`` when the folder itself cannot be listed.
    public func scan() throws -> FolderScan {
        try scan(listingCardedChanges: true)
    }

    /// What ``holdsEncryptedFiles(_:)`` needs, listed faster: ``scan()`` without the changes files
    /// of devices that have an ack or a device card (it reads those instead of their changes).
    public func scanForEncryptedFiles() throws -> FolderScan {
        try scan(listingCardedChanges: false)
    }

    private func scan(listingCardedChanges: Bool) throws -> FolderScan {
        var scan = FolderScan()
        // Taken before any file is listed: every fingerprint of the scan was observed at this
        // moment or later (FileFingerprint.isRacy).
        let observed = observationTime()
        let root = try openRoot()
        defer { close(root) }
        // The changes folder last: whose changes to list may depend on the acks and cards.
        let top = try list(root, "")
        var listedChanges: [(entry: ChangeFileEntry, print: FileFingerprint?)] = []
        for (name, type) in top.filter({ $0.name != FolderEntry.changesDirectory }) + top.filter({ $0.name == FolderEntry.changesDirectory }) {
            switch (name, type) {
            case (FolderKey.fileName, .regular):
                scan.hasKeyFile = true
            case (FolderKey.generationDirectory, .directory):
                break  // key files of later generations: read by keyFiles()
            case (FolderEntry.changesDirectory, .directory), (FolderEntry.snapshotsDirectory, .directory):
                let isChanges = name == FolderEntry.changesDirectory
                guard let (dir, names) = listSub(root, name, path: name, into: &scan) else { continue }
                defer { close(dir) }
                for (sub, subType) in names {
                    let subPath = name + "/" + sub
                    guard subType == .directory, let device = FolderEntry.device(Substring(sub)) else {
                        scan.ignored.append(IgnoredEntry(relativePath: subPath, reason: reason(sub, subType, expected: "a device folder")))
                        continue
                    }
                    if isChanges, !listingCardedChanges, scan.acks.contains(device) || scan.deviceCards.contains(device) { continue }
                    guard let (deviceDir, files) = listSubEntries(dir, sub, path: subPath, observed: observed, into: &scan) else { continue }
                    defer { close(deviceDir) }
                    for listed in files {
                        let file = listed.name, fileType = listed.type
                        if case .regular = fileType {
                            if isChanges, let entry = FolderEntry.changeFile(device: device, name: file) {
                                listedChanges.append((entry, listed.print))
                                continue
                            }
                            if !isChanges, let entry = FolderEntry.snapshotFile(device: device, name: file) {
                                scan.snapshots.append(entry)
                                scan.otherPrints[.snapshot(entry)] = listed.print
                                continue
                            }
                        }
                        scan.ignored.append(IgnoredEntry(relativePath: subPath + "/" + file, reason: reason(file, fileType, expected: isChanges ? "a changes file" : "a snapshot")))
                    }
                }
            case (FolderEntry.relaysDirectory, .directory):
                scanRelays(root, observed: observed, into: &scan)
            case (FolderEntry.acksDirectory, .directory), (FolderEntry.devicesDirectory, .directory):
                let isAcks = name == FolderEntry.acksDirectory
                guard let (dir, files) = listSubEntries(root, name, path: name, observed: observed, into: &scan) else { continue }
                defer { close(dir) }
                for listed in files {
                    let file = listed.name, fileType = listed.type
                    if case .regular = fileType, let device = FolderEntry.deviceFile(file, isAcks ? ".tba" : ".tbd") {
                        if isAcks { scan.acks.append(device) } else { scan.deviceCards.append(device) }
                        scan.otherPrints[isAcks ? .ack(device) : .deviceCard(device)] = listed.print
                        continue
                    }
                    scan.ignored.append(IgnoredEntry(relativePath: name + "/" + file, reason: reason(file, fileType, expected: isAcks ? "an ack" : "a device card")))
                }
            default:
                scan.ignored.append(IgnoredEntry(relativePath: name, reason: reason(name, type, expected: "a Touchbase file or folder")))
            }
        }
        // The fingerprints go in once every device folder is listed: the table grows once, rather
        // than once per device folder.
        scan.prints.reserveCapacity(scan.prints.count + listedChanges.count)
        scan.changeFiles.reserveCapacity(listedChanges.count)
        for (entry, print) in listedChanges {
            scan.changeFiles.append(entry)
            scan.prints[entry] = print
        }
        scan.changeFiles.sort()
        scan.relayFiles.sort()
        scan.relayedCards.sort()
        scan.acks.sort()
        scan.deviceCards.sort()
        scan.snapshots.sort()
        scan.ignored.sort { $0.relativePath < $1.relativePath }
        scan.unreadable.sort { $0.relativePath < $1.relativePath }
        return scan
    }

    /// Opens and lists a folder below the root; on failure notes it in ``FolderScan/unreadable``
    /// and returns nil. The caller closes the descriptor.
    func listSub(_ parent: Int32, _ name: String, path: String, into scan: inout FolderScan) -> (Int32, [(name: String, type: EntryType)])? {
        listSubEntries(parent, name, path: path, observed: 0, into: &scan).map { ($0.0, $0.1.map { ($0.name, $0.type) }) }
    }

    /// ``listSub(_:_:path:into:)`` with each regular file's fingerprint, observed at `observed` or later.
    func listSubEntries(_ parent: Int32, _ name: String, path: String, observed: Int64, into scan: inout FolderScan) -> (Int32, [ListedEntry])? {
        let dir: Int32
        do {
            if let e = faults?(.listDirectory, path) { throw ExchangeError(.readFailed, String(cString: strerror(e)), file: path) }
            dir = try openSub(parent, name)
        } catch {
            scan.unreadable.append(IgnoredEntry(relativePath: path, reason: Self.unreadableReason(error)))
            return nil
        }
        do {
            return (dir, try FileSystem.entries(dir, observed: observed))
        } catch let error as SystemCallError {
            close(dir)
            scan.unreadable.append(IgnoredEntry(relativePath: path, reason: Self.unreadableReason(ExchangeError(.readFailed, "cannot list: \(error)", file: path))))
            return nil
        } catch {
            close(dir)
            scan.unreadable.append(IgnoredEntry(relativePath: path, reason: Self.unreadableReason(error)))
            return nil
        }
    }

    static func unreadableReason(_ error: any Error) -> String {
        let detail = (error as? ExchangeError)?.detail ?? "\(error)"
        return "folder cannot be read: " + detail
    }

    func reason(_ name: String, _ type: EntryType, expected: String) -> String {
        switch type {
        case .symlink: return "symbolic link, not followed"
        case .other: return "not a regular file or folder"
        default: break
        }
        if name.hasPrefix(".") { return "hidden or temporary (still being written or synced)" }
        if name.contains(".sync-conflict-") || name.contains("conflicted copy") || name.contains("Conflict") {
            return "a sync tool's conflict copy"
        }
        if name.hasSuffix("~") || name.hasSuffix(".partial") || name.hasSuffix(".part") || name.hasSuffix(".tmp") {
            return "a temporary or partial file"
        }
        return "name is not \(expected)"
    }

    // MARK: - Reading

    /// Reads, verifies and decodes one changes file.
    ///
    /// - returns: the Changes `entry.first...entry.last` of `entry.device`, in order.
    /// - throws: ``ExchangeError``, naming the file: a damaged or still-arriving file
    ///   (``ExchangeError/isStillArrivingOrDamaged``), `newerMajorVersion` (leave it alone),
    ///   `keyRequired`, `readFailed`. Nothing is ever deleted.
    public func readChanges(_ entry: ChangeFileEntry) throws -> [Change] {
        let file = try readFile(.changes(entry))
        return try attach(entry.relativePath) { try ChangeBatch.decode(file.payload, header: file.header) }
    }

    /// Reads a device's ack; nil when it has none.
    public func readAck(of device: DeviceID) throws -> Ack? {
        guard let file = try readFileIfPresent(.ack(device)) else { return nil }
        return try attach(FolderEntry.ack(device).relativePath) { try Ack.decode(file.payload, header: file.header) }
    }

    /// Reads a device's card; nil when it has none. Its signature (by the key it publishes) and any
    /// endorsement are verified; whether its key is the pinned one is the caller's decision
    /// (``KeyPins/admit(_:)``).
    public func readDeviceCard(of device: DeviceID) throws -> DeviceCard? {
        guard let file = try readFileIfPresent(.deviceCard(device)) else { return nil }
        return try attach(FolderEntry.deviceCard(device).relativePath) { try DeviceCard.decode(file.payload, header: file.header) }
    }

    /// Reads a snapshot and checks that its name matches the vector it covers.
    public func readSnapshot(_ entry: SnapshotEntry) throws -> Snapshot {
        let file = try readFile(.snapshot(entry))
        let snapshot = try attach(entry.relativePath) { try Snapshot.decode(file.payload, header: file.header) }
        let tag = Snapshot.nameTag(covering: snapshot.covers)
        guard tag.total == entry.total, tag.digest == entry.digest else {
            throw ExchangeError(.nameMismatch, "the name does not match the version vector inside", file: entry.relativePath)
        }
        return snapshot
    }

    /// Reads and verifies any exchange file under a recognized name, checking that its header
    /// agrees with its name and, except for a device card, that it is signed by its device's pinned
    /// key (``pins``).
    public func readFile(_ entry: FolderEntry) throws -> ExchangeFile {
        guard let file = try readFileIfPresent(entry) else {
            throw ExchangeError(.readFailed, "the file no longer exists", file: entry.relativePath)
        }
        return file
    }

    func readFileIfPresent(_ entry: FolderEntry) throws -> ExchangeFile? {
        guard let kind = entry.fileKind else {
            throw ExchangeError(.invalidArgument, "not an exchange file", file: entry.relativePath)
        }
        let path = entry.relativePath
        guard let bytes = try readBytes(entry, maxSize: limits.maxFileSize(kind)) else { return nil }
        return try attach(path) {
            let file = try ExchangeFile.open(bytes, key: key, limits: limits)
            try check(file.header, matches: entry)
            if kind != .deviceCard { try pins.check(file.header) }
            return file
        }
    }

    func check(_ header: ExchangeHeader, matches entry: FolderEntry) throws {
        let expected: (ExchangeFileKind, DeviceID, UInt64, UInt64)
        switch entry {
        case .changes(let e): expected = (.changes, e.device, e.first, e.last)
        case .ack(let d): expected = (.ack, d, 0, 0)
        case .deviceCard(let d), .relayedCard(_, let d): expected = (.deviceCard, d, 0, 0)
        case .snapshot(let e): expected = (.snapshot, e.device, 0, 0)
        case .snapshotPart(let e, let part): expected = (.snapshotPart, e.device, part, part)
        case .keyFile: return
        }
        guard header.kind == expected.0, header.device == expected.1,
              header.first == expected.2, header.last == expected.3 else {
            throw ExchangeError(.nameMismatch, "header says \(header.kind) of \(header.device.hex) \(header.first)-\(header.last)")
        }
    }

    /// Reads a file's bytes through `O_NOFOLLOW` opens; nil when absent.
    func readBytes(_ entry: FolderEntry, maxSize: UInt64) throws -> [UInt8]? {
        let path = entry.relativePath
        let (dirs, name) = entry.components
        if let e = faults?(.readFile, path) { throw ExchangeError(.readFailed, String(cString: strerror(e)), file: path) }
        var fd = try openRoot()
        defer { close(fd) }
        do {
            for d in dirs {
                let next = try FileSystem.openDirectory(fd, d)
                close(fd)
                fd = next
            }
            return try FileSystem.read(fd, name, maxSize: maxSize)
        } catch let e as SystemCallError where e.code == ENOENT {
            return nil
        } catch let e as SystemCallError {
            throw ExchangeError(.readFailed, e.description, file: path)
        } catch let e as ExchangeError {
            throw e.at(path)
        }
    }

    // MARK: - Helpers

    /// The moment a fingerprint taken now is observed at (``FileFingerprint/observed``).
    func observationTime() -> Int64 {
        FileFingerprint.now() &+ observationOffset
    }

    func openRoot() throws -> Int32 {
        do {
            return try FileSystem.openRoot(path)
        } catch {
            throw ExchangeError(.readFailed, "cannot open the shared folder: \(error)")
        }
    }

    func openSub(_ dir: Int32, _ name: String) throws -> Int32 {
        do {
            return try FileSystem.openDirectory(dir, name)
        } catch {
            throw ExchangeError(.readFailed, "\(error)", file: name)
        }
    }

    func list(_ dir: Int32, _ path: String) throws -> [(name: String, type: EntryType)] {
        do {
            return try FileSystem.list(dir)
        } catch {
            throw ExchangeError(.readFailed, "cannot list: \(error)", file: path.isEmpty ? "." : path)
        }
    }

    func attach<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ExchangeError {
            throw e.file == nil ? e.at(path) : e
        }
    }
}
