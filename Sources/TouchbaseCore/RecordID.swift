/// The identity of one record: a contact, a hub, a membership, an interaction, a reason, …
///
/// Made by the creating device's ``RecordIDGenerator`` for things that have no natural key (ids
/// written before it are random, and stay valid); derived with ``RecordID/derived(_:_:)`` where one
/// exists, so the same thing created on two devices offline is one record. Every id is 128 opaque bits.
public struct RecordID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 128 bits.
    public var raw: ID128

    /// Wraps 128 bits.
    public init(_ raw: ID128) { self.raw = raw }

    /// Parses 32 hexadecimal digits.
    public init?(hex: String) {
        guard let raw = ID128(hex: hex) else { return nil }
        self.raw = raw
    }

    /// A random id.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> RecordID {
        RecordID(.random(using: &generator))
    }

    /// The id derived from a natural key: the first 128 bits of SHA-256 over
    /// `"touchbase:" + kind + "\u{0}" + key` (UTF-8).
    ///
    /// ```swift
    /// let tag = RecordID.derived("tag", "mentors")            // a tag is its normalized name
    /// let member = RecordID.derived("membership", contact.hex + hub.hex)
    /// ```
    public static func derived(_ kind: String, _ key: String) -> RecordID {
        let digest = SHA256Digest.hash(Array("touchbase:\(kind)\u{0}\(key)".utf8))
        return RecordID(ID128(bytes: digest[0..<16])!)
    }

    /// 32 lowercase hexadecimal digits.
    public var hex: String { raw.hex }
    public var description: String { raw.hex }
    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.raw < rhs.raw }
}
