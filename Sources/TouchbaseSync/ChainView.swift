import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// The digests of the Changes this database applied, as one sync needs them to check the links of
/// format 3.0 (Protocol/SPEC.md §3.6): from the log, and from the Changes passed through the gates
/// in this sync but not stored yet. Memory stays bounded: a small cache of log lookups and the
/// Changes of one unflushed batch.
struct ChainView {
    /// A Change's digest, and whether it carries links (a chained Change's successor must too).
    struct Link: Equatable {
        var digest: [UInt8]
        var chained: Bool
    }

    let store: Store
    /// Whether this database healed a fork: then a stored Change may be a healed form, and its
    /// digest as signed (the one links name, SPEC §3.6) is looked up.
    var healed = false
    private var pending: [Dot: Link] = [:]
    private var cache: [Dot: Link] = [:]

    init(store: Store) { self.store = store }

    /// The applied Change at `dot`, by its digest as signed; nil when this database has not
    /// applied it (or its log lacks it).
    mutating func link(_ dot: Dot) throws -> Link? {
        if let l = pending[dot] ?? cache[dot] { return l }
        guard let data = try store.encodedChange(dot) else {
            // A Change the snapshot this database was seeded from covered: its digest when known.
            return try store.appliedDigest(dot).map { Link(digest: $0, chained: false) }
        }
        let digest = healed ? try store.originalDigest(dot) ?? ChangeBatch.sha256(data) : ChangeBatch.sha256(data)
        let l = Link(digest: digest, chained: data.first == ChangeCodec.chainedVersion)
        if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
        cache[dot] = l
        return l
    }

    /// Notes a Change passed through the gates and about to be stored (`original`: its digest as
    /// signed, when it is stored in healed form).
    ///
    /// - Returns: the Change with its encoding, for the Store's log.
    mutating func noteReady(_ c: Change, original: [UInt8]? = nil) -> EncodedChange {
        let encoded = EncodedChange(c)
        pending[c.dot] = Link(digest: original ?? encoded.digest(hash: ChangeBatch.sha256), chained: c.isChained)
        return encoded
    }

    /// Forgets what it read from the log (after the log was healed again).
    mutating func forget() {
        cache.removeAll()
        pending.removeAll()
    }

    /// Forgets the Changes noted since the last store (they are in the log now).
    mutating func stored() { pending.removeAll(keepingCapacity: true) }

    /// Why `c`, whose gates are open, does not continue what this database applied (Protocol/SPEC.md
    /// §3.6): its link names another previous Change, it has none where its device's chain had
    /// begun, or a dependency digest names another Change than the one applied. `nil` when it
    /// continues it, as far as this database can tell.
    mutating func fork(of c: Change, file: String) throws -> ForkEvidence? {
        if c.seq > 1, let before = try link(Dot(device: c.device, seq: c.seq - 1)) {
            if c.isChained ? c.prev != before.digest : before.chained {
                return ForkEvidence(device: c.device, seq: c.seq - 1, kind: .chainBreak, file: file)
            }
        }
        for (d, s) in c.deps.sorted {
            guard let claimed = c.depDigests[d], claimed != ChangeCodec.unknownDigest,
                  let applied = try link(Dot(device: d, seq: s)) else { continue }
            if claimed != applied.digest {
                return ForkEvidence(device: d, seq: s, kind: .dependsOnOtherHistory, file: file, dependent: c.dot)
            }
        }
        return nil
    }

    /// Why `c`, the form healing reads `original` in (another place than signed), does not rest on
    /// what this database applied on its own line: a dependency of `original` that healing reads on
    /// `c`'s own line (which the healed form no longer names, deps never naming their own device)
    /// at or after `c` itself, or before it where another Change was applied. Both mean the
    /// dependency was made on another history of that line, whose fork point this database has
    /// not healed yet (Protocol/SPEC.md §3.6, evidence 3). `nil` when every such dependency is the
    /// Change applied there.
    mutating func lineDependency(of original: Change, readAs c: Change, map: ForkHealMap, file: String) throws -> ForkEvidence? {
        for (e, k) in original.deps.sorted {
            guard let digest = original.depDigests[e], digest != ChangeCodec.unknownDigest else { continue }
            let at = map.placed(digest) ?? Dot(device: e, seq: k)
            guard at.device == c.device else { continue }
            if try at.seq >= c.seq || link(at).map({ $0.digest != digest }) == true {
                return ForkEvidence(device: at.device, seq: at.seq, kind: .dependsOnOtherHistory, file: file, dependent: c.dot)
            }
        }
        return nil
    }

    /// The first Change among `changes` that this database applied with other content.
    mutating func firstDifference(in changes: [Change], applied version: VersionVector) throws -> Change? {
        for c in changes where version.contains(c.dot) {
            if let l = try link(c.dot), l.digest != c.digest(hash: ChangeBatch.sha256) { return c }
        }
        return nil
    }
}
