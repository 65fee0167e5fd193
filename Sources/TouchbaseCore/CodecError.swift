/// A byte sequence that is not a valid encoding of Changes.
public enum CodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended inside a value.
    case truncated(at: Int)
    /// The input is structurally wrong; the message says how.
    case malformed(String, at: Int)
    /// The encoding's own version is newer than this reader.
    case unsupportedVersion(UInt8)
    /// A count is well formed but over a limit of ``ChangeCodec/Limits`` (too many Changes or ops).
    case overLimit(String, at: Int)

    public var description: String {
        switch self {
        case .truncated(let at): return "truncated at byte \(at)"
        case .malformed(let why, let at): return "\(why) at byte \(at)"
        case .unsupportedVersion(let v): return "change encoding version \(v) is newer than this reader (1)"
        case .overLimit(let why, let at): return "\(why) at byte \(at)"
        }
    }
}
