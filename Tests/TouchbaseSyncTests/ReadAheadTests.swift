import Dispatch
import Foundation
import Testing
@testable import TouchbaseSync

/// `ReadAhead`: the snapshot loader's next part is read while the one before it loads; items come
/// in order, an error comes with its own item, and nothing is made past a failed item.
@Suite struct ReadAheadTests {
    /// What the makers did, from any thread.
    final class Journal: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [Int] = []
        func note(_ k: Int) { lock.lock(); made.append(k); lock.unlock() }
        var items: [Int] { lock.lock(); defer { lock.unlock() }; return made }
    }

    struct Failure: Error, Equatable { var item: Int }

    @Test func itemsComeInOrderAndEachIsMadeOnce() throws {
        for count in [0, 1, 2, 7] {
            let journal = Journal()
            let reader = ReadAhead(count: count) { k in journal.note(k); return k * 10 }
            var got: [Int] = []
            while let item = try reader.next() { got.append(item) }
            #expect(got == (0..<count).map { $0 * 10 })
            #expect(reader.isFinished)
            #expect(try reader.next() == nil)
            #expect(journal.items == Array(0..<count))
        }
    }

    @Test func theNextItemIsMadeWhileTheCallerHoldsTheCurrentOne() throws {
        let secondStarted = DispatchSemaphore(value: 0)
        let reader = ReadAhead(count: 3) { k in
            if k == 1 { secondStarted.signal() }
            return k
        }
        #expect(try reader.next() == 0)
        // Without read-ahead, item 1 would only be made by the next call.
        #expect(secondStarted.wait(timeout: .now() + 30) == .success, "item 1 was not made ahead")
        #expect(try reader.next() == 1)
        #expect(try reader.next() == 2)
        #expect(try reader.next() == nil)
    }

    @Test func anErrorComesWithItsItemAndNothingIsMadeAfterIt() throws {
        for failing in 0..<4 {
            let journal = Journal()
            let reader = ReadAhead(count: 6) { k in
                journal.note(k)
                if k == failing { throw Failure(item: k) }
                return k
            }
            for k in 0..<failing { #expect(try reader.next() == k) }
            #expect(throws: Failure(item: failing)) { try reader.next() }
            // Give a wrongly started maker time to show up.
            Thread.sleep(forTimeInterval: 0.05)
            #expect(journal.items == Array(0...failing), "made past the failed item \(failing): \(journal.items)")
        }
    }
}
