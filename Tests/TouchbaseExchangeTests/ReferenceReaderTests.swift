import Foundation
import Testing

/// Runs the independent Python reader (Protocol/reference/touchbase_reader.py) over every vector,
/// so `swift test` proves that the spec, the Swift code and a second implementation agree.
@Suite struct ReferenceReaderTests {
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Format 2.0 (`Protocol/vectors`) and the frozen format 1.0 vectors (`Protocol/vectors/v1`,
    /// legacy mode: unsigned files decode).
    @Test(.enabled(if: python != nil, "python3 is not installed"), arguments: ["", "v1"])
    func referenceReaderAgreesWithEveryVector(directory: String) throws {
        let root = ProtocolVectorTests.repository
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = [root.appendingPathComponent("Protocol/reference/touchbase_reader.py").path,
                             "--check", ProtocolVectorTests.vectors.appendingPathComponent(directory).path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }
}
