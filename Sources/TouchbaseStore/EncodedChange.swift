import TouchbaseCore

/// A Change with its canonical encoding, made once: ``ChangeCodec/encode(_:hash:)`` of the Change
/// alone, the bytes its digest (``Change/digest(hash:)``) hashes and the local log stores.
///
/// The only way to make one is to encode a Change, so the bytes always are that Change's: a reader
/// that hashed a Change to check its links hands the same bytes to the Store, which then keeps
/// them instead of encoding the Change again.
public struct EncodedChange: Sendable {
    /// The Change.
    public let change: Change
    /// Its canonical encoding: `ChangeCodec.encode([change])`.
    public let bytes: [UInt8]

    /// Encodes `change`.
    public init(_ change: Change) {
        self.change = change
        bytes = ChangeCodec.encode([change])
    }

    /// The Change's digest, the same as ``Change/digest(hash:)``, without encoding it again.
    ///
    /// - Parameter hash: SHA-256 (Core's own by default; the Exchange passes a faster one).
    public func digest(hash: ([UInt8]) -> [UInt8] = SHA256Digest.hash) -> [UInt8] {
        hash(bytes)
    }
}
