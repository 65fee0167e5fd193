import TouchbaseCore

/// The healed forks a database knows and where healing reads the Changes it met (Protocol/SPEC.md
/// §3.6, "Healing"): a pure function of the set of heals and the Changes as their authors signed
/// them, the same on every device whatever order it learned the heals in.
///
/// A heal names the *renamed head*: the Change, as signed, whose history moves to the derived id.
/// A Change is read where its place follows from its own links alone: a renamed head at
/// `(derived, 1)`; a Change whose `prev` names a Change read elsewhere, right after it on that
/// Change's line; any other Change where it was signed. Dependencies are read at the place of the
/// Change their digest names. Links always name Changes by their digest as signed (the
/// *original*), so healing never changes what a link names, only where that Change is read.
///
/// The map keeps, for each Change read in another form, its original digest → its healed place and
/// the digest of its healed form, and the original's encoding (to heal again from the originals
/// when a heal is learned).
public struct ForkHealMap: Sendable {
    /// Where a moved Change is stored, and its digest there.
    public struct Target: Hashable, Sendable {
        /// Its place now.
        public var dot: Dot
        /// The digest of its healed form (the stored one).
        public var digest: [UInt8]
    }

    /// Every heal, ordered by device, sequence number and renamed digest.
    public private(set) var heals: [ForkHeal]
    private var heads: [[UInt8]: ForkHeal] = [:]
    private(set) var moved: [[UInt8]: Target]
    /// Entries added since the map was loaded (to store), with the original's encoding.
    public private(set) var added: [(original: [UInt8], target: Target, encoding: [UInt8])] = []

    /// A map with these heals and moves.
    public init(heals: [ForkHeal] = [], moved: [[UInt8]: Target] = [:]) {
        self.heals = []
        self.moved = moved
        for h in heals { add(h) }
    }

    /// Whether no fork was healed.
    public var isEmpty: Bool { heals.isEmpty }

    /// Where the Change with this original digest is read, when healing moved it.
    public func target(of original: [UInt8]) -> Target? { moved[original] }

    /// The heals only, without what was moved (to heal again from the originals).
    public var withoutMoves: ForkHealMap { ForkHealMap(heals: heals) }

    /// Adds a heal; false when it was known.
    @discardableResult
    public mutating func add(_ heal: ForkHeal) -> Bool {
        guard heads[heal.renamed] == nil else { return false }
        heads[heal.renamed] = heal
        heals.append(heal)
        heals.sort { a, b in
            if a.device != b.device { return a.device < b.device }
            if a.seq != b.seq { return a.seq < b.seq }
            return a.renamed.lexicographicallyPrecedes(b.renamed)
        }
        return true
    }

    /// Forgets the entries added since loading (they were stored).
    public mutating func markStored() { added.removeAll() }

    /// The heal of the line `c` (with original digest `digest`) is read on, when healing reads it
    /// under another device id than the one it was signed under: `c` is a renamed head, or its
    /// `prev` names a Change read on another device's line.
    public func renaming(_ c: Change, digest: [UInt8]) -> ForkHeal? {
        if let h = heads[digest] { return h }
        guard let p = c.prev, let at = placed(p), at.device != c.device else { return nil }
        return heals.first { $0.derived == at.device }
    }

    /// Where `c` (as signed) is read, with its original digest `digest`.
    public func place(of c: Change, digest: [UInt8]) -> Dot {
        if let h = heads[digest] { return Dot(device: h.derived, seq: 1) }
        if let p = c.prev, let at = placed(p) { return Dot(device: at.device, seq: at.seq + 1) }
        return c.dot
    }

    /// Where the Change with this original digest is read, when healing reads it elsewhere than
    /// where it was signed and this map knows it: a renamed head, or a Change it moved.
    public func placed(_ original: [UInt8]) -> Dot? {
        moved[original]?.dot ?? heads[original].map { Dot(device: $0.derived, seq: 1) }
    }

    /// `c` (as signed) as healing reads it; remembers where it is read when that changes, so that
    /// Changes that name it are read alike. The parent of `c` (its `prev`) and its dependencies
    /// must have been read first.
    public mutating func transform(_ c: Change) -> Change {
        guard !heals.isEmpty else { return c }
        let original = c.digest()
        let healed = step(c, digest: original)
        if healed != c {
            let t = Target(dot: healed.dot, digest: healed.digest())
            if moved[original] != t { moved[original] = t }
        } else if moved[original] != nil {
            moved[original] = nil
        }
        return healed
    }

    /// Notes that `healed`, the healed form of `original`, is stored (to keep with the map).
    public mutating func noteStored(_ original: Change, as healed: Change) {
        guard healed != original else { return }
        added.append((original.digest(), Target(dot: healed.dot, digest: healed.digest()), ChangeCodec.encode([original])))
    }

    private func step(_ c: Change, digest: [UInt8]) -> Change {
        let at = place(of: c, digest: digest)
        var prev = c.prev
        var deps = VersionVector()
        var digests: [DeviceID: [UInt8]] = [:]
        func put(_ e: DeviceID, _ k: UInt64, _ dg: [UInt8]?) {
            guard k > 0, e != at.device, k >= deps[e] else { return }
            deps[e] = k
            digests[e] = dg
        }
        if heads[digest] != nil {
            // A renamed head starts its line; the Change it continued becomes a dependency.
            prev = nil
            if let p = c.prev {
                let parent = placed(p) ?? Dot(device: c.device, seq: c.seq - 1)
                put(parent.device, parent.seq, p)
            }
        } else if at.device != c.device, let h = renaming(c, digest: digest), h.seq > 1 {
            // A Change read after a renamed head keeps the head's dependency on the Change both
            // histories continue: its own line no longer reaches it (deps never name their own device).
            let parent = placed(h.base) ?? Dot(device: h.device, seq: h.seq - 1)
            put(parent.device, parent.seq, h.base)
        }
        for (e, k) in c.deps.sorted {
            let dg = c.depDigests[e]
            if let dg, let at = placed(dg) { put(at.device, at.seq, dg) } else { put(e, k, dg) }
        }
        let chained = c.isChained || at.device != c.device
        return Change(device: at.device, seq: at.seq, hlc: c.hlc, deps: deps, ops: c.ops,
                      prev: prev, depDigests: chained ? digests : [:])
    }
}
