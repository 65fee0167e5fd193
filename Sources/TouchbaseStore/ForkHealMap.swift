import TouchbaseCore

/// The healed forks a database knows and what healing did to the Changes it met (Protocol/SPEC.md
/// §3.6, "Healing"): a pure function of the heals and the Changes, the same on every device.
///
/// A Change is *moved* when healing changes it: a Change of a renamed history is read under the
/// derived id, and any Change whose links name a moved Change has those links (and the `deps` they
/// stand for) rewritten to the moved Change. The map keeps, for each moved Change, its original
/// digest → where it is stored now and its digest there, so later Changes that name the original
/// find it.
public struct ForkHealMap: Sendable {
    /// Where a moved Change is stored, and its digest there.
    public struct Target: Hashable, Sendable {
        /// Its place now.
        public var dot: Dot
        /// Its digest now.
        public var digest: [UInt8]
    }

    /// Every heal, in the order learned.
    public private(set) var heals: [ForkHeal]
    private(set) var moved: [[UInt8]: Target]
    /// Entries added since the map was loaded (to store).
    public private(set) var added: [(original: [UInt8], target: Target)] = []

    /// A map with these heals and moves.
    public init(heals: [ForkHeal] = [], moved: [[UInt8]: Target] = [:]) {
        self.heals = heals
        self.moved = moved
    }

    /// Whether no fork was healed.
    public var isEmpty: Bool { heals.isEmpty }

    /// Where the Change with this original digest is stored now, when healing moved it.
    public func target(of original: [UInt8]) -> Target? { moved[original] }

    /// Adds a heal; false when it was known.
    @discardableResult
    public mutating func add(_ heal: ForkHeal) -> Bool {
        guard !heals.contains(where: { $0.device == heal.device && $0.seq == heal.seq && $0.renamed == heal.renamed }) else { return false }
        heals.append(heal)
        return true
    }

    /// Forgets the entries added since loading (they were stored).
    public mutating func markStored() { added.removeAll() }

    /// The heal that renames `c` (with original digest `digest`), if `c` belongs to a renamed
    /// history: it is that history's Change at the fork point, or its `prev` names a Change moved
    /// to the heal's derived id.
    public func renaming(_ c: Change, digest: [UInt8]) -> ForkHeal? {
        for h in heals where h.device == c.device {
            if c.seq == h.seq && digest == h.renamed { return h }
            if c.seq > h.seq, let p = c.prev, let t = moved[p], t.dot.device == h.derived { return h }
        }
        return nil
    }

    /// `c` as healing reads it (itself when no heal touches it); notes it as moved when it changes.
    /// A renamed history's Change `(x, d + i)` becomes `(f, 1 + i)` with `deps` plus `x: d − 1`;
    /// links that name a moved Change name it where it is now. Heals of heals apply in turn.
    public mutating func transform(_ c: Change) -> Change {
        guard !heals.isEmpty, c.isChained || heals.contains(where: { $0.device == c.device && $0.seq == c.seq }) else { return c }
        let original = c.digest()
        var current = c
        var currentDigest = original
        for _ in 0..<8 {
            let next = step(current, digest: currentDigest)
            if next == current { break }
            let d = next.digest()
            if currentDigest != original { moved[currentDigest] = Target(dot: next.dot, digest: d) }
            current = next
            currentDigest = d
        }
        if current != c {
            let t = Target(dot: current.dot, digest: currentDigest)
            if moved[original] != t {
                moved[original] = t
                added.append((original, t))
            }
        }
        return current
    }

    private func step(_ c: Change, digest: [UInt8]) -> Change {
        var device = c.device
        var seq = c.seq
        var prev = c.prev
        var deps = VersionVector()
        var digests: [DeviceID: [UInt8]] = [:]
        func put(_ e: DeviceID, _ k: UInt64, _ dg: [UInt8]?) {
            guard k > 0, k >= deps[e] else { return }
            deps[e] = k
            if let dg { digests[e] = dg } else { digests[e] = nil }
        }
        if let h = renaming(c, digest: digest) {
            device = h.derived
            seq = c.seq - h.seq + 1
            prev = c.seq == h.seq ? nil : moved[c.prev!]?.digest
            if h.seq > 1 { put(h.device, h.seq - 1, h.base) }
        } else if let p = prev, let t = moved[p], t.dot.device == c.device {
            prev = t.digest
        }
        for (e, k) in c.deps.sorted {
            let dg = c.depDigests[e]
            if let dg, let t = moved[dg] {
                if t.dot.device == e {
                    put(e, t.dot.seq, t.digest)
                } else if let h = heals.first(where: { $0.device == e && $0.derived == t.dot.device }) {
                    if h.seq > 1 { put(e, h.seq - 1, h.base) }
                    put(t.dot.device, t.dot.seq, t.digest)
                } else {
                    put(e, k, dg)
                }
            } else {
                put(e, k, dg)
            }
        }
        let chained = c.isChained || device != c.device
        return Change(device: device, seq: seq, hlc: c.hlc, deps: deps, ops: c.ops,
                      prev: prev, depDigests: chained ? digests : [:])
    }
}
