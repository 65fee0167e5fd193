import Crypto
import TouchbaseCore

extension FolderScan {
    /// A digest of what the scan listed of `entries` (changes files or relays), in the order given:
    /// each entry's name and its fingerprint as listed, without the moment it was observed
    /// (``FileFingerprint/isSameVersion(as:)``). Two scans that give one digest listed the same files
    /// in the same versions. nil when the scan did not list one of them.
    ///
    /// A sync keeps it beside its notes of those files, to tell in one comparison that none of them
    /// changed (Protocol/SPEC.md §3.4, "Content, not names").
    public func listingDigest(of entries: [ChangeFileEntry]) -> [UInt8]? {
        var digest = ListingDigest(capacity: entries.count * 80)
        for e in entries {
            guard let print = prints[e] else { return nil }
            digest.entry(e)
            digest.print(print)
        }
        return digest.finish()
    }

    /// The whole listing as one digest: every name the scan recognized, with the fingerprint of each
    /// file as listed (without the moment it was observed), every name it ignored and every folder
    /// it could not read; and whether any of those fingerprints is racy (``FileFingerprint/isRacy``:
    /// a write within the same timestamp tick would not show in a later listing).
    ///
    /// Two scans with one digest listed the same files in the same versions; when neither is racy,
    /// what a sync decides from the listing and the content of those files alone comes out the same.
    public var listing: (digest: [UInt8], isRacy: Bool) {
        var digest = ListingDigest(capacity: (changeFiles.count + relayFiles.count) * 80 + 4096)
        var racy = false
        func print(_ p: FileFingerprint?) {
            guard let p else { return digest.byte(0) }
            digest.byte(1)
            digest.print(p)
            if p.isRacy { racy = true }
        }
        for (tag, files) in [(UInt8(1), changeFiles), (2, relayFiles)] {
            digest.byte(tag)
            digest.number(UInt64(files.count))
            for e in files {
                digest.entry(e)
                print(prints[e])
            }
        }
        for (tag, devices, entry) in [(UInt8(3), acks, FolderEntry.ack), (4, deviceCards, FolderEntry.deviceCard)] {
            digest.byte(tag)
            digest.number(UInt64(devices.count))
            for d in devices {
                digest.device(d)
                print(otherPrints[entry(d)])
            }
        }
        digest.byte(5)
        digest.number(UInt64(snapshots.count))
        for s in snapshots {
            digest.device(s.device)
            digest.number(s.total)
            digest.text(s.digest)
            print(otherPrints[.snapshot(s)])
        }
        digest.byte(6)
        digest.number(UInt64(relayedCards.count))
        for r in relayedCards {
            digest.device(r.relayer)
            digest.device(r.author)
            print(otherPrints[r.entry])
        }
        for (tag, names) in [(UInt8(7), ignored), (8, unreadable)] {
            digest.byte(tag)
            digest.number(UInt64(names.count))
            for n in names {
                digest.text(n.relativePath)
                digest.text(n.reason)
            }
        }
        digest.byte(hasKeyFile ? 10 : 9)
        return (digest.finish(), racy)
    }
}

/// The bytes a listing digest is taken over: fixed-width big-endian numbers, texts with their length.
private struct ListingDigest {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func number(_ v: UInt64) {
        withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func device(_ d: DeviceID) {
        number(d.raw.high)
        number(d.raw.low)
    }

    mutating func text(_ s: String) {
        number(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    mutating func entry(_ e: ChangeFileEntry) {
        device(e.device)
        number(e.first)
        number(e.last)
        number(e.edition)
        if let r = e.relayer {
            byte(1)
            device(r)
        } else {
            byte(0)
        }
    }

    /// A version of a file: everything but the moment it was observed.
    mutating func print(_ p: FileFingerprint) {
        number(p.size)
        number(UInt64(bitPattern: p.modified))
        number(UInt64(bitPattern: p.changed))
        number(p.inode)
    }

    func finish() -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}

extension FolderScan {
    /// Whether the scan listed a temporary file of `owner` (`.tb-<owner>-….tmp`, which a writer
    /// killed mid-write leaves behind) in a folder where ``SharedFolder/removeStaleTemporaries(of:olderThan:now:)``
    /// looks for them: without one, there is nothing for it to remove.
    public func listsTemporaries(of owner: DeviceID) -> Bool {
        let prefix = SharedFolder.temporaryPrefix(owner)
        return ignored.contains { entry in
            let name = entry.relativePath.split(separator: "/").last ?? ""
            return name.hasPrefix(prefix) && name.hasSuffix(".tmp")
        }
    }
}
