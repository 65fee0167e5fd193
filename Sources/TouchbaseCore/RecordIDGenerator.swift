/// Makes the ids of the records one device creates: 4 random bytes, then the first 6 bytes of the
/// device id, then a 48-bit time in milliseconds that strictly increases from one id to the next
/// (Protocol/SPEC.md §13, "New record ids").
///
/// A device's ids share their middle bytes, and ids made close in time share most of their time
/// bytes, so a file that lists many of them (a changes file's record table) compresses; ids of 128
/// random bits do not. Nothing reads this structure back: every id stays 128 opaque bits, and ids
/// made before (random ones) stay valid.
///
/// The random bytes come first, so handles (the first 8 hex digits) and typed prefixes spread as
/// widely as random ids. They are also what keeps apart two copies of one database (the same
/// device id and clock) that make ids in the same millisecond before the copy is noticed.
///
/// ```swift
/// var ids = RecordIDGenerator(device: device)
/// var random = SystemRandomNumberGenerator()
/// let id = ids.next(at: nowMilliseconds, using: &random)
/// ```
public struct RecordIDGenerator: Sendable {
    /// The device whose first 6 bytes the ids carry.
    public let device: DeviceID
    /// The time field of the last id made (0 before the first).
    public private(set) var lastTime: UInt64 = 0

    /// The 48 bits of the time field.
    public static let timeMask: UInt64 = (1 << 48) - 1

    /// A generator for `device` that has made no id yet.
    public init(device: DeviceID) { self.device = device }

    /// The next id, made at `milliseconds` since 1970 (the time field takes `lastTime + 1`
    /// instead when the clock has not moved past the last id's time or went back), with 32 bits
    /// from `random`.
    public mutating func next<G: RandomNumberGenerator>(at milliseconds: UInt64, using random: inout G) -> RecordID {
        let now = milliseconds & Self.timeMask
        let time = now > lastTime ? now : (lastTime + 1) & Self.timeMask
        lastTime = time
        let prefix = UInt64(random.next() as UInt32)
        let device48 = device.raw.high >> 16
        return RecordID(ID128(high: prefix << 32 | device48 >> 16, low: (device48 & 0xFFFF) << 48 | time))
    }
}
