import TouchbaseCore

/// Deterministic ids for tests.
public enum Fixtures {
    /// The device id `n` (readable in hex: `000…0n`).
    public static func device(_ n: UInt64) -> DeviceID { DeviceID(ID128(high: 0xD0, low: n)) }
    /// The record id `n`.
    public static func record(_ n: UInt64) -> RecordID { RecordID(ID128(high: 0xAA, low: n)) }
}
