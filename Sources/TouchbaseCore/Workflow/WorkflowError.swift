/// Why a step of the networking method was refused. Nothing is written when one is thrown.
public enum WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An outreach without a reason and without `--force`.
    case nothingToSay(contact: String)
    /// A setting key nobody knows.
    case unknownSetting(String)
    /// A setting value that does not fit.
    case invalidSetting(key: String, reason: String)
    /// A debrief with neither what was learned nor what is next.
    case emptyDebrief
    /// A record the step needs is missing.
    case missing(String)

    /// The method's rule, quoted when an outreach has nothing to say.
    public static let nothingToSayRule = "Never reach out without something to say"

    public var description: String {
        switch self {
        case .nothingToSay(let contact):
            return "\(WorkflowError.nothingToSayRule): give \(contact) a reason (--reason \"I wrote a blog post on …\") "
                + "or share one from your library (--share <reason>, see `touchbase reason list`). "
                + "Use --force to log it anyway."
        case .unknownSetting(let key):
            return "no setting named \(key); see `touchbase config`"
        case .invalidSetting(let key, let reason):
            return "\(key) must be \(reason)"
        case .emptyDebrief:
            return "a debrief needs at least what you learned (--learned) or what is next (--next)"
        case .missing(let what):
            return what
        }
    }
}
