#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

/// Relays: a device carries another device's Changes, or its device card, unaltered and under the
/// author's signature (Protocol/SPEC.md §11.2).
///
/// ```
/// relays/<relayer>/<author>/<first>-<last>.tbc            the author's Changes first...last
/// relays/<relayer>/<author>/<first>-<last>.<edition>.tbc  the same, relayed again
/// relays/<relayer>/<author>/card.tbd                      the author's device card (replaced whole)
/// ```
///
/// A relay file is framed like the author's own file: the header names the author and its range,
/// `signer` is the author's key and the signature is the author's. Only the storage (compression,
/// encryption) is the relayer's. A reader verifies it exactly as the author's own file, with the
/// author's pinned key.
extension SharedFolder {
    /// Lists `relays/`: every relayer folder, every author folder in it, every relay in those.
    func scanRelays(_ root: Int32, observed: Int64, into scan: inout FolderScan) {
        let top = FolderEntry.relaysDirectory
        guard let (dir, relayers) = listSub(root, top, path: top, into: &scan) else { return }
        defer { close(dir) }
        for (sub, subType) in relayers {
            let subPath = top + "/" + sub
            guard subType == .directory, let relayer = FolderEntry.device(Substring(sub)) else {
                scan.ignored.append(IgnoredEntry(relativePath: subPath, reason: reason(sub, subType, expected: "a device folder")))
                continue
            }
            guard let (relayerDir, authors) = listSub(dir, sub, path: subPath, into: &scan) else { continue }
            defer { close(relayerDir) }
            for (name, type) in authors {
                let authorPath = subPath + "/" + name
                guard type == .directory, let author = FolderEntry.device(Substring(name)), author != relayer else {
                    scan.ignored.append(IgnoredEntry(relativePath: authorPath, reason: reason(name, type, expected: "another device's folder")))
                    continue
                }
                guard let (authorDir, files) = listSubEntries(relayerDir, name, path: authorPath, observed: observed, into: &scan) else { continue }
                defer { close(authorDir) }
                for listed in files {
                    let file = listed.name, fileType = listed.type
                    if case .regular = fileType {
                        if file == FolderEntry.relayedCardName {
                            scan.relayedCards.append(RelayedCard(relayer: relayer, author: author))
                            scan.otherPrints[.relayedCard(relayer: relayer, author: author)] = listed.print
                            continue
                        }
                        if var entry = FolderEntry.changeFile(device: author, name: file) {
                            entry.relayer = relayer
                            scan.relayFiles.append(entry)
                            scan.prints[entry] = listed.print
                            continue
                        }
                    }
                    scan.ignored.append(IgnoredEntry(relativePath: authorPath + "/" + file, reason: reason(file, fileType, expected: "a relay")))
                }
            }
        }
    }

    /// Reads, verifies and decodes one changes file (the author's own or a relay) and returns its
    /// Changes with the author's signed tuple, which lets this device relay them later.
    ///
    /// - throws: as ``readChanges(_:)``.
    public func readSignedChanges(_ entry: ChangeFileEntry) throws -> (changes: [Change], signature: AuthorSignature?) {
        let file = try readFile(.changes(entry))
        let changes = try attach(entry.relativePath) { try ChangeBatch.decode(file.payload, header: file.header) }
        return (changes, AuthorSignature(file))
    }

    /// Reads a relayed device card, verified as the author's own card (its signature by the key it
    /// publishes, any endorsement); whether to pin its key is the caller's decision.
    ///
    /// - returns: the card with its decoded payload and signed tuple (to relay it again); nil when absent.
    public func readRelayedCard(_ relayed: RelayedCard) throws -> (card: DeviceCard, payload: [UInt8], signature: AuthorSignature)? {
        guard let file = try readFileIfPresent(relayed.entry) else { return nil }
        return try attach(relayed.entry.relativePath) {
            let card = try DeviceCard.decode(file.payload, header: file.header)
            guard let signature = AuthorSignature(file) else {
                throw ExchangeError(.unsigned, "a relayed card must be signed by its device")
            }
            return (card, file.payload, signature)
        }
    }

