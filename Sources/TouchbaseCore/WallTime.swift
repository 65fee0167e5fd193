/// Wall-clock instants as the folder carries them: u64 milliseconds since 1970 (an ack's
/// `writtenAt`, a device card's `createdAt`).
///
/// They are informative only, so a reader accepts any u64 and clamps it for storage and display to
/// the last millisecond of year 9999 (Protocol/SPEC.md §7.4): a forged `2^64 − 1` is kept as
/// 9999-12-31T23:59:59.999Z, never converted to a signed integer that cannot hold it.
public enum WallTime {
    /// 9999-12-31T23:59:59.999Z in milliseconds since 1970.
    public static let maxMilliseconds: UInt64 = 253_402_300_799_999

    /// `milliseconds` clamped to `0 … maxMilliseconds`.
    public static func clamped(_ milliseconds: UInt64) -> UInt64 { min(milliseconds, maxMilliseconds) }

    /// A stored value read back: negative (a damaged database) is 0, anything above the range is clamped.
    public static func clamped(stored: Int64) -> UInt64 { clamped(UInt64(clamping: stored)) }
}
