/// Why a step of the networking method was refused. Nothing is written when one is thrown.
///
/// Match on ``code`` and word it from the typed fields. ``description`` names no client command or
/// option and carries no personal data: the contact's name is in ``contact`` and
/// ``expandedDescription`` only.
public struct WorkflowError: Error, Hashable, Sendable, ExpandedDescribing {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// An outreach without a reason, not forced.
        case nothingToSay
        /// A setting key nobody knows (``WorkflowError/key``).
        case unknownSetting
        /// A setting value that does not fit; ``WorkflowError/reason`` says what fits.
        case invalidSetting
        /// A debrief with neither what was learned nor what is next.
        case emptyDebrief
        /// A record the step needs is missing; ``WorkflowError/detail`` says which.
        case missing
    }

    /// What went wrong.
    public let code: Code
    /// The contact's name, for ``Code/nothingToSay``. Personal: not in ``description``.
    public let contact: String?
    /// The setting key. For ``Code/unknownSetting`` it is what was typed: not in ``description``.
    public let key: String?
    /// What a setting's value must be (`"a whole number from 1 to 50"`), for ``Code/invalidSetting``.
    public let reason: String?
    /// What is missing, for ``Code/missing``. May name a record: not in ``description``.
    public let detail: String?

    /// Creates an error; prefer the static factories named after the codes.
    public init(_ code: Code, contact: String? = nil, key: String? = nil, reason: String? = nil, detail: String? = nil) {
        self.code = code
        self.contact = contact
        self.key = key
        self.reason = reason
        self.detail = detail
    }

    /// The method's rule, quoted when an outreach has nothing to say.
    public static let nothingToSayRule = "Never reach out without something to say"

    // MARK: - Factories, one per code

    /// An outreach to `contact` (a name) without a reason, not forced.
    public static func nothingToSay(contact: String) -> WorkflowError { WorkflowError(.nothingToSay, contact: contact) }
    /// No setting is named `key`.
    public static func unknownSetting(_ key: String) -> WorkflowError { WorkflowError(.unknownSetting, key: key) }
    /// The setting `key` must be `reason`.
    public static func invalidSetting(key: String, reason: String) -> WorkflowError {
        WorkflowError(.invalidSetting, key: key, reason: reason)
    }
    /// A debrief with neither what was learned nor what is next.
    public static let emptyDebrief = WorkflowError(.emptyDebrief)
    /// A record the step needs is missing (`what`).
    public static func missing(_ what: String) -> WorkflowError { WorkflowError(.missing, detail: what) }

    // MARK: - Descriptions

    public var description: String {
        switch code {
        case .nothingToSay: return "\(WorkflowError.nothingToSayRule): the outreach has no reason and was not forced"
        case .unknownSetting: return "no setting has the given name"
        case .invalidSetting: return "\(key ?? "the setting") must be \(reason ?? "valid")"
        case .emptyDebrief: return "a debrief needs at least what was learned or what is next"
        case .missing: return "a record the step needs is missing"
        }
    }

    /// The description with the contact's name, the setting key typed or what is missing.
    public var expandedDescription: String {
        var parts = [description]
        if let contact { parts.append("contact: \(contact)") }
        if code == .unknownSetting, let key { parts.append("setting: \(key)") }
        if let detail { parts.append(detail) }
        return parts.joined(separator: "; ")
    }
}
