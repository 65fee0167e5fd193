import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Two writers on one database file at once: every edit lands, sequence numbers stay gapless, the
/// file stays sound.
@Suite struct StoreConcurrencyTests {
    /// The built `touchbase` binary next to the test bundle, if it was built.
    static var binary: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("touchbase")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// Checks one device's log is 1…n without gaps, the file passes `integrity_check`, and the
    /// registers are what the log says.
    static func expectSound(_ store: Store, device: DeviceID, count: Int) throws {
        let seqs = try store.changes(of: device, after: 0).map(\.seq)
        #expect(seqs == (1...UInt64(count)).map { $0 })
        #expect(try store.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") } == count)
        try StoreOracle.expectLogAndRegistersAgree(store)
    }

    @Test func twoConnectionsCommitAtOnce() async throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let first = try dir.make("shared", device: 1)
        let second = try Store.open(at: dir.path("shared"), environment: first.environment)
        let perWriter = 60
        await withTaskGroup(of: Void.self) { group in
            for (w, store) in [first, second].enumerated() {
                group.addTask {
                    for i in 0..<perWriter {
                        let id = RecordID(ID128(high: UInt64(w + 1), low: UInt64(i)))
                        _ = try? store.commit(RecordOps.put("contact", id, [("name", .text("W\(w) \(i)"))]))
                    }
                }
            }
        }
        #expect(try first.records(RecordQuery(entity: "contact")).count == 2 * perWriter)
        try Self.expectSound(first, device: Fixtures.device(1), count: 2 * perWriter)
    }

    @Test(.enabled(if: binary != nil, "needs the touchbase binary: swift build --product touchbase"))
    func twoProcessesAddContactsAtOnce() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let home = dir.dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let store = try Store.create(at: home.appendingPathComponent("touchbase.sqlite").path, deviceName: "laptop")
        let perProcess = 20
        let script = #"i=1; while [ $i -le "$N" ]; do "$TB" contact add "$W $i" --tag "$W" --home "$H" >/dev/null || exit 1; i=$((i+1)); done"#
        let processes = try ["alpha", "beta"].map { writer -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            var env = ProcessInfo.processInfo.environment
            env["TB"] = Self.binary!.path
            env["H"] = home.path
            env["W"] = writer
            env["N"] = String(perProcess)
            env.removeValue(forKey: "TOUCHBASE_NOW")
            p.environment = env
            try p.run()
            return p
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])

        let contacts = try store.records(RecordQuery(entity: "contact"))
        #expect(contacts.count == 2 * perProcess)
        for writer in ["alpha", "beta"] {
            let names = Set(contacts.compactMap { $0.text("name") }.filter { $0.hasPrefix(writer) })
            #expect(names == Set((1...perProcess).map { "\(writer) \($0)" }))
            var tagged = RecordQuery(entity: "contact")
            tagged.tag = writer
            #expect(try store.records(tagged).count == perProcess)
        }
        try Self.expectSound(store, device: try store.device, count: 2 * perProcess)
    }
}
