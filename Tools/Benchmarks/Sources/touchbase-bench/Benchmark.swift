/// One benchmark the harness can run: its name (for `--only`) and what it measures. Adding a
/// benchmark is one line in ``all``; its ``ResultLine``s carry their own ``Target``s.
struct Benchmark: Sendable {
    /// The name `--only` takes.
    var name: String
    /// Whether it uses the release `touchbase` binary (built once for all that do).
    var usesBinary = false
    /// Measures, and returns the lines of the table (with their targets).
    var run: @Sendable (BenchConfig, BenchContext) throws -> [ResultLine]

    /// Every benchmark, in the order they run.
    static let all: [Benchmark] = [
        Benchmark(name: "remote-apply") { c, _ in [try StoreBenches.remoteApply(c)] },
        Benchmark(name: "local-batch") { c, _ in [try StoreBenches.localBatch(c)] },
        Benchmark(name: "single-edit") { c, _ in try StoreBenches.singleEdit(c) },
        Benchmark(name: "peers") { c, _ in [try PeerBenches.peers(c)] },
        Benchmark(name: "cli", usesBinary: true) { c, ctx in try CLIBench.run(c, binary: try ctx.requireBinary()) },
        Benchmark(name: "quiet-sync", usesBinary: true) { c, ctx in try SyncBenches.quietSync(c, binary: ctx.binary) },
        Benchmark(name: "file-size") { c, _ in [try SyncBenches.changeFileSize(c)] },
        Benchmark(name: "import-1m") { c, _ in [try SyncBenches.importMemory(c)] },
        Benchmark(name: "bootstrap") { c, _ in [try SnapshotBenches.bootstrap(c)].map(SnapshotBenches.withTargets) },
        Benchmark(name: "join-1m") { c, _ in try SnapshotBenches.join(c).map(SnapshotBenches.withTargets) },
        Benchmark(name: "folder-bound") { c, _ in [try GarbageBenches.folderBound(c)].map(GarbageBenches.withTargets) },
    ]
}

/// What the harness hands every benchmark besides the configuration.
struct BenchContext: Sendable {
    /// The release `touchbase` binary, when one was built or given.
    var binary: String?

    func requireBinary() throws -> String {
        guard let binary else { throw BenchError("no touchbase binary") }
        return binary
    }
}
