import Foundation
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// A workspace on a real database in a temporary directory, with an injected clock and ids, and
/// a few ways to seed records a workflow test starts from.
final class KitWorld: @unchecked Sendable {
    let directory: URL
    let clock: TestClock
    let workspace: Workspace
    private let lock = NSLock()
    private var n: UInt64 = 0

    /// A fresh workspace; the clock starts at 2026-03-02T12:00:00Z (the same day in every time zone
    /// from UTC−11 to UTC+11).
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = TestClock(milliseconds: 1_772_452_800_000)
        self.clock = clock
        let ids = IDSource()
        let env = WorkspaceEnvironment(now: { clock.now }, makeRecordID: { ids.next() }, makeDeviceID: { Fixtures.device(1) })
        let store = try Store.create(at: Workspace.databaseURL(in: directory).path, deviceName: "test", environment: env)
        workspace = Workspace(store: store, directory: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var store: Store { workspace.store }
    var today: CalendarDate { workspace.today }

    /// Moves the clock by whole days.
    func advance(days: Int) { clock.advance(milliseconds: Int64(days) * 86_400_000) }

    /// A contact with the given fields.
    @discardableResult
    func contact(_ name: String, stage: String? = nil, voter: String? = nil, ask: String? = nil, offer: String? = nil,
                 extra: [(String, Value?)] = []) throws -> RecordID {
        let id = nextSeed()
        try store.commit(RecordOps.put("contact", id, [("name", .text(name)), ("stage", stage.map(Value.text)), ("voter", voter.map(Value.text)),
                                                         ("ask", ask.map(Value.text)), ("offer", offer.map(Value.text))] + extra))
        return id
    }

    /// A hub.
    @discardableResult
    func hub(_ name: String, members: [RecordID] = []) throws -> RecordID {
        let id = nextSeed()
        var ops = RecordOps.put("hub", id, [("name", .text(name))])
        for m in members {
            ops += RecordOps.put("membership", Schema.membershipID(contact: m, hub: id), [("contact", .ref(m)), ("hub", .ref(id))])
        }
        try store.commit(ops)
        return id
    }

    /// A tag on contacts.
    func tag(_ name: String, on contacts: [RecordID]) throws {
        try store.commit(contacts.flatMap { RecordOps.tag($0, name) })
    }

    /// The stored record.
    func record(_ entity: String, _ id: RecordID) throws -> Record? { try store.record(entity, id: id) }

    /// How many live records of `entity` there are.
    func count(_ entity: String) throws -> Int { try store.records(RecordQuery(entity: entity)).count }

    private func nextSeed() -> RecordID { lock.withLock { n += 1; return Fixtures.record(900_000 + n) } }

    /// Record ids the workspace makes.
    final class IDSource: @unchecked Sendable {
        private let lock = NSLock()
        private var n: UInt64 = 0
        func next() -> RecordID { lock.withLock { n += 1; return Fixtures.record(n) } }
    }
}
