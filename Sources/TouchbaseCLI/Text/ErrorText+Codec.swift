import TouchbaseCore

extension ErrorText {
    /// The terminal's message for a ``CodecError``: what is wrong, at which byte.
    static func codec(_ e: CodecError) -> String {
        let at = e.offset.map { " at byte \($0)" } ?? ""
        switch e.code {
        case .truncated: return "truncated" + at
        case .malformed, .overLimit: return (e.detail ?? e.code.rawValue) + at
        case .unsupportedVersion: return "change encoding version \(e.version ?? 0) is newer than this reader (1)"
        }
    }
}
