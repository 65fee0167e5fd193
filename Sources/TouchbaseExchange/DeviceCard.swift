import TouchbaseCore

/// Who a device is: its name, the exchange format it writes, when it was created and, from format
/// 2.0, its public signing key (Protocol/SPEC.md, "Device card payload"). Rewritten by its owner at
/// `devices/<device>.tbd`, and signed by the key it publishes.
public struct DeviceCard: Hashable, Sendable {
    /// The device (the file's header device).
    public var device: DeviceID
    /// A human name, e.g. "Ada's laptop".
    public var name: String
    /// The newest exchange format version the device writes.
    public var formatMajor: UInt8
    public var formatMinor: UInt8
    /// Wall-clock milliseconds since 1970 when the device (its database) was created.
    public var createdAt: UInt64
    /// The device's Ed25519 public key; nil in a format 1.x card.
    public var publicKey: DevicePublicKey?
    /// For a key rotation: the previous key's endorsement of ``publicKey``.
    public var endorsement: KeyEndorsement?

    /// Creates a card; the format defaults to this version's.
    public init(device: DeviceID, name: String, formatMajor: UInt8 = ExchangeHeader.currentMajor,
                formatMinor: UInt8 = ExchangeHeader.currentMinor, createdAt: UInt64,
                publicKey: DevicePublicKey? = nil, endorsement: KeyEndorsement? = nil) {
        self.device = device
        self.name = name
        self.formatMajor = formatMajor
        self.formatMinor = formatMinor
        self.createdAt = createdAt
        self.publicKey = publicKey
        self.endorsement = endorsement
    }

    /// string name, u8 format major, u8 format minor, varint createdAt; in 2.0 the 32-byte public
    /// key, then u8 endorsed (0 or 1) and, when 1, the previous key (32) and its signature (64).
    public var payload: [UInt8] {
        var w = ByteWriter()
        w.string(name)
        w.byte(formatMajor)
        w.byte(formatMinor)
        w.varint(createdAt)
        if let publicKey {
            w.raw(publicKey.raw)
            if let endorsement {
                w.byte(1)
                w.raw(endorsement.previousKey.raw)
                w.raw(endorsement.signature)
            } else {
                w.byte(0)
            }
        }
        return w.bytes
    }

    /// Decodes a device card payload. In format 2 the published key must be the one that signed the
    /// file, and an endorsement must verify.
    ///
    /// - throws: ``ExchangeError/malformedPayload``; ``ExchangeError/signatureInvalid`` for an
    ///   endorsement that does not verify.
    public static func decode(_ payload: [UInt8], header: ExchangeHeader) throws -> DeviceCard {
        let card = try decodingPayload {
            var r = ByteReader(payload)
            let name = try r.string()
            let major = try r.byte(), minor = try r.byte()
            let createdAt = try r.varint()
            var card = DeviceCard(device: header.device, name: name, formatMajor: major, formatMinor: minor, createdAt: createdAt)
            if header.isSigned {
                let raw = Array(try r.raw(32))
                guard let key = DevicePublicKey(raw: raw) else { throw CodecError.malformed("the public key does not decode", at: r.offset - 32) }
                card.publicKey = key
                switch try r.byte() {
                case 0: break
                case 1:
                    let previous = Array(try r.raw(32))
                    guard let previousKey = DevicePublicKey(raw: previous) else {
                        throw CodecError.malformed("the endorsing key does not decode", at: r.offset - 32)
                    }
                    card.endorsement = KeyEndorsement(previousKey: previousKey, signature: Array(try r.raw(64)))
                case let other:
                    throw CodecError.malformed("endorsement flag \(other), must be 0 or 1", at: r.offset - 1)
                }
            }
            try checkPayloadEnd(r, header: header)
            return card
        }
        if let key = card.publicKey {
            guard key.raw == header.signer else {
                throw ExchangeError(.malformedPayload, "the card publishes another key than the one that signed it")
            }
            if let e = card.endorsement,
               !e.previousKey.isValidSignature(e.signature, for: ExchangeSignature.rotationMessage(device: card.device, newKey: key)) {
                throw ExchangeError(.signatureInvalid, "the previous key's endorsement of the new key does not verify")
            }
        }
        return card
    }
}

/// A device's previous key vouching for its new one (a key rotation under the same device id):
/// the previous key's signature over the rotation message (Protocol/SPEC.md, "Pinned keys").
public struct KeyEndorsement: Hashable, Sendable {
    /// The key being replaced.
    public var previousKey: DevicePublicKey
    /// Its Ed25519 signature of ``ExchangeSignature/rotationMessage(device:newKey:)``.
    public var signature: [UInt8]

    /// Creates an endorsement from its parts.
    public init(previousKey: DevicePublicKey, signature: [UInt8]) {
        self.previousKey = previousKey
        self.signature = signature
    }

    /// `previous` endorses `new` as the key of `device`.
    public init(device: DeviceID, previous: DeviceSigningKey, new: DevicePublicKey) {
        self.previousKey = previous.publicKey
        self.signature = previous.sign(ExchangeSignature.rotationMessage(device: device, newKey: new))
    }
}
