import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct ID128Tests {
    static let sample = ID128(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)

    @Test func hexIsLowercaseBigEndian() {
        #expect(Self.sample.hex == "0123456789abcdeffedcba9876543210")
        #expect(Self.sample.description == Self.sample.hex)
        #expect(ID128(high: 0, low: 1).hex == "00000000000000000000000000000001")
    }

    @Test func bytesAreBigEndian() {
        #expect(Self.sample.bytes == [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
                                      0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10])
        #expect(ID128(bytes: Self.sample.bytes) == Self.sample)
        #expect(ID128(bytes: Self.sample.bytes[...]) == Self.sample)
    }

    @Test func uuidString() {
        #expect(Self.sample.uuidString == "01234567-89ab-cdef-fedc-ba9876543210")
        #expect(ID128(hex: Self.sample.uuidString) == Self.sample)
    }

    @Test func hexAcceptsUppercase() {
        #expect(ID128(hex: "0123456789ABCDEFFEDCBA9876543210") == Self.sample)
        #expect(ID128(hex: "01234567-89AB-CDEF-FEDC-BA9876543210") == Self.sample)
    }

    @Test("Round trips of random ids through hex, bytes and uuidString")
    func randomRoundTrips() {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let id = ID128.random(using: &g)
            #expect(ID128(hex: id.hex) == id)
            #expect(ID128(hex: id.uuidString) == id)
            #expect(ID128(bytes: id.bytes) == id)
            #expect(id.hex.count == 32)
        }
    }

    @Test("Bad hex is rejected", arguments: [
        "", "0", "0123456789abcdeffedcba987654321", "0123456789abcdeffedcba98765432100",
        "0123456789abcdeffedcba987654321g", "0123456789abcdef fedcba9876543210", "0x23456789abcdeffedcba9876543210",
        "0123456789abcdeffedcba98765432１0", "--------", "0123456789abcdeffedcba9876543210\n",
    ])
    func badHex(_ text: String) {
        #expect(ID128(hex: text) == nil)
    }

    @Test("Byte input must be exactly 16 bytes", arguments: [0, 1, 15, 17, 32])
    func badBytes(count: Int) {
        #expect(ID128(bytes: [UInt8](repeating: 0xAB, count: count)) == nil)
    }

    @Test func orderIsNumeric() {
        let a = ID128(high: 1, low: .max), b = ID128(high: 2, low: 0)
        #expect(a < b)
        #expect(!(b < a))
        #expect(ID128(high: 0, low: 1) < ID128(high: 0, low: 2))
        // Numeric order is the order of the hex text.
        var g = SeededGenerator(seed: 8)
        let ids = (0..<100).map { _ in ID128.random(using: &g) }
        #expect(ids.sorted().map(\.hex) == ids.map(\.hex).sorted())
    }

    @Test func deviceAndRecordIDsWrapTheSameBits() {
        let hex = Self.sample.hex
        #expect(DeviceID(hex: hex)?.raw == Self.sample)
        #expect(RecordID(hex: hex)?.raw == Self.sample)
        #expect(DeviceID(hex: "nope") == nil)
        #expect(RecordID(hex: "") == nil)
        #expect(DeviceID(Self.sample).hex == hex)
        #expect(RecordID(Self.sample).description == hex)
        #expect(Fixtures.device(1) < Fixtures.device(2))
        #expect(Fixtures.record(3) > Fixtures.record(2))
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        #expect(DeviceID.random(using: &g1) == DeviceID.random(using: &g2))
        #expect(RecordID.random(using: &g1) == RecordID.random(using: &g2))
    }
}
