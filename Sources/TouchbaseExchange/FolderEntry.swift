import TouchbaseCore

/// A file of the shared folder that Touchbase recognizes by its name (Protocol/SPEC.md, "Layout").
///
/// ```
/// touchbase-folder.key                           the folder key (encrypted folders only)
/// changes/<device>/<first>-<last>.tbc            Changes first...last of a device (write once)
/// changes/<device>/<first>-<last>.<edition>.tbc  the same range published again (edition ≥ 2)
/// acks/<device>.tba                              what the device has applied (rewritten by it)
/// devices/<device>.tbd                           the device's card (rewritten by it)
/// snapshots/<device>/<total>-<digest>.tbs        a snapshot (write once)
/// relays/<relayer>/<author>/<first>-<last>.tbc    the author's Changes, relayed (write once)
/// relays/<relayer>/<author>/card.tbd              the author's device card, relayed (write once)
/// ```
///
/// `<device>` is 32 lowercase hex digits; numbers are decimal without leading zeros. Any other name
/// does not parse and is ignored.
public enum FolderEntry: Hashable, Sendable, CustomStringConvertible {
    case keyFile
    case changes(ChangeFileEntry)
    case ack(DeviceID)
    case deviceCard(DeviceID)
    case snapshot(SnapshotEntry)
    /// Part number `part` (from 1) of a snapshot (format 3.1), opened only through its snapshot.
    case snapshotPart(SnapshotEntry, part: UInt64)
    /// A device card of `author` that `relayer` carries, signed by the author (Protocol/SPEC.md §11.2).
    case relayedCard(relayer: DeviceID, author: DeviceID)

    static let changesDirectory = "changes"
    static let acksDirectory = "acks"
    static let devicesDirectory = "devices"
    static let snapshotsDirectory = "snapshots"
    static let relaysDirectory = "relays"
    static let relayedCardName = "card.tbd"

    /// The directories below the root and the file name.
    var components: (directories: [String], name: String) {
        switch self {
        case .keyFile: return ([], FolderKey.fileName)
        case .changes(let e):
            if let relayer = e.relayer { return ([Self.relaysDirectory, relayer.hex, e.device.hex], e.fileName) }
            return ([Self.changesDirectory, e.device.hex], e.fileName)
        case .relayedCard(let relayer, let author): return ([Self.relaysDirectory, relayer.hex, author.hex], Self.relayedCardName)
        case .ack(let d): return ([Self.acksDirectory], "\(d.hex).tba")
        case .deviceCard(let d): return ([Self.devicesDirectory], "\(d.hex).tbd")
        case .snapshot(let e): return ([Self.snapshotsDirectory, e.device.hex], "\(e.total)-\(e.digest).tbs")
        case .snapshotPart(let e, let part):
            return ([Self.snapshotsDirectory, e.device.hex, "\(e.total)-\(e.digest)"], "\(part).tbp")
        }
    }

    /// The path relative to the folder root, with `/`.
    public var relativePath: String {
        let (dirs, name) = components
        return (dirs + [name]).joined(separator: "/")
    }

    public var description: String { relativePath }

    /// The kind of exchange file stored under this name (nil for the key file).
    var fileKind: ExchangeFileKind? {
        switch self {
        case .keyFile: return nil
        case .changes: return .changes
        case .ack: return .ack
        case .deviceCard, .relayedCard: return .deviceCard
        case .snapshot: return .snapshot
        case .snapshotPart: return .snapshotPart
        }
    }

    // MARK: - Parsing

    /// 32 lowercase hex digits, exactly.
    static func device(_ s: Substring) -> DeviceID? {
        guard s.utf8.count == 32,
              s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        return DeviceID(hex: String(s))
    }

    /// A canonical decimal: digits, no leading zero (except "0"), fits in 64 bits.
    static func number(_ s: Substring) -> UInt64? {
        guard !s.isEmpty, s.utf8.count <= 20, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if s.utf8.count > 1 && s.utf8.first == 0x30 { return nil }
        return UInt64(s)
    }

    /// Splits `stem.ext` into stem, requiring the extension exactly.
    static func stem(_ name: String, _ ext: String) -> Substring? {
        guard name.hasSuffix(ext) else { return nil }
        return name.dropLast(ext.count)
    }

    static func changeFile(device: DeviceID, name: String) -> ChangeFileEntry? {
        // On the bytes: a scan parses one name per file of the folder.
        if let parsed = name.utf8.withContiguousStorageIfAvailable({ changeFile(device: device, bytes: $0) }) { return parsed }
        return changeFile(device: device, text: name)
    }

    /// ``changeFile(device:name:)`` on the name as text (the same rule as on bytes).
    static func changeFile(device: DeviceID, text name: String) -> ChangeFileEntry? {
        guard let stem = stem(name, ".tbc") else { return nil }
        // `<first>-<last>` or `<first>-<last>.<edition>` with edition ≥ 2.
        let dotted = stem.split(separator: ".", omittingEmptySubsequences: false)
        guard dotted.count <= 2 else { return nil }
        var edition: UInt64 = 1
        if dotted.count == 2 {
            guard let e = number(dotted[1]), e >= 2 else { return nil }
            edition = e
        }
        let parts = dotted[0].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = number(parts[0]), let last = number(parts[1]),
              first >= 1, first <= last else { return nil }
        return ChangeFileEntry(device: device, first: first, last: last, edition: edition)
    }

