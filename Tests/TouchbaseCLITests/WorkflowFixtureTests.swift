import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Writes fixed data straight into a runner's home through the Store (what `touchbase init` and
/// the record commands would write), so the workflow tests do not depend on other commands.
final class WorkflowSeed: @unchecked Sendable {
    let store: Store
    private let lock = NSLock()
    private var next: UInt64 = 0

    /// Creates the database of `runner` (like `touchbase init`).
    init(_ runner: CLIRunner) throws {
        let counter = Counter()
        let env = StoreEnvironment(now: { 1_772_442_000_000 }, makeRecordID: { counter.next() },
                                   makeDeviceID: { DeviceID(ID128(high: 0xD0, low: 1)) })
        store = try Store.create(at: runner.home.appendingPathComponent("touchbase.sqlite").path, deviceName: "test", environment: env)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n: UInt64 = 0
        func next() -> RecordID { lock.withLock { n += 1; return RecordID(ID128(high: 0xBB, low: n)) } }
    }

    /// A fresh id, readable in hex.
    func id() -> RecordID { lock.withLock { next += 1; return Fixtures.record(next) } }

    /// Adds a contact.
    @discardableResult
    func contact(_ name: String, stage: String? = nil, voter: String? = nil, ask: String? = nil, offer: String? = nil,
                 cadence: Int? = nil, emails: [String] = [], linkedin: String? = nil) throws -> RecordID {
        let id = id()
        try store.commit(RecordOps.put("contact", id, [
            ("name", .text(name)), ("stage", stage.map(Value.text)), ("voter", voter.map(Value.text)), ("ask", ask.map(Value.text)),
            ("offer", offer.map(Value.text)), ("cadence", cadence.map { .int(Int64($0)) }), ("emails", emails.isEmpty ? nil : .texts(emails)),
            ("linkedin", linkedin.map(Value.text)),
        ]))
        return id
    }

    /// Logs an interaction.
    @discardableResult
    func interaction(_ contact: RecordID, _ date: String, kind: String, direction: String? = nil, status: String = "done",
                     extra: [(String, Value?)] = []) throws -> RecordID {
        let id = id()
        try store.commit(RecordOps.put("interaction", id, [
            ("contact", .ref(contact)), ("date", .date(CalendarDate(date)!)), ("kind", .text(kind)), ("direction", direction.map(Value.text)),
            ("status", .text(status)),
        ] + extra))
        return id
    }

    /// Adds a library reason.
    @discardableResult
    func reason(_ text: String) throws -> RecordID {
        let id = id()
        try store.commit(WorkflowOps.reason(id, text: text, url: nil))
        return id
    }

    /// Adds a hub.
    @discardableResult
    func hub(_ name: String) throws -> RecordID {
        let id = id()
        try store.commit(RecordOps.put("hub", id, [("name", .text(name))]))
        return id
    }
}

extension CLIRunner {
    /// Runs with `--json` and parses the output as an object.
    func jsonObject(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let out = try ok(args + ["--json"], sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    /// Runs with `--json` and parses the output as an array of objects.
    func jsonArray(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let out = try ok(args + ["--json"], sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]], sourceLocation: sourceLocation)
    }

    /// Runs and expects failure with nothing written.
    @discardableResult
    func refused(_ args: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = try databaseFingerprint()
        let r = try run(args, stdin: stdin)
        #expect(r.status != 0, "touchbase \(args.joined(separator: " ")) should have failed", sourceLocation: sourceLocation)
        #expect(try databaseFingerprint() == before, "touchbase \(args.joined(separator: " ")) wrote something", sourceLocation: sourceLocation)
        return r.stderr
    }
}

/// A JSON value as sorted, compact text, for comparing whole documents.
func canonicalJSON(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
}

@Suite struct WorkflowFixtureTests {
    @Test func seededHomeOpensInTheBinary() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        try seed.contact("Ada Lovelace", stage: "want")
        let plan = try runner.jsonObject(["today"])
        #expect((plan["newTouches"] as? [[String: Any]])?.first?["name"] as? String == "Ada Lovelace")
    }
}
