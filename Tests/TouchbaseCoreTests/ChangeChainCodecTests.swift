import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Format 3.0's hash-chain links in the Change batch (Protocol/SPEC.md §3.6, §7.2): each chained
/// Change names its device's previous Change and the Changes of its deps by digest, links that
/// can be derived inside a batch cost one byte, and Changes made before 3.0 encode as they did.
@Suite struct ChangeChainCodecTests {
    static let d1 = Fixtures.device(1), d2 = Fixtures.device(2), d3 = Fixtures.device(3)

    static func op(_ n: Int) -> Op { Op(entity: "contact", record: Fixtures.record(UInt64(n)), field: "name", value: .text("n\(n)")) }

    /// d1's Changes 4…(3 + n), chained: 4's link written out, the others derived.
    static func chain(_ n: Int, after prev: [UInt8] = Array(repeating: 0xAA, count: 32)) -> [Change] {
        var out: [Change] = []
        var link = prev
        for i in 0..<n {
            let c = Change(device: d1, seq: UInt64(4 + i), hlc: HLC(milliseconds: 1_767_603_600_000 + UInt64(i), counter: 0),
                           deps: VersionVector([d2: 7, d3: UInt64(1 + i / 2)]), ops: [op(i)], prev: link,
                           depDigests: [d2: Array(repeating: 0x22, count: 32), d3: Array(repeating: UInt8(0x30 + i / 2), count: 32)])
            out.append(c)
            link = c.digest()
        }
        return out
    }

    @Test func chainedChangesRoundTrip() throws {
        let changes = Self.chain(5)
        let bytes = ChangeCodec.encode(changes)
        #expect(bytes.first == ChangeCodec.chainedVersion)
        #expect(try ChangeCodec.decode(bytes) == changes)
        for c in changes { #expect(try ChangeCodec.decode(ChangeCodec.encode([c])) == [c]) }
    }

    @Test func changesMadeBeforeTheChainEncodeAsBefore() throws {
        let legacy = Change(device: Self.d1, seq: 2, hlc: HLC(raw: 9), deps: VersionVector([Self.d2: 1]), ops: [Self.op(1)])
        #expect(!legacy.isChained)
        let bytes = ChangeCodec.encode([legacy])
        #expect(bytes.first == ChangeCodec.version)
        // A first Change without deps has nothing to link: it encodes as version 1 too.
        let first = Change(device: Self.d1, seq: 1, hlc: HLC(raw: 9), deps: VersionVector(), ops: [Self.op(1)])
        #expect(ChangeCodec.encode([first]).first == ChangeCodec.version)
        // A batch mixing both: the unchained Change keeps no links, the chained one all of its.
        let chained = Change(device: Self.d1, seq: 3, hlc: HLC(raw: 10), deps: VersionVector([Self.d2: 1]), ops: [],
                             prev: legacy.digest(), depDigests: [Self.d2: Array(repeating: 7, count: 32)])
        #expect(try ChangeCodec.decode(ChangeCodec.encode([legacy, chained])) == [legacy, chained])
    }

    @Test func aDerivedLinkCostsOneByte() throws {
        let changes = Self.chain(40)
        let unchained = changes.map { Change(device: $0.device, seq: $0.seq, hlc: $0.hlc, deps: $0.deps, ops: $0.ops) }
        let linked = ChangeCodec.encode(changes).count, plain = ChangeCodec.encode(unchained).count
        // One chain code per Change, one link written out (the others derived), and a digest with
        // each deps entry written: d2's once, d3's each of the 20 times its value changes.
        #expect(linked - plain == 40 + 32 + 21 * 32, "linked \(linked), unchained \(plain)")
    }

    @Test func theDigestCoversTheLinks() {
        let c = Self.chain(1)[0]
        var other = c
        other.prev = Array(repeating: 0xAB, count: 32)
        #expect(c.digest() != other.digest())
        var otherDep = c
        otherDep.depDigests[Self.d2] = Array(repeating: 0x23, count: 32)
        #expect(c.digest() != otherDep.digest())
        #expect(c.digest() == SHA256Digest.hash(ChangeCodec.encode([c])))
    }

    @Test func contradictoryLinksAreMalformed() throws {
        let lone = Self.chain(1)
        let bytes = ChangeCodec.encode(lone)
        let at = try #require(Self.index(of: [2] + lone[0].prev!, in: bytes))
        // A link "derived from the Change before it" on the first Change of a batch.
        let derivedFirst = Array(bytes[..<at]) + [1] + Array(bytes[(at + 33)...])
        #expect(throws: CodecError.self) { try ChangeCodec.decode(derivedFirst) }
        // An unknown chain code.
        var unknown = bytes
        unknown[at] = 4
        #expect(throws: CodecError.self) { try ChangeCodec.decode(unknown) }
        // "Chained without a link" after sequence number 1.
        let noPrev = Array(bytes[..<at]) + [3] + Array(bytes[(at + 33)...])
        #expect(throws: CodecError.self) { try ChangeCodec.decode(noPrev) }
        // Cut anywhere: an error, never a trap.
        for n in 0..<bytes.count { _ = try? ChangeCodec.decode(Array(bytes.prefix(n))) }
    }

    @Test func aChainedChangeNeedsTheDigestOfEveryDep() throws {
        // Written by hand: one chained Change (code 3, seq 1) whose dep entry on d2 has no digest.
        var w = ByteWriter()
        w.byte(2)
        w.varint(0)                                  // no strings
        w.varint(2); w.raw(Self.d1.raw.bytes); w.raw(Self.d2.raw.bytes)
        w.varint(0)                                  // no records
        w.varint(1)                                  // one Change
        w.varint(0); w.zigzag(0); w.zigzag(0); w.varint(0)
        w.byte(3)                                    // chained, no link (seq 1)
        w.varint(1); w.varint(1); w.zigzag(5)        // deps d2: 5, and no digest after it
        w.varint(0)                                  // no ops
        #expect(throws: CodecError.self) { try ChangeCodec.decode(w.bytes) }
    }

    static func index(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
