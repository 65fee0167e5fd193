/// A repeatable random number generator (SplitMix64): the same seed gives the same sequence on every
/// platform, so a failing randomized test can be replayed from the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// The seed this generator started from.
    public let seed: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed from the `TOUCHBASE_SEED` environment variable, else `fallback`.
    public static func seed(fallback: UInt64) -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["TOUCHBASE_SEED"], let v = UInt64(s) { return v }
        return fallback
    }
}

import Foundation
