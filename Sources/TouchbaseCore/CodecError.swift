/// A byte sequence that is not a valid encoding of Changes.
///
/// Match on ``code``. ``description`` is technical (what, at which byte) and carries no decoded
/// values.
public struct CodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// The input ended inside a value.
        case truncated
        /// The input is structurally wrong; ``CodecError/detail`` says how.
        case malformed
        /// The encoding's own version (``CodecError/version``) is newer than this reader.
        case unsupportedVersion
        /// A count is well formed but over a limit of ``ChangeCodec/Limits`` (too many Changes or ops).
        case overLimit
    }

    /// What went wrong.
    public let code: Code
    /// The byte offset of the fault, when there is one.
    public let offset: Int?
    /// What is wrong, technically (`"varint overflows 64 bits"`); never a decoded value.
    public let detail: String?
    /// The encoding version found, for ``Code/unsupportedVersion``.
    public let version: UInt8?

    /// Creates an error; prefer the static factories named after the codes.
    public init(_ code: Code, offset: Int? = nil, detail: String? = nil, version: UInt8? = nil) {
        self.code = code
        self.offset = offset
        self.detail = detail
        self.version = version
    }

    // MARK: - Factories, one per code

    /// The input ended inside a value, at byte `at`.
    public static func truncated(at: Int) -> CodecError { CodecError(.truncated, offset: at) }
    /// The input is structurally wrong (`why`) at byte `at`.
    public static func malformed(_ why: String, at: Int) -> CodecError { CodecError(.malformed, offset: at, detail: why) }
    /// The encoding version `version` is newer than this reader.
    public static func unsupportedVersion(_ version: UInt8) -> CodecError { CodecError(.unsupportedVersion, version: version) }
    /// A count over a limit (`why`) at byte `at`.
    public static func overLimit(_ why: String, at: Int) -> CodecError { CodecError(.overLimit, offset: at, detail: why) }

    public var description: String {
        let at = offset.map { " at byte \($0)" } ?? ""
        switch code {
        case .truncated: return "truncated" + at
        case .malformed, .overLimit: return (detail ?? code.rawValue) + at
        case .unsupportedVersion: return "change encoding version \(version ?? 0) is newer than this reader (1)"
        }
    }
}
