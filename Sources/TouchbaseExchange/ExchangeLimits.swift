/// The sizes a reader accepts before it allocates, inflates or decrypts anything
/// (Protocol/SPEC.md, "Limits"). A file over a limit fails with ``ExchangeError/tooLarge``.
public struct ExchangeLimits: Hashable, Sendable {
    /// Longest accepted header, in bytes.
    public var maxHeaderLength: Int
    /// Longest decoded payload of a changes file.
    public var maxChangesPayload: UInt64
    /// Longest decoded payload of a snapshot.
    public var maxSnapshotPayload: UInt64
    /// Longest decoded payload of an ack or a device card.
    public var maxSmallPayload: UInt64
    /// How much longer than its decoded limit a stored payload may be (zlib framing of
    /// incompressible data, the nonce and tag of encryption).
    public var storedSlack: UInt64

    /// Creates limits.
    public init(maxHeaderLength: Int = 4096, maxChangesPayload: UInt64 = 64 << 20,
                maxSnapshotPayload: UInt64 = 1 << 30, maxSmallPayload: UInt64 = 1 << 20,
                storedSlack: UInt64 = 64 << 10) {
        self.maxHeaderLength = maxHeaderLength
        self.maxChangesPayload = maxChangesPayload
        self.maxSnapshotPayload = maxSnapshotPayload
        self.maxSmallPayload = maxSmallPayload
        self.storedSlack = storedSlack
    }

    /// The limits of Protocol/SPEC.md: header 4 KiB; changes 64 MiB; snapshots 1 GiB; acks and
    /// cards 1 MiB; stored payload at most 64 KiB over the decoded limit.
    public static let `default` = ExchangeLimits()

    /// The decoded-payload limit for a kind.
    public func maxPayload(_ kind: ExchangeFileKind) -> UInt64 {
        switch kind {
        case .changes: return maxChangesPayload
        case .snapshot: return maxSnapshotPayload
        case .snapshotPart: return min(maxSnapshotPayload, SnapshotPart.maxPayload)
        case .ack, .deviceCard: return maxSmallPayload
        }
    }

    /// The largest whole file of a kind, used to refuse reading a bigger file at all.
    public func maxFileSize(_ kind: ExchangeFileKind) -> UInt64 {
        maxPayload(kind) + storedSlack + UInt64(maxHeaderLength) + UInt64(ExchangeSignature.length + ExchangeHeader.checksumLength)
    }
}
