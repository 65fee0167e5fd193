/// Small text helpers for the workflow code (Core has no Foundation).
enum WorkflowText {
    /// `s` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f.isWhitespace { sub.removeFirst() }
        while let l = sub.last, l.isWhitespace { sub.removeLast() }
        return String(sub)
    }

    /// Trimmed, `nil` when empty.
    static func nonBlank(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = trimmed(s)
        return t.isEmpty ? nil : t
    }
}