    /// Reads a device's own card with its decoded payload and signed tuple; nil when absent.
    public func readSignedDeviceCard(of device: DeviceID) throws -> (card: DeviceCard, payload: [UInt8], signature: AuthorSignature?)? {
        guard let file = try readFileIfPresent(.deviceCard(device)) else { return nil }
        return try attach(FolderEntry.deviceCard(device).relativePath) {
            (try DeviceCard.decode(file.payload, header: file.header), file.payload, AuthorSignature(file))
        }
    }

    /// Relays another device's Changes as `relays/<relayer>/<author>/<first>-<last>.tbc` (write once),
    /// under the author's signature. The Changes are encoded canonically (§7.2) and must verify
    /// under `signature`: a relayer never alters or re-signs what it relays.
    ///
    /// - parameters:
    ///   - changes: the Changes `signature.first...signature.last` of `signature.device`, from the log.
    ///   - signature: the author's signed tuple for exactly that range.
    ///   - relayer: this device.
    ///   - edition: 1 for the plain name, n ≥ 2 to relay the range again beside an earlier file.
    /// - throws: ``ExchangeError`` `signatureInvalid` when the Changes do not verify under the
    ///   author's signature (nothing is written); `invalidArgument` for a relay of the relayer's own
    ///   Changes or a range that is not the signature's; as ``publish(_:edition:)`` otherwise.
    @discardableResult
    public func publishRelay(_ changes: [Change], signature: AuthorSignature, relayer: DeviceID, edition: UInt64 = 1) throws -> PublishOutcome {
        let (device, first, last) = try ChangeBatch.range(of: changes)
        guard signature.kind == .changes, device == signature.device, first == signature.first, last == signature.last,
              device != relayer, edition >= 1 else {
            throw ExchangeError(.invalidArgument, "a relay carries exactly the range another device signed")
        }
        // The author's file held one canonical encoding of its format (SPEC §7.2, §11.2).
        guard let payload = ChangeBatch.encodings(changes, major: signature.major).first(where: signature.verifies) else {
            throw ExchangeError(.signatureInvalid, "the Changes \(first)-\(last) of \(device.hex) do not verify under their author's signature")
        }
        var bytes = signature.frame(payload, key: key, compress: true)
        if let header = try? ExchangeHeader.parse(bytes, limits: limits),
           !ChangeCodec.Limits.file(storedLength: header.storedLength).admits(changes) {
            bytes = signature.frame(payload, key: key, compress: false)
        }
        let entry = FolderEntry.changes(ChangeFileEntry(device: device, first: first, last: last, edition: edition, relayer: relayer))
        let written = try publishOnce(entry, bytes: bytes, owner: relayer) { existing in
            guard let file = try? ExchangeFile.open(existing, key: key, limits: limits),
                  (try? check(file.header, matches: entry)) != nil,
                  let decoded = try? ChangeBatch.decode(file.payload, header: file.header) else { return false }
            return decoded == changes
        }
        return PublishOutcome(entry: entry, newlyWritten: written)
    }

    /// Relays another device's card as `relays/<relayer>/<author>/card.tbd` (replaced whole, §3.2), with the
    /// card's decoded payload and the author's signed tuple, both as read.
    ///
    /// - throws: `signatureInvalid` when the payload does not verify under the tuple (nothing is
    ///   written); as ``publishRelay(_:signature:relayer:edition:)`` otherwise.
    @discardableResult
    public func publishRelayedCard(payload: [UInt8], signature: AuthorSignature, relayer: DeviceID) throws -> PublishOutcome {
        guard signature.kind == .deviceCard, signature.device != relayer, signature.first == 0, signature.last == 0 else {
            throw ExchangeError(.invalidArgument, "a relayed card is another device's card")
        }
        guard signature.verifies(payload) else {
            throw ExchangeError(.signatureInvalid, "the card of \(signature.device.hex) does not verify under its signature")
        }
        let entry = FolderEntry.relayedCard(relayer: relayer, author: signature.device)
        try replaceFile(entry, bytes: signature.frame(payload, key: key, compress: true), owner: relayer)
        return PublishOutcome(entry: entry, newlyWritten: true)
    }
}
