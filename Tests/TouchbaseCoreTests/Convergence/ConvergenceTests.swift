import Foundation
import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// DESIGN.md §3, "Convergence": the state is a pure function of the set of Changes applied.
///
/// Each seed generates one history of 2–5 devices editing tiny pools of records, fields and values
/// (puts, deletes, restores, merges including concurrent cycles, touches logged against contacts, resolutions of the conflicts a
/// device sees) with partial syncs between random pairs; then every Change is delivered to every
/// replica in its own random order, with duplicates, in different batchings, sometimes through the
/// codec. `History` checks, and on failure reports with the seed and the whole trace:
///
/// - (a) every replica (and two observers) shows an identical `state`;
/// - (b) every put not causally superseded survives, and the displayed value is the max
///   `(hlc, device)` — against `Oracle`, computed independently from the log;
/// - (c) a resolution, once delivered, clears its conflict on every replica;
/// - (d) a delete concurrent with an edit leaves the record visible with the conflict listed;
/// - (e) replica invariants after every merge step, and the oracle on every partial state;
/// - (f) no edit made concurrently with a merge or a delete disappears without a conflict: every
///   surviving put hidden by a merge or a delete (of its record, of its survivor, of the contact a
///   touch is logged against) was seen by it, or the state lists a merge-vs-edit or delete-vs-edit
///   conflict (`VisibilityCheck`).
///
/// Replay one seed (its trace is printed): `TOUCHBASE_SEED=<n> swift test --filter TouchbaseCoreTests.ConvergenceTests`.
/// Run more histories: `TOUCHBASE_HISTORIES=100000 swift test --filter TouchbaseCoreTests.ConvergenceTests`.
@Suite struct ConvergenceTests {
    /// Histories per shard and shards (shards run in parallel).
    static let shards = 4
    static var historiesPerShard: Int {
        let total = ProcessInfo.processInfo.environment["TOUCHBASE_HISTORIES"].flatMap(Int.init) ?? 1_200
        return max(1, total / shards)
    }

    static var replaySeed: UInt64? {
        ProcessInfo.processInfo.environment["TOUCHBASE_SEED"].flatMap(UInt64.init)
    }

    @Test("Random histories converge, lose nothing, and honour resolutions", arguments: 0..<shards)
    func randomHistories(shard: Int) {
        if let seed = Self.replaySeed {
            guard shard == 0 else { return }
            var h = History(seed: seed)
            h.run()
            print("TOUCHBASE_SEED=\(seed):\n\(h.renderedTrace())")
            if !h.failures.isEmpty { Issue.record(Comment(rawValue: h.report())) }
            return
        }
        let n = Self.historiesPerShard
        var stats = HistoryStats()
        var failed = 0
        for i in 0..<n {
            let seed = UInt64(shard * n + i)
            var h = History(seed: seed)
            h.run()
            if h.failures.isEmpty {
                stats.add(h.stats)
            } else {
                failed += 1
                // The comment carries the seed, the replay command and the trace.
                if failed <= 3 { Issue.record(Comment(rawValue: h.report())) }
            }
        }
        #expect(failed == 0, "\(failed) of \(n) histories failed in shard \(shard) (seeds \(shard * n)..<\((shard + 1) * n))")
        // The generator must keep producing the situations the properties are about.
        #expect(stats.fieldConflicts > n / 10, "too few field conflicts: \(stats)")
        #expect(stats.deleteVsEdit > n / 20, "too few delete-vs-edit conflicts: \(stats)")
        #expect(stats.mergeCycles > n / 50, "too few merge cycles: \(stats)")
        #expect((stats.resolutions[.field] ?? 0) > n / 10, "too few field resolutions: \(stats)")
        #expect((stats.resolutions[.deleteVsEdit] ?? 0) > n / 20, "too few delete-vs-edit resolutions: \(stats)")
        #expect((stats.resolutions[.mergeCycle] ?? 0) > n / 50, "too few merge-cycle resolutions: \(stats)")
        #expect(stats.mergeVsEdit > n / 20, "too few merge-vs-edit conflicts: \(stats)")
        #expect(stats.linkedDeletes > n / 20, "too few deletes kept visible through a link: \(stats)")
        #expect((stats.resolutions[.mergeVsEdit] ?? 0) > n / 20, "too few merge-vs-edit resolutions: \(stats)")
        #expect(stats.heldBack > n / 5, "gates rarely held anything back: \(stats)")
        print("convergence shard \(shard): \(n) histories, \(stats)")
    }

    /// Seeds printed by a failure must replay the same history later: the generator is SplitMix64
    /// (reference outputs for seed 0) and a history is a pure function of its seed.
    @Test func seedsReplay() {
        var g = SeededGenerator(seed: 0)
        #expect([g.next(), g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC])
        var a = History(seed: 12_345), b = History(seed: 12_345)
        a.run()
        b.run()
        #expect(a.all == b.all)
        #expect(a.renderedTrace() == b.renderedTrace())
        #expect(a.replicas.map(\.state) == b.replicas.map(\.state))
    }
}
