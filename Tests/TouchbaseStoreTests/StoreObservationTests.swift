import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// What an observation delivered, collected by a background consumer.
actor ObservedValues<T: Sendable> {
    private(set) var values: [T] = []
    private(set) var failure: String?
    private(set) var finished = false

    func append(_ value: T) { values.append(value) }
    func end(_ error: Error?) {
        finished = true
        failure = error.map { "\($0)" }
    }
}

/// Consumes an observation in a task of its own, so a test can make changes and wait for values.
struct Observer<T: Sendable> {
    let observed = ObservedValues<T>()
    let task: Task<Void, Never>

    init(_ stream: AsyncThrowingStream<T, Error>) {
        let observed = self.observed
        task = Task {
            do {
                for try await value in stream { await observed.append(value) }
                await observed.end(nil)
            } catch {
                await observed.end(error)
            }
        }
    }

    /// The latest value once it satisfies `condition`, or `nil` after `timeout` of waiting (``PatientWait``).
    func value(within timeout: Duration = .seconds(120), where condition: @Sendable (T) -> Bool) async -> T? {
        await PatientWait.value(within: timeout) {
            if let last = await observed.values.last, condition(last) { return last }
            return nil
        }
    }

    /// Everything delivered so far.
    var values: [T] { get async { await observed.values } }

    func cancel() { task.cancel() }
}

/// How many times a query ran.
final class FetchCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

@Suite struct StoreObservationTests {
    static func contact(_ n: UInt64, _ name: String) -> [Op] {
        RecordOps.put("contact", Fixtures.record(n), [("name", .text(name))])
    }

    static let names: @Sendable (Store) throws -> [String] = { store in
        try store.records(RecordQuery(entity: "contact")).map(\.displayName)
    }

    @Test func aCommitOfThisStoreIsSeenAtOnce() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        // No polling during the test: only the transaction observer can see the commit.
        let observer = Observer(store.observe(pollInterval: .seconds(3600), Self.names))
        defer { observer.cancel() }
        #expect(await observer.value { $0 == [] } != nil, "the current value comes first")
        try store.commit(Self.contact(1, "Ada"))
        #expect(await observer.value { $0 == ["Ada"] } != nil)
        try await store.commitAsync(Self.contact(2, "Grace"))
        #expect(await observer.value { $0 == ["Ada", "Grace"] } != nil)
        #expect(await observer.values == [[], ["Ada"], ["Ada", "Grace"]])
    }

    @Test func aCommitOfAnotherConnectionIsSeenThroughDataVersion() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        // A second Store on the same file stands for another process: GRDB cannot see its commits.
        let other = try Store.open(at: stores.path("a"))
        let blind = Observer(store.observe(pollInterval: .seconds(3600), Self.names))
        defer { blind.cancel() }
        let observer = Observer(store.observe(pollInterval: .milliseconds(50), Self.names))
        defer { observer.cancel() }
        #expect(await observer.value { $0 == [] } != nil)
        #expect(await blind.value { $0 == [] } != nil)
        try other.commit(Self.contact(1, "Ada"))
        #expect(await observer.value { $0 == ["Ada"] } != nil, "the poller sees another connection's commit")
        try await Task.sleep(for: .milliseconds(300))
        #expect(await blind.values == [[]], "without polling, another connection's commit goes unseen")
    }

    @Test func equalValuesAreNotRepeated() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        let other = try Store.open(at: stores.path("a"))
        let fetches = FetchCount()
        let observer = Observer(store.observe(pollInterval: .milliseconds(20)) { store in
            fetches.add()
            return try Self.names(store)
        })
        defer { observer.cancel() }
        #expect(await observer.value { $0 == [] } != nil)
        // Commits that leave the contact list as it was: here, and from another connection. Each
        // makes the observation fetch again, and deliver nothing.
        let before = fetches.value
        try store.commit(RecordOps.put("hub", Fixtures.record(50), [("name", .text("Chess club"))]))
        try other.commit(RecordOps.put("hub", Fixtures.record(51), [("name", .text("Choir"))]))
        _ = await PatientWait.value { fetches.value >= before + 2 ? true : nil }
        #expect(fetches.value >= before + 2, "the commits made the observation fetch again")
        try store.commit(Self.contact(1, "Ada"))
        #expect(await observer.value { $0 == ["Ada"] } != nil)
        #expect(await observer.values == [[], ["Ada"]])
    }

    @Test func aReadObservationFollowsItsQuery() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        let observer = Observer(store.observe { store in
            try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM contact") ?? 0 }
        })
        defer { observer.cancel() }
        #expect(await observer.value { $0 == 0 } != nil)
        try store.commit(Self.contact(1, "Ada") + Self.contact(2, "Grace"))
        #expect(await observer.value { $0 == 2 } != nil)
    }

    @Test func anInMemoryStoreIsObserved() async throws {
        let store = try Store.inMemory()
        let observer = Observer(store.observe(Self.names))
        defer { observer.cancel() }
        #expect(await observer.value { $0 == [] } != nil)
        try store.commit(Self.contact(1, "Ada"))
        #expect(await observer.value { $0 == ["Ada"] } != nil)
    }

    @Test func cancellingTheConsumerStopsThePolling() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        let (events, event) = AsyncStream<DataVersionPoller.Event>.makeStream()
        let observer = Observer(store.observe(pollInterval: .milliseconds(10), probe: { event.yield($0) }, Self.names))
        #expect(await observer.value { $0 == [] } != nil)
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .polled, "the poller runs while the observation is consumed")
        observer.cancel()
        var stopped = false
        while let e = await iterator.next() {
            if e == .stopped { stopped = true; break }
        }
        #expect(stopped, "the poller stops with its consumer")
        event.finish()
        #expect(await iterator.next() == nil, "and polls no more")
    }

    @Test func aFailingQueryEndsTheStreamWithItsError() async throws {
        struct Refused: Error {}
        let store = try Store.inMemory()
        let observer = Observer(store.observe { _ -> Int in throw Refused() })
        _ = await PatientWait.value { await observer.observed.finished ? true : nil }
        #expect(await observer.observed.finished)
        #expect(await observer.observed.failure?.contains("Refused") == true)
    }
}