    /// ``changeFile(device:name:)`` on the name's UTF-8 bytes: `<first>-<last>.tbc` or
    /// `<first>-<last>.<edition>.tbc`, each number canonical (``number(_:)``), edition ≥ 2,
    /// 1 ≤ first ≤ last.
    static func changeFile(device: DeviceID, bytes b: UnsafeBufferPointer<UInt8>) -> ChangeFileEntry? {
        let n = b.count
        guard n > 4, b[n - 4] == UInt8(ascii: "."), b[n - 3] == UInt8(ascii: "t"), b[n - 2] == UInt8(ascii: "b"),
              b[n - 1] == UInt8(ascii: "c") else { return nil }
        let end = n - 4
        /// The canonical number from `i` up to the first non-digit, and where it stopped.
        func number(from i: Int) -> (UInt64, Int)? {
            var j = i, value: UInt64 = 0
            while j < end, b[j] >= 0x30, b[j] <= 0x39 {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(b[j] - 0x30))
                guard !o1, !o2 else { return nil }
                value = sum
                j += 1
            }
            guard j > i, j - i <= 20, j - i == 1 || b[i] != 0x30 else { return nil }
            return (value, j)
        }
        guard let (first, afterFirst) = number(from: 0), afterFirst < end, b[afterFirst] == UInt8(ascii: "-"),
              let (last, afterLast) = number(from: afterFirst + 1), first >= 1, first <= last else { return nil }
        if afterLast == end { return ChangeFileEntry(device: device, first: first, last: last) }
        guard b[afterLast] == UInt8(ascii: "."), let (edition, afterEdition) = number(from: afterLast + 1),
              afterEdition == end, edition >= 2 else { return nil }
        return ChangeFileEntry(device: device, first: first, last: last, edition: edition)
    }

    static func snapshotFile(device: DeviceID, name: String) -> SnapshotEntry? {
        guard let stem = stem(name, ".tbs") else { return nil }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let total = number(parts[0]), parts[1].utf8.count == 16,
              parts[1].utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        return SnapshotEntry(device: device, total: total, digest: String(parts[1]))
    }

    static func deviceFile(_ name: String, _ ext: String) -> DeviceID? {
        stem(name, ext).flatMap { device($0) }
    }
}

/// A published changes file: the Changes `first...last` of `device`, written by `device` itself or
/// relayed by another device (`relayer`).
public struct ChangeFileEntry: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The device that made (and signed) the Changes.
    public var device: DeviceID
    public var first: UInt64
    public var last: UInt64
    /// 1 for `<first>-<last>.tbc`; n ≥ 2 for `<first>-<last>.<n>.tbc`, the same range published
    /// again because the earlier files under that range were lost or damaged (write once: a name is
    /// never reused).
    public var edition: UInt64
    /// nil for the author's own file `changes/<device>/…`; the relaying device for a relay
    /// `relays/<relayer>/<device>/<first>-<last>.tbc` (Protocol/SPEC.md §11.2). A relay holds the
    /// author's Changes under the author's signature; who relayed it means nothing to a reader.
    public var relayer: DeviceID?

    /// Creates an entry.
    public init(device: DeviceID, first: UInt64, last: UInt64, edition: UInt64 = 1, relayer: DeviceID? = nil) {
        self.device = device
        self.first = first
        self.last = last
        self.edition = edition
        self.relayer = relayer
    }

    /// `<first>-<last>.tbc`, or `<first>-<last>.<edition>.tbc` from edition 2 on.
    var fileName: String { edition == 1 ? "\(first)-\(last).tbc" : "\(first)-\(last).\(edition).tbc" }

    /// The sequence numbers the file holds.
    public var range: ClosedRange<UInt64> { first...last }
    /// `changes/<device>/<first>-<last>.tbc`.
    public var relativePath: String { FolderEntry.changes(self).relativePath }
    public var description: String { relativePath }

    /// By device, first, last, edition; the author's own file before relays of the same range.
    public static func < (a: ChangeFileEntry, b: ChangeFileEntry) -> Bool {
        if (a.device, a.first, a.last, a.edition) != (b.device, b.first, b.last, b.edition) {
            return (a.device, a.first, a.last, a.edition) < (b.device, b.first, b.last, b.edition)
        }
        switch (a.relayer, b.relayer) {
        case (nil, .some): return true
        case (.some(let x), .some(let y)): return x < y
        default: return false
        }
    }
}

/// A published snapshot.
public struct SnapshotEntry: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var device: DeviceID
    /// The number of Changes the snapshot covers (the sum of its version vector).
    public var total: UInt64
    /// 16 hex digits: the first 8 bytes of the SHA-256 of the covered vector's encoding.
    public var digest: String

    /// Creates an entry.
    public init(device: DeviceID, total: UInt64, digest: String) {
        self.device = device
        self.total = total
        self.digest = digest
    }

    /// `snapshots/<device>/<total>-<digest>.tbs`.
    public var relativePath: String { FolderEntry.snapshot(self).relativePath }
    public var description: String { relativePath }

    public static func < (a: SnapshotEntry, b: SnapshotEntry) -> Bool {
        (a.total, a.device, a.digest) < (b.total, b.device, b.digest)
    }
}
