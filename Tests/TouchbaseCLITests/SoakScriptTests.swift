import Foundation
import Testing

extension Tag {
    /// Tests that run for minutes (`swift test --skip "…"` style filters can leave them out).
    @Tag static var slow: Tag
}

/// Two minutes of `Tools/soak.py` against the built binary: devices edit, sync, get killed, lose
/// and damage files, get copied and re-keyed; then everything heals and converges (issue 7).
@Suite struct SoakScriptTests {
    static let python: URL? = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    @Test(.tags(.slow), .enabled(if: SoakScriptTests.python != nil, "needs python3"))
    func twoMinutesOfSoakConverge() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = SoakScriptTests.python
        // Up to three database copies (the script's default): forks of forks met in any order heal
        // alike (Protocol/SPEC.md §3.6).
        process.arguments = [root.appendingPathComponent("Tools/soak.py").path, "--seconds", "120",
                             "--binary", CLIRunner.binary.path, "--seed", String(UInt32.random(in: 0...UInt32.max))]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\"ok\": true"), "\(text)")
    }
}
