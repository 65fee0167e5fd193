import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A fork that a device joining from a snapshot meets only after it joined (issue 7; Protocol/SPEC.md
/// §3.6 "Healing" and §7.6): x and its copy x2 both edit and publish under one id, a reader y applies
/// x's history past the fork point and writes a snapshot before anyone saw x2's files, and a new device
/// z joins from that snapshot, so its log lacks the fork point and x's history. Every device must still
/// heal alike and end identical, with both histories' edits.
@Suite struct SeedJoinForkTests {
    /// The devices of one run, and the names and organisations every one of them must end with.
    struct Run {
        var lab: SyncLab
        var stores: [Store]
        var names: Set<String>
        var organizations: Set<String>
        /// Whether x's history (the one the snapshot covered) was the renamed one.
        var xRenamed: Bool
    }

    /// Builds the case: x (with `nx` edits after the copy) publishes to the shared folder, x2 (with
    /// `nx2` edits) to a replica the others do not see yet; y applies x's history and, once it knows
    /// the heal (`yLearnsHealFirst`, x2's files reconciled into the folder first) or not, writes a
    /// snapshot; z joins from it; then the replica is reconciled into the folder and everyone syncs.
    ///
    /// With `x2BeforeJoin`, x2's files reach the folder before z's first sync (z seeds and meets
    /// them in one sync) instead of after it.
    static func run(seed: UInt64, nx: Int, nx2: Int, yLearnsHealFirst: Bool, x2BeforeJoin: Bool = false) throws -> Run {
        let lab = try SyncLab("seed-join-fork", seed: seed)
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        let x = try lab.store("x"), y = try lab.store("y")
        try DeviceKeyFile.loadOrCreate(for: x)
        try lab.put(x, 1, [("name", .text("Ada"))])
        try lab.syncAll([x, y])
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        let id = try x.device
        let d = try x.version()[id] + 1
        let x2 = try lab.copy(x, as: "x2")

        // Both histories edit Ada's organisation (a conflict once healed) and add contacts of their own.
        var names: Set<String> = ["Ada"]
        try lab.put(x, 1, [("organization", .text("X"))])
        try lab.put(x2, 1, [("organization", .text("X2"))])
        for i in 0..<nx {
            try lab.put(x, 10 + UInt64(i), [("name", .text("x-\(i)"))]); names.insert("x-\(i)")
        }
        for i in 0..<nx2 {
            try lab.put(x2, 20 + UInt64(i), [("name", .text("x2-\(i)"))]); names.insert("x2-\(i)")
        }
        try lab.sync(x)
        try lab.sync(x2, folder: replica)
        #expect(try x2.version()[id] > d, "x2 published its history in the replica")

        // y applies x's history past the fork point.
        try lab.sync(y)
        #expect(try y.version()[id] == x.version()[id], "y applied x's history")
        if yLearnsHealFirst {
            try FolderReplicas.reconcile(keep: lab.folder, other: replica)
            try ForkHealingSyncTests.settle(lab, [x, x2, y])
            #expect(try !y.forkHealMap().heals.isEmpty, "y learned the heal before writing its snapshot")
        }
        try lab.put(y, 30, [("name", .text("y"))]); names.insert("y")
        try lab.sync(y)
        let written = try SyncEngine(store: y, folder: lab.folder).writeSnapshot()
        #expect(written.newlyWritten)

        // z joins from y's snapshot: its log lacks the fork point and x's history.
        if x2BeforeJoin && !yLearnsHealFirst { try FolderReplicas.reconcile(keep: lab.folder, other: replica) }
        let z = try lab.store("z")
        try DeviceKeyFile.loadOrCreate(for: z)
        let joined = try lab.sync(z)
        #expect(joined.seededFrom == written.path, "z joined from y's snapshot")
        if !x2BeforeJoin {
            #expect(try z.changes(of: id, after: 0).isEmpty, "z's log lacks the fork point (x, \(d))")
        }
        #expect(try lab.names(z).contains("x-0"), "the snapshot carries x's history")

        // Only now does z meet x2's files.
        if !yLearnsHealFirst && !x2BeforeJoin { try FolderReplicas.reconcile(keep: lab.folder, other: replica) }
        try lab.put(z, 40, [("name", .text("z"))]); names.insert("z")
        try ForkHealingSyncTests.settle(lab, [z, x, x2, y], rounds: 8)
        return Run(lab: lab, stores: [x, x2, y, z], names: names, organizations: ["X", "X2"], xRenamed: try x.device != id)
    }

    /// What every device holds, one line each, for a failure message.
    static func describe(_ r: Run) throws -> String {
        try zip(["x", "x2", "y", "z"], r.stores).map { name, s in
            let heals = try s.forkHealMap().heals.map { "\($0.device.hex.prefix(6))@\($0.seq)->\($0.derived.hex.prefix(6))" }
            let version = try s.version().sorted.map { "\($0.0.hex.prefix(6)):\($0.1)" }
            return "\(name) id=\(try s.device.hex.prefix(6)) names=\(try r.lab.names(s).sorted()) org=\(try ForkHealingSyncTests.values(s, "organization").sorted()) conflicts=\(try s.conflicts().count) heals=\(heals) version=\(version)"
        }.joined(separator: "\n")
    }

    static func expectHealed(_ r: Run, _ context: String) throws {
        let state = try Self.describe(r)
        for (name, s) in zip(["x", "x2", "y", "z"], r.stores) {
            #expect(try r.lab.names(s) == r.names, "\(context) \(name)\n\(state)")
            #expect(try ForkHealingSyncTests.values(s, "organization") == r.organizations, "\(context) \(name)\n\(state)")
            #expect(try s.forkHealMap().heals.count == 1, "\(context) \(name) knows the heal\n\(state)")
        }
        #expect(Set(try r.stores.map { try $0.device }).count == r.stores.count, "\(context): the renamed copy goes on under the derived id\n\(state)")
        try SnapshotSyncTests.expectConverged(r.lab, r.stores, "\(context)\n\(state)")
    }

    /// Seeds 83 and 84 give both outcomes of the digest comparison: x keeps the id under one, x's
    /// history (the one the snapshot covered) is renamed under the other.
    static let seeds: [UInt64] = [83, 84]
    static let cases: [(nx: Int, nx2: Int)] = [(1, 1), (2, 1), (1, 3)]

    static func runAll(yLearnsHealFirst: Bool, x2BeforeJoin: Bool = false) throws {
        var orientations = Set<Bool>()
        for seed in Self.seeds {
            for c in Self.cases {
                let r = try Self.run(seed: seed, nx: c.nx, nx2: c.nx2, yLearnsHealFirst: yLearnsHealFirst, x2BeforeJoin: x2BeforeJoin)
                orientations.insert(r.xRenamed)
                let context = "seed \(seed) nx \(c.nx) nx2 \(c.nx2) x \(r.xRenamed ? "renamed" : "keeps the id")\(x2BeforeJoin ? " (x2's files before the join)" : "")"
                try Self.expectHealed(r, context + (yLearnsHealFirst ? " (heal known to the snapshot writer)" : ""))
            }
        }
        #expect(orientations == [false, true], "both copies' histories are renamed in some run")
    }

    /// The snapshot writer had not seen x2's files: the joiner meets them only after it joined. Its
    /// log lacks (x, d) and the files the snapshot covered were noted at seeding, so it compares x's
    /// files with one another to find the fork point, and derives its state again from a base that
    /// covers none of x's Changes from d (here: the files, no such snapshot being in the folder).
    @Test func aJoinerSeededPastTheForkPointHealsLikeEveryone() throws {
        try Self.runAll(yLearnsHealFirst: false)
    }

    /// The same, but x2's files are already in the folder when z joins (by their names x's files
    /// overlap, so they are not noted as read at seeding).
    @Test func aJoinerSeededPastTheForkPointThatMeetsBothHistoriesAtOnceHealsLikeEveryone() throws {
        try Self.runAll(yLearnsHealFirst: false, x2BeforeJoin: true)
    }

    /// The snapshot writer had already healed the fork when it wrote the snapshot: the joiner's
    /// state is right, and it learns the heal from x's files.
    @Test func aJoinerSeededAfterTheHealHealsLikeEveryone() throws {
        try Self.runAll(yLearnsHealFirst: true)
    }
}
