import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// The `meta` key of the files of `device` whose Changes this database compared with what it
    /// applied, with their fingerprints.
    static func checkedFilesKey(_ device: DeviceID) -> String { "checkedFiles." + device.hex }

    /// Compares, with what this database applied, every other device's changes file that holds only
    /// Changes it applied and that it has not compared in this version (Protocol/SPEC.md §3.6: two
    /// files for one (device, seq) with different content are two histories). A file is read once
    /// per version: its fingerprint as the scan listed it is remembered (``FileFingerprint``), so a
    /// sync tool that later swaps its content under the same name (keeping another copy's file), or
    /// writes it in place, has it read again. Damaged files prove
    /// nothing and are left to the import's own reporting.
    func checkAppliedFiles(_ scan: FolderScan, me: DeviceID, version: VersionVector,
                           chain: inout ChainView, forks: inout ForkNotes, healing: inout ForkHealMap) throws {
        // A healed device's files from its first heal point on are read by the import itself, under
        // the heal (SPEC §3.6); a derived id's, all of them. Its files wholly before that point are
        // compared here like any other device's: they may show an earlier fork point, which heals
        // too (a reader may learn a later fork point of an id first).
        let healedFrom = SyncEngine.healedFrom(healing)
        let applied = scan.changeFiles.filter {
            $0.device != me && $0.last <= version[$0.device] && $0.last < healedFrom[$0.device, default: .max]
        }
        for (device, unsorted) in Dictionary(grouping: applied, by: \.device).sorted(by: { $0.key < $1.key }) {
            let entries = unsorted.sorted(by: { ($0.first, $0.last, $0.edition) < ($1.first, $1.last, $1.edition) })
            // Every file listed as it was when its note last vouched for it: nothing to read, and the
            // notes need not be parsed (SPEC §3.4).
            let listing = scan.listingDigest(of: entries)
            let noted = try checkedListing(of: device)
            if let listing, listing == noted { continue }
            // A seeded reader compares a file whose Changes it holds no digest of with the
            // device's other files, once per sync (SPEC §3.6).
            var siblings: FileSiblings??
            let healsBefore = healing.heals.count, forkBefore = forks[device]
            let known = try checkedFiles(of: device)
            var checked: [String: FileFingerprint] = [:]
            let prints = scan.fingerprints(entries)
            for entry in entries {
                guard let print = prints[entry] else { continue }
                let path = entry.relativePath
                if let note = known[path], note.vouches(for: print) {
                    checked[path] = note
                    continue
                }
                guard let changes = try? folder.readChanges(entry) else {
                    // Read again only because its note was racy: a damaged read proves nothing, and
                    // the version noted stays noted.
                    if known[path]?.isSameVersion(as: print) == true { checked[path] = print }
                    continue
                }
                let difference = try SyncEngine.healedDifference(in: changes, applied: version, chain: &chain, map: &healing)
                if let (c, place) = difference, let h = try exactHeal(c, at: place, chain: &chain) {
                    // Where the file shows the fork point, the fork heals.
                    healing.add(h)
                } else if try SyncEngine.holdsUnknown(changes, applied: version, chain: &chain) {
                    if siblings == nil { siblings = fileSiblings(of: device, upTo: version[device], scan: scan) }
                    switch siblings! {
                    case .heals(let heals)?: for h in heals { healing.add(h) }
                    case .differs(let c)?: forks.note(ForkEvidence(device: device, seq: c.seq, kind: .contentDiffers, file: path))
                    case nil:
                        if let (c, _) = difference { forks.note(ForkEvidence(device: device, seq: c.seq, kind: .contentDiffers, file: path)) }
                    }
                } else if let (c, _) = difference {
                    forks.note(ForkEvidence(device: device, seq: c.seq, kind: .contentDiffers, file: path))
                }
                // Remembered either way: a fork stays noted in the database.
                checked[path] = print
            }
            // What a read taught is stored before the note that spares the read: a sync stopped in
            // between (a kill) reads the file again rather than forget what it showed. A heal is
            // stored with its consequences (``learnHeals``, which forgets this device's notes), so
            // the files that showed it stay unnoted until then; a fork is noted at once.
            if healing.heals.count > healsBefore { continue }
            if forks[device] != forkBefore { try forks.save(to: store) }
            // The listing is noted with the notes only when every note vouches for its file as
            // listed: a later scan that lists the same versions then finds nothing to read here.
            let vouched = entries.allSatisfy { e in prints[e].map { checked[e.relativePath]?.vouches(for: $0) == true } ?? false }
            let summary = vouched ? listing : nil
            // A healed device's later files are noted by the import: their notes are kept.
            if healedFrom[device] != nil {
                let compared = Set(entries.map(\.relativePath))
                for (path, note) in known where !compared.contains(path) { checked[path] = note }
            }
            if checked != known || summary != noted { try noteCheckedFiles(checked, of: device, listing: summary) }
        }
    }

    /// Adds files just read by the import (their Changes compared or applied) to the notes, with
    /// the fingerprints `scan` listed before they were read.
    func noteCheckedFiles(_ entries: [ChangeFileEntry], listed scan: FolderScan) throws {
        for (device, group) in Dictionary(grouping: entries, by: \.device) {
            var files = try checkedFiles(of: device)
            for (entry, print) in scan.fingerprints(group) { files[entry.relativePath] = print }
            try noteCheckedFiles(files, of: device)
        }
    }

    func checkedFiles(of device: DeviceID) throws -> [String: FileFingerprint] {
        FileFingerprint.table(try store.metaValue(Self.checkedFilesKey(device)) ?? "")
    }

    /// Replaces the notes of `device`'s checked files. With `listing` (``FolderScan/listingDigest(of:)``
    /// of the files they vouch for), the notes start with a line `#listing <hex digest>`, which
    /// ``FileFingerprint/table(_:)`` skips and ``FileFingerprint/text(_:)`` never writes: so any
    /// other change to the notes (a heal forgetting them, an import adding files) drops it.
    func noteCheckedFiles(_ files: [String: FileFingerprint], of device: DeviceID, listing: [UInt8]? = nil) throws {
        var text = FileFingerprint.text(files)
        if let listing, !text.isEmpty { text = Self.listingLine(listing) + "\n" + text }
        try store.setMetaValue(Self.checkedFilesKey(device), text.isEmpty ? nil : text)
    }

    /// The listing noted with the notes of `device`'s checked files (``noteCheckedFiles(_:of:listing:)``),
    /// read without the notes themselves; nil when there is none.
    func checkedListing(of device: DeviceID) throws -> [UInt8]? {
        let line = Self.listingLine([UInt8](repeating: 0, count: 32))
        guard let head = try store.metaValuePrefix(Self.checkedFilesKey(device), length: line.utf8.count),
              head.utf8.count == line.utf8.count, head.hasPrefix(Self.listingLinePrefix) else { return nil }
        return Self.bytes(hex: head.dropFirst(Self.listingLinePrefix.count))
    }

    static let listingLinePrefix = "#listing "

    static func listingLine(_ digest: [UInt8]) -> String { listingLinePrefix + hex(digest) }

    /// Lowercase hex digits.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lowercase hex digits back to bytes; nil for anything else.
    static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }

    /// Whether a known fork holds `c` back: `c` depends on a sequence number of a forked device at
    /// or after the fork without a digest that says which history it was made on (an unchained
    /// Change, made before format 3.0). A chained Change's digests were checked by ``ChainView``.
    static func heldByFork(_ c: Change, forks: ForkNotes) -> ForkEvidence? {
        for e in forks.all where e.device != c.device && c.deps[e.device] >= e.seq {
            if let d = c.depDigests[e.device], d != ChangeCodec.unknownDigest { continue }
            return e
        }
        return nil
    }
}
