import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct VersionVectorTests {
    let d1 = Fixtures.device(1), d2 = Fixtures.device(2), d3 = Fixtures.device(3)

    @Test func absentIsZeroAndZeroIsAbsent() {
        var v = VersionVector()
        #expect(v[d1] == 0)
        v[d1] = 3
        #expect(v[d1] == 3)
        #expect(v.entries == [d1: 3])
        v[d1] = 0
        #expect(v.entries.isEmpty)
        #expect(v == VersionVector())
        #expect(VersionVector([d1: 0, d2: 2]) == VersionVector([d2: 2]))
        #expect(VersionVector([d1: 0, d2: 2]).entries == [d2: 2])
    }

    @Test func contains() {
        let v = VersionVector([d1: 3])
        #expect(v.contains(Dot(device: d1, seq: 1)))
        #expect(v.contains(Dot(device: d1, seq: 3)))
        #expect(!v.contains(Dot(device: d1, seq: 4)))
        #expect(!v.contains(Dot(device: d2, seq: 1)))
    }

    @Test func covers() {
        let a = VersionVector([d1: 3, d2: 1]), b = VersionVector([d1: 2])
        #expect(a.covers(b))
        #expect(!b.covers(a))
        #expect(a.covers(a))
        #expect(a.covers(VersionVector()))
        #expect(VersionVector().covers(VersionVector()))
        #expect(!VersionVector([d1: 1]).covers(VersionVector([d2: 1])))
    }

    @Test func mergeIsEntrywiseMax() {
        let a = VersionVector([d1: 3, d2: 1]), b = VersionVector([d2: 4, d3: 2])
        let m = a.merged(with: b)
        #expect(m == VersionVector([d1: 3, d2: 4, d3: 2]))
        #expect(m == b.merged(with: a))
        #expect(m.merged(with: a) == m)
        var c = a
        c.formUnion(b)
        #expect(c == m)
        #expect(m.covers(a) && m.covers(b))
    }

    @Test("merge is commutative, associative and idempotent on random vectors")
    func lattice() {
        var g = SeededGenerator(seed: 13)
        func random() -> VersionVector {
            VersionVector([d1: UInt64.random(in: 0..<4, using: &g), d2: UInt64.random(in: 0..<4, using: &g),
                           d3: UInt64.random(in: 0..<4, using: &g)])
        }
        for _ in 0..<300 {
            let a = random(), b = random(), c = random()
            #expect(a.merged(with: b) == b.merged(with: a))
            #expect(a.merged(with: b).merged(with: c) == a.merged(with: b.merged(with: c)))
            #expect(a.merged(with: a) == a)
            #expect(a.covers(b) == (a.merged(with: b) == a))
        }
    }

    @Test func sortedAndDescription() {
        let v = VersionVector([d3: 1, d1: 5])
        #expect(v.sorted.map(\.device) == [d1, d3])
        #expect(v.sorted.map(\.seq) == [5, 1])
        #expect(v.description == "{00000000:5, 00000000:1}")
        #expect(VersionVector().description == "{}")
    }
}
