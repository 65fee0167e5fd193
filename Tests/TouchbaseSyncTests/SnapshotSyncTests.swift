import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Snapshots through a real folder (Protocol/SPEC.md §7.6): a new device seeds from the newest
/// usable snapshot and imports only the changes after it; concurrent snapshots are all valid;
/// a snapshot of a newer body version is refused clearly and never half-read.
@Suite struct SnapshotSyncTests {
    static let pool = (1...4).map { Fixtures.record(UInt64($0)) }

    static func randomOps<G: RandomNumberGenerator>(using rng: inout G) -> [Op] {
        let r = pool.randomElement(using: &rng)!
        func text(_ choices: [String]) -> Value { .text(choices.randomElement(using: &rng)!) }
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<20: return RecordOps.put("contact", r, [("name", text(["Ada", "Grace", "Linus"]))])
        case 20..<35: return RecordOps.put("contact", r, [("notes", text(["met at PyCon", "intro via Sam"]))])
        case 35..<45: return RecordOps.put("contact", r, [("stage", text(["want", "docket", "pending"]))])
        case 45..<58: return RecordOps.delete("contact", r)
        case 58..<68: return RecordOps.restore("contact", r)
        case 68..<78: return RecordOps.merge("contact", from: r, into: pool.filter { $0 != r }.randomElement(using: &rng)!)
        case 78..<83: return RecordOps.unmerge("contact", r)
        case 83..<92: return RecordOps.tag(r, ["mentors", "alumni"].randomElement(using: &rng)!)
        default: return [Op(entity: "interaction", record: Fixtures.record(UInt64(100 + Int.random(in: 0..<3, using: &rng))),
                            field: "contact", value: .ref(r))]
        }
    }

    static func edit<G: RandomNumberGenerator>(_ lab: SyncLab, _ store: Store, using rng: inout G) throws {
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            lab.clock.advance(milliseconds: Int64.random(in: 1...3000, using: &rng))
            try store.commit(randomOps(using: &rng))
        }
    }

    /// Every store observes the same and has the same version; a sync leaves nothing waiting. (A
    /// seeded device's log starts after its snapshot, so the log is not compared.)
    static func expectConverged(_ lab: SyncLab, _ stores: [Store], _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = try SyncTestSupport.observable(stores[0])
        for s in stores.dropFirst() {
            #expect(try SyncTestSupport.observable(s) == first, "\(context)", sourceLocation: sourceLocation)
            #expect(try s.version() == stores[0].version(), "\(context)", sourceLocation: sourceLocation)
        }
        for s in stores {
            let r = try lab.sync(s)
            #expect(r.waiting.isEmpty && r.forks.isEmpty && r.heldByFork.isEmpty && r.identityClash == nil, "\(context) \(r.waiting) \(r.forks)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Random seeded histories on two devices, a snapshot part way, more edits after it: a new
    /// device that joins holds what the full history gives, and its log holds none of the Changes
    /// the snapshot covered (it never replayed them).
    @Test func bootstrapEqualsFullHistory() throws {
        let base = SeededGenerator.seed(fallback: 0x5EED)
        for n in 0..<12 {
            let seed = base &+ UInt64(n)
            var rng = SeededGenerator(seed: seed)
            let lab = try SyncLab("snap-boot", seed: seed)
            let a = try lab.store("a"), b = try lab.store("b")
            for _ in 0..<Int.random(in: 3...8, using: &rng) {
                try Self.edit(lab, [a, b].randomElement(using: &rng)!, using: &rng)
                try lab.sync([a, b].randomElement(using: &rng)!)
            }
            try lab.syncAll([a, b], rounds: 1)
            var engine = SyncEngine(store: [a, b].randomElement(using: &rng)!, folder: lab.folder)
            engine.snapshotPolicy.partBytes = Int.random(in: 200...2000, using: &rng)
            let written = try engine.writeSnapshot()
            #expect(written.newlyWritten && written.parts >= 1, "seed \(seed)")
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                try Self.edit(lab, [a, b].randomElement(using: &rng)!, using: &rng)
                try lab.sync([a, b].randomElement(using: &rng)!)
            }
            try lab.syncAll([a, b])
            let fresh = try lab.store("fresh")
            var joiner = SyncEngine(store: fresh, folder: lab.folder)
            var progress: [(Int, Int)] = []
            joiner.snapshotProgress = { progress.append(($0, $1)) }
            let report = try joiner.sync()
            #expect(report.seededFrom == written.path, "seed \(seed): \(report.damaged)")
            #expect(progress.last.map { $0.0 == $0.1 && $0.1 == written.parts } == true, "seed \(seed): \(progress)")
            #expect(report.waiting.isEmpty, "seed \(seed)")
            #expect(try SyncTestSupport.observable(fresh) == SyncTestSupport.observable(a), "seed \(seed)")
            #expect(try fresh.version() == a.version(), "seed \(seed)")
            for (device, covered) in written.covers.sorted {
                #expect(try fresh.changes(of: device, after: 0).first.map { $0.seq > covered } ?? true,
                        "seed \(seed): the new device replayed Changes the snapshot covered")
            }
            // It goes on like any device: its edits reach the others, with links the others accept.
            try Self.edit(lab, fresh, using: &rng)
            try lab.syncAll([fresh, a, b])
            try Self.expectConverged(lab, [a, b, fresh], "seed \(seed)")
        }
    }

    /// Two devices snapshot at the same time: both files are valid; a new device takes the newest
    /// usable one (most Changes covered, then the smaller writer id), the same one every time.
    @Test func concurrentSnapshotsAreBothValid() throws {
        let lab = try SyncLab("snap-concurrent")
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(b, 2, [("name", .text("Grace"))])
        try lab.syncAll([a, b])
        try lab.put(b, 1, [("name", .text("Ada King"))])
        try lab.sync(b)
        // Same moment: a has not seen b's last edit; b has.
        let sa = try SyncEngine(store: a, folder: lab.folder).writeSnapshot()
        let sb = try SyncEngine(store: b, folder: lab.folder).writeSnapshot()
        #expect(sa.path != sb.path)
        let pinned = try KeyPins(a.pinnedKeys().compactMapValues { DevicePublicKey(raw: $0.publicKey) })
        for s in try lab.folder.scan().snapshots {
            let (_, body) = try lab.folder.trusting(pinned).readSnapshotBody(s)
            for (i, p) in body.parts.enumerated() { _ = try lab.folder.trusting(pinned).readSnapshotPart(of: s, number: UInt64(i + 1), expected: p) }
        }
        let fresh = try lab.store("fresh")
        let report = try lab.sync(fresh)
        #expect(report.seededFrom == sb.path)
        try lab.syncAll([a, b, fresh])
        try Self.expectConverged(lab, [a, b, fresh])

        // And two snapshots of the same state (after convergence) both stand, each under its writer.
        let ta = try SyncEngine(store: a, folder: lab.folder).writeSnapshot()
        let tb = try SyncEngine(store: b, folder: lab.folder).writeSnapshot()
        #expect(ta.covers == tb.covers && ta.path != tb.path)
        let order = SyncEngine.seedOrder(try lab.folder.scan().snapshots)
        #expect(order.first?.device == min(try a.device, try b.device))
        let again = try lab.store("again")
        #expect(try lab.sync(again).seededFrom == order.first?.relativePath)
        try Self.expectConverged(lab, [a, b, fresh, again])
    }

    /// A snapshot written by a newer version (body version 2) is refused with a typed error, listed
    /// as a newer format, and never half-read: the new device seeds from an older usable snapshot,
    /// or, with none, imports the changes.
    @Test func newerSnapshotFormatIsRefusedClearly() throws {
        let lab = try SyncLab("snap-newer")
        let a = try lab.store("a")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let me = try a.device
        let key = try DeviceKeyFile.loadOrCreate(for: a)
        var body = ByteWriter()
        body.varint(SnapshotBody.version + 1)
        body.raw([1, 2, 3])
        let covers = VersionVector([me: 5])
        let tag = Snapshot.nameTag(covering: covers)
        let entry = SnapshotEntry(device: me, total: tag.total, digest: tag.digest)
        let bytes = ExchangeFile.seal(kind: .snapshot, device: me, payload: Snapshot(device: me, covers: covers, body: body.bytes).payload,
                                      key: nil, signer: key)
        try FileManager.default.createDirectory(atPath: lab.path("snapshots/\(me.hex)"), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: lab.path(entry.relativePath)))

        let refusal = #expect(throws: ExchangeError.self) { _ = try lab.folder.trusting(KeyPins([me: key.publicKey])).readSnapshotBody(entry) }
        #expect(refusal?.code == .newerSnapshotFormat && refusal?.file == entry.relativePath)
        let fresh = try lab.store("fresh")
        let report = try lab.sync(fresh)
        #expect(report.seededFrom == nil)
        #expect(report.newerFormat.contains(entry.relativePath))
        #expect(try lab.names(fresh) == ["Ada"])

        // With an older usable snapshot too, that one is used.
        let usable = try SyncEngine(store: a, folder: lab.folder).writeSnapshot()
        let other = try lab.store("other")
        let r2 = try lab.sync(other)
        #expect(r2.seededFrom == usable.path && r2.newerFormat.contains(entry.relativePath))
        #expect(try lab.names(other) == ["Ada"])
    }

    /// A damaged part makes its snapshot unusable: reported, nothing half-loaded, the next usable
    /// snapshot (or the changes) is used instead.
    @Test func damagedPartFallsBackWholly() throws {
        let lab = try SyncLab("snap-damaged")
        let a = try lab.store("a")
        for i in 1...30 { try lab.put(a, UInt64(i), [("name", .text("P\(i)"))]) }
        try lab.sync(a)
        var engine = SyncEngine(store: a, folder: lab.folder)
        engine.snapshotPolicy.partBytes = 200
        let written = try engine.writeSnapshot()
        #expect(written.parts > 2)
        let entry = try #require(try lab.folder.scan().snapshots.first)
        try lab.flipByte(FolderEntry.snapshotPart(entry, part: 2).relativePath)
        let fresh = try lab.store("fresh")
        let report = try lab.sync(fresh)
        #expect(report.seededFrom == nil)
        #expect(report.damaged.contains { $0.path.hasSuffix("/2.tbp") })
        #expect(try lab.names(fresh) == lab.names(a))
        try Self.expectConverged(lab, [a, fresh])
    }

    /// A joined device needs none of the changes files its snapshot covers: damaging them all after
    /// the snapshot was written changes nothing for it (nothing reported, nothing waiting), in its
    /// first sync or later ones.
    @Test func coveredFilesAreNeverRead() throws {
        let lab = try SyncLab("snap-covered")
        let a = try lab.store("a"), b = try lab.store("b")
        for i in 1...5 { try lab.put(a, UInt64(i), [("name", .text("P\(i)"))]) }
        try lab.sync(a)
        try lab.put(b, 9, [("name", .text("B"))])
        try lab.syncAll([a, b])
        _ = try SyncEngine(store: a, folder: lab.folder).writeSnapshot()
        for d in [try a.device, try b.device] {
            for name in lab.changeFileNames(d) { try lab.flipByte("changes/\(d.hex)/\(name)") }
        }
        try lab.put(b, 10, [("name", .text("After"))])
        try lab.sync(b)
        let fresh = try lab.store("fresh")
        let first = try lab.sync(fresh)
        #expect(first.seededFrom != nil)
        #expect(first.damaged.isEmpty, "\(first.damaged)")
        #expect(try lab.names(fresh) == lab.names(b))
        #expect(try lab.sync(fresh).damaged.isEmpty)
    }

    /// A device snapshots by itself once its own change files pass the thresholds.
    @Test func automaticSnapshotAfterThresholds() throws {
        let lab = try SyncLab("snap-auto")
        let a = try lab.store("a")
        var engine = SyncEngine(store: a, folder: lab.folder)
        engine.snapshotPolicy = SnapshotPolicy(changeFiles: 3, bytes: 1 << 40)
        var written: [String] = []
        for i in 1...7 {
            try lab.put(a, UInt64(i), [("name", .text("P\(i)"))])
            lab.clock.advance(milliseconds: 1)
            if let s = try engine.sync().snapshotWritten { written.append(s) }
        }
        // Files 1-3 → a snapshot; 4-6 → another; the 7th file is under the threshold.
        #expect(written.count == 2)
        var bytesEngine = SyncEngine(store: a, folder: lab.folder)
        bytesEngine.snapshotPolicy = SnapshotPolicy(changeFiles: 1_000, bytes: 1)
        try lab.put(a, 8, [("name", .text("P8"))])
        let third = try #require(try bytesEngine.sync().snapshotWritten)
        // Garbage collection removes older own snapshots that a newer verified one covers
        // (Protocol/SPEC.md §3.7): the first is gone; the second stays until a sync's scan has seen
        // the third.
        let present = try lab.folder.scan().snapshots.map(\.relativePath)
        #expect(present.count == 2 && present.contains(third) && present.contains(written[1]), "\(present), written \(written), \(third)")
    }
}
