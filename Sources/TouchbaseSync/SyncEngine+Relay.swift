import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Pins, on first sight, the key of each device known only through a relayed card
    /// (Protocol/SPEC.md §11.2): the card is signed by the key it publishes, as the device's own
    /// card is. A relayed card of a device whose key is pinned already is not read.
    func withRelayedCards(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws -> SyncEngine {
        var pins = folder.pins
        let now = store.environment.now()
        for relayed in scan.relayedCards where relayed.author != me && pins[relayed.author] == nil {
            do {
                guard let (card, payload, signature) = try folder.readRelayedCard(relayed) else { continue }
                guard case .firstSight = try pins.admit(card), let key = card.publicKey else { continue }
                try store.pinKey(key.raw, for: relayed.author, at: now)
                try store.keepSignatures([StoredSignature(signature, payload: payload)])
                try store.noteDevices([DeviceNote(id: relayed.author, name: card.name)])
                report.keyEvents.append(KeyEvent(device: relayed.author, kind: .pinned, fingerprint: key.fingerprint))
            } catch let e as ExchangeError where e.isRejectedSignature {
                report.rejected.append(RejectedFile(path: relayed.entry.relativePath, device: relayed.author, code: e.code, reason: e.detail))
            } catch let e as ExchangeError where e.code == .unsigned {
                report.unsigned.append(relayed.entry.relativePath)
            } catch let e as ExchangeError where e.isStillArrivingOrDamaged || e.code == .newerMajorVersion {
                continue
            }
        }
        var engine = self
        engine.folder = folder.trusting(pins)
        return engine
    }

    /// Relays what the folder lacks of other devices (Protocol/SPEC.md §11.2): each kept signed
    /// range of another device whose Changes this log holds and that no file in the folder holds
    /// whole (``FolderCover``), and the card of each device that has neither its own card nor a
    /// relayed one in the folder. Everything goes out unaltered, under its author's signature.
    func relay(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws {
        var cards = try keepCardSignatures(scan, me: me)
        for relayed in scan.relayedCards where relayed.author != me && !cards.contains(relayed.author) {
            if let read = try? folder.readRelayedCard(relayed), read.card.publicKey == folder.pins[relayed.author] { cards.insert(relayed.author) }
        }
        let kept = try store.keptSignatures()
        guard !kept.isEmpty else { return }
        let version = try store.version()
        var cover = try FolderCover(scan: scan, me: me, engine: self)
        let taken = Set(scan.relayFiles.filter { $0.relayer == me })
        var garbage: GarbageView?
        for s in kept where s.device != me {
            // Only what readers can verify with the key pinned now.
            guard folder.pins[s.device]?.raw == s.signer else { continue }
            let tuple = s.authorSignature
            if s.kind == ExchangeFileKind.deviceCard.rawValue {
                guard !cards.contains(s.device), let payload = s.payload else { continue }
                try folder.publishRelayedCard(payload: payload, signature: tuple, relayer: me)
                report.relayedCards += 1
                continue
            }
            guard s.kind == ExchangeFileKind.changes.rawValue, s.first >= 1, s.first <= s.last, s.last <= version[s.device],
                  s.last - s.first < UInt64(ChangeCodec.Limits.file.maxChanges), !cover.holds(s.device, s.first...s.last) else { continue }
            // A range its author may have removed rightfully is not relayed (SPEC §3.7).
            if try isGarbage(s.device, through: s.last, view: &garbage, scan: scan, me: me) { continue }
            let count = Int(s.last - s.first + 1)
            let changes = try store.changes(of: s.device, after: s.first - 1, limit: count)
            guard changes.count == count, changes.last?.seq == s.last else { continue }
            var entry = ChangeFileEntry(device: s.device, first: s.first, last: s.last, relayer: me)
            while taken.contains(entry) { entry.edition += 1 }
            do {
                try folder.publishRelay(changes, signature: tuple, relayer: me, edition: entry.edition)
            } catch let e as ExchangeError where e.code == .signatureInvalid {
                continue  // the log does not re-encode to what the author signed: never relayed
            }
            cover.add(entry)
            report.relayed += changes.count
        }
        try cover.save()
    }

    /// Whether `ranges` together hold every number of `range`.
    static func covers(_ ranges: [ClosedRange<UInt64>], _ range: ClosedRange<UInt64>) -> Bool {
        var next = range.lowerBound
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if r.lowerBound > next { break }
            if r.upperBound >= next {
                if r.upperBound >= range.upperBound { return true }
                next = r.upperBound + 1
            }
        }
        return false
    }

    /// Keeps the signed card of every other device whose card in the folder carries its pinned key,
    /// so that the card can be relayed once the folder loses it.
    ///
    /// - returns: the devices whose own card verifies with the key pinned for them.
    private func keepCardSignatures(_ scan: FolderScan, me: DeviceID) throws -> Set<DeviceID> {
        let kept = Dictionary(try store.keptSignatures(kind: ExchangeFileKind.deviceCard.rawValue).map { ($0.device, $0) },
                              uniquingKeysWith: { a, _ in a })
        var fresh: [StoredSignature] = []
        var good = Set<DeviceID>()
        for d in scan.deviceCards where d != me {
            guard let read = try? folder.readSignedDeviceCard(of: d), let signature = read.signature,
                  let key = read.card.publicKey, key == folder.pins[d] else { continue }
            good.insert(d)
            if kept[d]?.signature != signature.signature { fresh.append(StoredSignature(signature, payload: read.payload)) }
        }
        try store.keepSignatures(fresh)
        return good
    }
}

extension StoredSignature {
    /// The record of a signed tuple; `payload` for a card.
    init(_ s: AuthorSignature, payload: [UInt8]? = nil) {
        self.init(kind: s.kind.rawValue, device: s.device, first: s.first, last: s.last, major: s.major, minor: s.minor,
                  payloadLength: s.payloadLength, signer: s.signer, signature: s.signature, payload: payload)
    }

    /// The signed tuple back.
    var authorSignature: AuthorSignature {
        AuthorSignature(major: major, minor: minor, kind: ExchangeFileKind(rawValue: kind) ?? .changes, device: device,
                        first: first, last: last, payloadLength: payloadLength, signer: signer, signature: signature)
    }
}
