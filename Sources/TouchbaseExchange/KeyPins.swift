import TouchbaseCore

/// The public keys a reader has pinned, by device (Protocol/SPEC.md, "Pinned keys and key
/// changes"): the last step of verifying a file. A file is applied only when it is signed by the key
/// pinned for the device it names.
///
/// ```swift
/// var pins = KeyPins(try store.pinnedKeys())
/// switch try pins.admit(card) {               // a device card: pin, rotate or refuse
/// case .firstSight, .rotated: save(pins)
/// case .known: break
/// }
/// try pins.check(file.header)                 // any other file: signerUnknown / keyMismatch
/// ```
public struct KeyPins: Hashable, Sendable {
    /// The pinned key of each device.
    public var keys: [DeviceID: DevicePublicKey]

    /// Pins from a map.
    public init(_ keys: [DeviceID: DevicePublicKey] = [:]) {
        self.keys = keys
    }

    /// The key pinned for `device`.
    public subscript(device: DeviceID) -> DevicePublicKey? {
        get { keys[device] }
        set { keys[device] = newValue }
    }

    /// Checks that a (non-card) file is signed by its device's pinned key.
    ///
    /// - throws: ``ExchangeError/signerUnknown`` when no key is pinned for the device (wait for its
    ///   card); ``ExchangeError/keyMismatch`` when another key signed it; ``ExchangeError/unsigned``
    ///   for a 1.x header.
    public func check(_ header: ExchangeHeader) throws {
        guard header.isSigned else { throw ExchangeError(.unsigned, "format \(header.major).\(header.minor) carries no signature") }
        guard let pinned = keys[header.device] else {
            throw ExchangeError(.signerUnknown, "no key is pinned yet for device \(header.device.hex)")
        }
        guard pinned.raw == header.signer else {
            throw ExchangeError(.keyMismatch, "signed by key \(DevicePublicKey.fingerprint(of: header.signer)), device \(header.device.hex) has key \(pinned.fingerprint)")
        }
    }

    /// What a verified device card does to the pins.
    public enum Admission: Hashable, Sendable {
        /// The device had no pinned key: the card's key is now pinned.
        case firstSight
        /// The card carries the pinned key.
        case known
        /// The pinned key endorsed the card's new key, which is now pinned.
        case rotated(from: DevicePublicKey)
    }

    /// Takes a verified device card into account (``ExchangeFile/open(_:key:limits:acceptUnsigned:)``
    /// and ``DeviceCard/decode(_:header:)`` checked its signature and endorsement): pins its key on
    /// first sight, follows an endorsed rotation, and refuses any other key.
    ///
    /// - throws: ``ExchangeError/keyMismatch`` for a card with another key than the pinned one and no
    ///   endorsement by it; ``ExchangeError/unsigned`` for a 1.x card. The pins are then unchanged.
    @discardableResult
    public mutating func admit(_ card: DeviceCard) throws -> Admission {
        guard let key = card.publicKey else { throw ExchangeError(.unsigned, "a format \(card.formatMajor) device card publishes no key") }
        guard let pinned = keys[card.device] else {
            keys[card.device] = key
            return .firstSight
        }
        if pinned == key { return .known }
        if let e = card.endorsement, e.previousKey == pinned {
            keys[card.device] = key
            return .rotated(from: pinned)
        }
        throw ExchangeError(.keyMismatch, "the card of device \(card.device.hex) carries key \(key.fingerprint), pinned is \(pinned.fingerprint), and the pinned key did not endorse it")
    }
}
