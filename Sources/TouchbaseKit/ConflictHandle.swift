import TouchbaseCore

/// A conflict's handle: six typeable characters (`k3f9qa`), derived from what the conflict is: its
/// record, field and kind, and the dots of the competing values (and, for a merge cycle, its
/// members). Every device that applied the same changes derives the same handle, and resolving one
/// conflict leaves the others' handles as they were. It always starts with a letter, so it is never
/// taken for a conflict's number.
public enum ConflictHandle {
    /// Letters without the ones misread for digits (i, l, o).
    static let letters = Array("abcdefghjkmnpqrstuvwxyz")
    /// Digits and those letters.
    static let alphabet = Array("0123456789abcdefghjkmnpqrstuvwxyz")

    /// The handle of `conflict`.
    public static func make(_ conflict: Conflict) -> String {
        var bytes = Array("touchbase conflict handle 1\u{0}".utf8)
        bytes += Array(conflict.record.entity.utf8) + [0]
        bytes += conflict.record.record.raw.bytes
        bytes += Array(conflict.field.utf8) + [0]
        bytes += Array(conflict.kind.rawValue.utf8) + [0]
        for dot in conflict.values.map(\.dot).sorted() {
            bytes += dot.device.raw.bytes
            bytes += withUnsafeBytes(of: dot.seq.bigEndian, Array.init)
        }
        for member in conflict.cycle.sorted(by: { $0.hex < $1.hex }) { bytes += member.raw.bytes }
        let digest = SHA256Digest.hash(bytes)
        var number = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var out = [letters[Int(number % UInt64(letters.count))]]
        number /= UInt64(letters.count)
        for _ in 0..<5 {
            out.append(alphabet[Int(number % UInt64(alphabet.count))])
            number /= UInt64(alphabet.count)
        }
        return String(out)
    }
}
