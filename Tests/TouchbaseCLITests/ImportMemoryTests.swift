#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// A CSV import streams: its peak memory does not grow with the number of rows (a million rows
/// once took 4.1 GB), and importing the same file again still duplicates no one.
@Suite struct ImportMemoryTests {
    /// Runs the binary and returns its exit status and peak resident memory in KiB (wait4's rusage
    /// of that one child, not of the test process or its other children).
    static func peakKiB(_ args: [String]) throws -> (status: Int32, kib: Int) {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["TOUCHBASE_NOW"] = "2026-03-02T09:00:00Z"
        let argv = ([CLIRunner.binary.path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, CLIRunner.binary.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, usage.ru_maxrss)
    }

    static func writeCSV(rows: Int, to url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        handle.write(Data("name,organization,emails,phones,stage,voter,tags,notes\n".utf8))
        var chunk = ""
        for i in 0..<rows {
            chunk += "Person \(i),Org \(i % 97),person\(i)@example.com,+1 555 \(i),want,swing,t\(i % 5),\"a note about person \(i), with a comma\"\n"
            if i % 5_000 == 4_999 { handle.write(Data(chunk.utf8)); chunk = "" }
        }
        handle.write(Data(chunk.utf8))
    }

    /// Bytes of the files under `dir` (the database with its -wal), leaving out `except`.
    static func bytes(in dir: URL, except: String) -> Int {
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.fileSizeKey])
        var total = 0
        while let url = files?.nextObject() as? URL {
            if url.lastPathComponent != except { total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        }
        return total
    }

    @Test func peakMemoryDoesNotGrowWithRows() throws {
        var peaks: [Int: Int] = [:], stored: [Int: Int] = [:]
        for rows in [2_000, 8_000] {
            let runner = try CLIRunner()
            defer { runner.cleanup() }
            try runner.initialize()
            let file = runner.home.appendingPathComponent("big.csv")
            try Self.writeCSV(rows: rows, to: file)
            let run = try Self.peakKiB(["import", "csv", file.path, "--home", runner.home.path])
            #expect(run.status == 0)
            peaks[rows] = run.kib
            stored[rows] = Self.bytes(in: runner.home, except: file.lastPathComponent)
            if rows == 2_000 {
                // Re-importing duplicates no one and changes nothing.
                let again = try runner.jsonObject(["import", "csv", file.path])
                #expect(again["imported"] as? Int == 0 && again["updated"] as? Int == 0 && again["unchanged"] as? Int == rows)
                #expect(try runner.array(["contact", "list", "--all"]).count == rows)
            }
        }
        // Four times the rows: a file held whole took about 4 KB more a row (24 MB here);
        // streaming keeps the difference to a few bytes a row. The writer's page cache (32 MiB at
        // most, Store.swift) grows with the database it writes, so that growth is allowed on top.
        let growth = (peaks[8_000]! - peaks[2_000]!) / 1024
        let cache = min(32, (stored[8_000]! - stored[2_000]!) >> 20)
        #expect(growth - cache < 12, "peak memory grew by \(growth) MB from 2,000 to 8,000 rows, \(cache) MB of it the page cache (\(peaks))")
    }
}
