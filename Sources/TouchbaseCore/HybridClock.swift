/// The clock that stamps a device's Changes: close to wall time, strictly increasing, and advanced
/// past every stamp received from other devices, so a device whose clock runs slow still orders its
/// new edits after everything it has seen, and a fast clock cannot make its edits win forever.
///
/// Pure: the wall time is passed in, so tests drive it.
public struct HybridClock: Sendable, Hashable {
    /// The latest timestamp issued or observed.
    public private(set) var last: HLC

    /// Starts after `last` (the highest stamp in the local log, or ``HLC/zero``).
    public init(last: HLC = .zero) { self.last = last }

    /// A new timestamp for a local event at wall time `wallMilliseconds`.
    public mutating func tick(wallMilliseconds: UInt64) -> HLC {
        let wall = wallMilliseconds & 0xFFFF_FFFF_FFFF
        if wall > last.milliseconds {
            last = HLC(milliseconds: wall, counter: 0)
        } else if last.counter == .max {
            // At the very top of the 48-bit range (reachable only by observing a corrupt or hostile
            // stamp) stay there: moving on would wrap to zero and order this edit before everything.
            if last.milliseconds < 0xFFFF_FFFF_FFFF { last = HLC(milliseconds: last.milliseconds + 1, counter: 0) }
        } else {
            last = HLC(raw: last.raw + 1)
        }
        return last
    }

    /// How far ahead of the local wall clock a received stamp may pull this clock: 7 days
    /// (Protocol/SPEC.md §13, "Clock stamps"). A stamp further ahead still orders its own values
    /// as written, on every device alike; it only stops dragging this device's new stamps along.
    public static let maxLeadMilliseconds: UInt64 = 7 * 86_400_000

    /// Advances past a stamp received from another device, without bound (the in-memory model).
    public mutating func observe(_ remote: HLC) {
        if remote > last { last = remote }
    }

    /// Advances past a stamp received from another device, but never beyond
    /// `wallMilliseconds + maxLeadMilliseconds`: a forged or far-skewed stamp cannot push this
    /// device's clock (and so every later edit of it) years ahead.
    public mutating func observe(_ remote: HLC, wallMilliseconds: UInt64) {
        let ceiling = HLC(milliseconds: min(wallMilliseconds & 0xFFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF - Self.maxLeadMilliseconds)
                          + Self.maxLeadMilliseconds, counter: 0)
        observe(min(remote, ceiling))
    }
}
