import TouchbaseCore

extension ErrorText {
    /// The terminal's message for a ``WorkflowError``.
    static func workflow(_ e: WorkflowError) -> String {
        switch e.code {
        case .nothingToSay:
            return "\(WorkflowError.nothingToSayRule): give \(e.contact ?? "them") a reason (--reason \"I wrote a blog post on …\") "
                + "or share one from your library (--share <reason>, see `touchbase reason list`). "
                + "Use --force to log it anyway."
        case .unknownSetting:
            return "no setting named \(e.key ?? ""); see `touchbase config`"
        case .invalidSetting:
            return "\(e.key ?? "the setting") must be \(e.reason ?? "valid")"
        case .emptyDebrief:
            return "a debrief needs at least what you learned (--learned) or what is next (--next)"
        case .missing:
            return e.detail ?? "a record this step needs is missing"
        }
    }
}
