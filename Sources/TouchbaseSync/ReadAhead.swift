import Dispatch

/// Hands out the items `0..<count` in order, each made by `make`, and makes the next one on another
/// thread while the caller works on the current one: reading and decoding a snapshot's next part
/// overlaps with loading the one before it.
///
/// At most one item is made ahead, so memory holds two at most. Item `k + 1` is started only once
/// item `k` was made without error; an error is thrown by the call that hands out its item, as a
/// reader without read-ahead would throw it. One caller at a time (not thread-safe for callers).
final class ReadAhead<Item: Sendable> {
    /// The result of one item, filled in by the thread that makes it.
    private final class Slot: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<Item, any Error>?
    }

    private let count: Int
    private let make: @Sendable (Int) throws -> Item
    /// How many items were handed out.
    private(set) var handedOut = 0
    /// The item being made ahead (`handedOut`), if any.
    private var ahead: Slot?

    /// - parameters:
    ///   - count: how many items there are.
    ///   - make: makes item `k`; called once per item, in order, on the caller's thread for the
    ///     first and on a background thread for the others.
    init(count: Int, make: @escaping @Sendable (Int) throws -> Item) {
        self.count = count
        self.make = make
    }

    /// Whether every item was handed out.
    var isFinished: Bool { handedOut >= count }

    /// The next item, or nil after the last.
    func next() throws -> Item? {
        guard handedOut < count else { return nil }
        let result: Result<Item, any Error>
        if let slot = ahead {
            slot.done.wait()
            result = slot.result!
            ahead = nil
        } else {
            let k = handedOut
            result = Result { try make(k) }
        }
        handedOut += 1
        if case .success = result, handedOut < count { start(handedOut) }
        return try result.get()
    }

    private func start(_ k: Int) {
        let slot = Slot(), make = self.make
        ahead = slot
        DispatchQueue.global(qos: .userInitiated).async {
            slot.result = Result { try make(k) }
            slot.done.signal()
        }
    }
}
