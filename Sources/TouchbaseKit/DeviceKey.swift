/// The signing key this database trusts for a device, and what happened to it.
public struct DeviceKey: Hashable, Sendable {
    /// The pinned Ed25519 public key (32 bytes).
    public var publicKey: [UInt8]
    /// Its fingerprint, for a person to compare between devices.
    public var fingerprint: String
    /// When it was pinned (milliseconds since 1970).
    public var pinnedAt: UInt64
    /// The key it replaced, when the device changed its key (endorsed by that previous key).
    public var previousKey: [UInt8]?
    /// When that change was accepted.
    public var rotatedAt: UInt64?
    /// The last other key refused for this device: files signed by it are not applied.
    public var refusedKey: [UInt8]?
    /// When it was refused.
    public var refusedAt: UInt64?

    /// The fingerprint of a public key.
    public static func fingerprint(of publicKey: [UInt8]) -> String {
        DevicePublicKey.fingerprint(of: publicKey)
    }
}
