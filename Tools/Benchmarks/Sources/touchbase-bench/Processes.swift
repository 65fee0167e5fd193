#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a child process did.
struct ProcessResult {
    var status: Int32
    var seconds: Double
    var output: String
}

/// Runs a program with `posix_spawnp` and waits for it: the time covers the whole process, from
/// spawn to exit (start-up included). Standard output goes to `/dev/null` unless `capture`;
/// standard error goes to a temporary file that is returned on failure.
func runProcess(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                capture: Bool = false) throws -> ProcessResult {
    let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("touchbase-bench-\(getpid())-out").path
    let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("touchbase-bench-\(getpid())-err").path
    defer {
        unlink(outPath)
        unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid = pid_t()
    let start = monotonicSeconds()
    let rc = posix_spawnp(&pid, program, &actions, nil, argv, envp)
    guard rc == 0 else { throw BenchError("cannot start \(program): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let seconds = monotonicSeconds() - start
    // WIFEXITED / WEXITSTATUS, spelled out (the macros are not imported).
    let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    var output = ""
    if capture { output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    if exitCode != 0 {
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        throw BenchError("\(program) \(arguments.joined(separator: " ")) exited with \(exitCode): \(output.suffix(2000))\(err.suffix(2000))")
    }
    return ProcessResult(status: exitCode, seconds: seconds, output: output)
}

/// The repository root: four folders above this source file, or the current directory.
func repositoryRoot() -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
       FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources/touchbase").path) {
        return url.path
    }
    return FileManager.default.currentDirectoryPath
}

/// The release `touchbase` binary: `--touchbase PATH` if given, else built now with
/// `swift build -c release --product touchbase` in the main package (a no-op when up to date).
func releaseTouchbase(_ config: BenchConfig) throws -> String {
    if let path = config.touchbasePath { return path }
    let root = repositoryRoot()
    log("building the release touchbase binary in \(root) (swift build -c release --product touchbase)…")
    _ = try runProcess("swift", ["build", "-c", "release", "--product", "touchbase", "--package-path", root], capture: true)
    let bin = try runProcess("swift", ["build", "-c", "release", "--show-bin-path", "--package-path", root], capture: true)
        .output.trimmingCharacters(in: .whitespacesAndNewlines)
    let path = bin + "/touchbase"
    guard FileManager.default.isExecutableFile(atPath: path) else { throw BenchError("no touchbase binary at \(path)") }
    return path
}
