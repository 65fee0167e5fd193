import TouchbaseCore
import TouchbaseExchange

/// What every exchange-file fuzz target does with one input, through the public entry points a
/// sync uses (``ExchangeFile/open(_:key:limits:)`` then the kind's decoder):
///
/// 1. the input as a whole file, as it lies in the folder;
/// 2. the same bytes with the trailing SHA-256 recomputed, so mutations get past the checksum and
///    reach the length checks, decryption, inflation and the payload decoder;
/// 3. the input as a bare payload, handed to the decoder with a header of the target's kind.
///
/// Any thrown error is a clean refusal. A decoded value must re-encode and decode to itself; a
/// violation traps, which libFuzzer reports as a crash.
public enum FuzzInput {
    /// The input bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// `bytes` with its last 32 bytes replaced by the SHA-256 of everything before them; nil when
    /// there are not enough bytes or the checksum is already right.
    public static func checksumFixed(_ bytes: [UInt8]) -> [UInt8]? {
        let n = ExchangeHeader.checksumLength
        guard bytes.count >= ExchangeHeader.baseLength + n else { return nil }
        let body = Array(bytes[..<(bytes.count - n)])
        let sum = SHA256Digest.hash(body)
        guard !sum.elementsEqual(bytes[(bytes.count - n)...]) else { return nil }
        return body + sum
    }

    /// A header of `kind` for decoding a bare payload: device 1, range 1-1 for changes.
    public static func header(_ kind: ExchangeFileKind, payloadLength: Int) -> ExchangeHeader {
        let seq: UInt64 = kind == .changes ? 1 : 0
        return ExchangeHeader(kind: kind, flags: 0, device: DeviceID(ID128(high: 0, low: 1)), first: seq, last: seq,
                              payloadLength: UInt64(payloadLength), storedLength: UInt64(payloadLength), keyID: 0)
    }

    /// Runs the three steps for one input: `decode` gets each payload that verifies (or the bare
    /// input) with its header, and is called only for files of `kind`, as a sync checks a
    /// file's header against its name before decoding it.
    public static func exercise(_ input: [UInt8], kind: ExchangeFileKind, key: FolderKey?,
                                decode: ([UInt8], ExchangeHeader) throws -> Void) {
        func openAndDecode(_ bytes: [UInt8]) {
            guard let file = try? ExchangeFile.open(bytes, key: key) else { return }
            guard file.header.kind == kind else { return }
            try? decode(file.payload, file.header)
        }
        openAndDecode(input)
        if let fixed = checksumFixed(input) { openAndDecode(fixed) }
        try? decode(input, header(kind, payloadLength: input.count))
    }

    /// Traps when `condition` is false: a decoded value that does not survive its own encoding.
    public static func require(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant violated: \(what())") }
    }
}
