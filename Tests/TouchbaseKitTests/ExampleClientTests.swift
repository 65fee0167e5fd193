import Foundation
import Testing

/// The example client (`Examples/PhoneDay`, product `touchbase-example`): it runs a phone app's day
/// on two devices through the kit's public API, and its sources use nothing else.
@Suite struct ExampleClientTests {
    /// The package's root directory.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `touchbase-example` binary next to the test bundle.
    static var binary: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("touchbase-example")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs the binary with its output in files (not pipes) and returns status, stdout, stderr.
    private func run(_ binary: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("touchbase-example-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = binary
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    @Test func thePhoneDayRunsToTheEndOnTwoDevices() throws {
        let binary = try #require(Self.binary, "touchbase-example is not built next to the test bundle")
        let result = try run(binary)
        #expect(result.status == 0, "touchbase-example failed: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for expected in [
            "phone: added Ada Lovelace (stage want, email ada@example.org)",
            "phone: imported 2 contacts from contacts.vcf",
            "phone: contacts: Ada Lovelace, Alan Turing, Grace Hopper",
            "phone: touched Ada Lovelace by email (stage want -> pending)",
            "phone: planned a meeting with Grace Hopper today at 15:00",
            "phone: debriefed the meeting with Grace Hopper, follow-up on 2026-03-09",
            "laptop: now sees 3 contacts",
            "phone: observation delivered the laptop's edit: role Mathematician",
            "phone: 1 open conflict: location of Ada Lovelace: Paris from laptop | London from phone",
            "phone: resolved it: kept London",
            "both devices equal: 3 contacts, no open conflicts",
            "phone day done",
        ] {
            #expect(lines.contains(expected), "missing line: \(expected)")
        }
        #expect(lines.contains { $0.hasPrefix("phone: today's plan: ") })
        #expect(lines.last == "phone day done")
    }

    @Test func theExampleSourcesUseOnlyTheKitsPublicAPI() throws {
        let folder = Self.root.appendingPathComponent("Examples/PhoneDay")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.contains("main.swift"))
        let importLine = try Regex(#"^\s*(@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?(\w+)"#)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if let match = line.firstMatch(of: importLine) {
                    let module = match.output.last?.substring.map(String.init) ?? ""
                    #expect(["Foundation", "TouchbaseKit"].contains(module), "\(file) imports \(module)")
                    #expect(!line.contains("@"), "\(file): \(line)")
                }
            }
            for forbidden in [".store", "Store.", "GRDB", "@testable", "TouchbaseStore", "TouchbaseCLI"] {
                #expect(!text.contains(forbidden), "\(file) mentions \(forbidden)")
            }
        }
    }

    @Test func theExampleTargetDependsOnTheKitAlone() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = manifest.split(separator: "\n").filter { $0.contains("\"touchbase-example\"") }
        #expect(target.count == 1)
        #expect(target.first?.contains(#"dependencies: ["TouchbaseKit"], path: "Examples/PhoneDay""#) == true)
    }
}
