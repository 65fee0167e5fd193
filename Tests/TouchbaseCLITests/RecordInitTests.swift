import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

@Suite struct RecordInitTests {
    @Test func initCreatesTheHomeAndTheDatabase() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let home = runner.home.appendingPathComponent("nested/data")
        let out = try runner.run(["init", "--name", "laptop", "--home", home.path], home: false)
        #expect(out.status == 0, "\(out.stderr)")
        let store = try Store.open(at: home.appendingPathComponent("touchbase.sqlite").path)
        let device = try store.device
        #expect(out.stdout.contains("\"laptop\" (\(device.hex))"))
        #expect(out.stdout.contains("Data: \(store.path)"))
        #expect(try store.deviceNames()[device] == "laptop")
        #expect(try store.version() == VersionVector())

        let again = try runner.run(["init", "--name", "desktop", "--home", home.path], home: false)
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        #expect(try store.device == device)
        #expect(try store.deviceNames()[device] == "laptop")
    }

    @Test func initDefaultsToTheHostNameAndPrintsJSON() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let json = try runner.object(["init"])
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
        #expect(json["deviceName"] as? String == (host.isEmpty ? "device" : host))
        let store = try runner.store()
        #expect(json["device"] as? String == (try store.device.hex))
        #expect(json["database"] as? String == store.path)
        try runner.refuses(["init", "--name", "other"], "already exists")
        try runner.refuses(["init", "--name", " "], "must not be empty")
    }

    @Test func commandsBeforeInitFailAndCreateNothing() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        for args in [["contact", "add", "Ada"], ["contact", "list"], ["hub", "list", "--json"], ["tag", "list"], ["history", "Ada"]] {
            let err = try runner.fails(args)
            #expect(err.contains("no Touchbase database"), "\(args): \(err)")
            #expect(err.contains("touchbase init"))
        }
        #expect(!FileManager.default.fileExists(atPath: runner.home.appendingPathComponent("touchbase.sqlite").path))
        #expect(try runner.databaseFingerprint() == "")
    }
}
