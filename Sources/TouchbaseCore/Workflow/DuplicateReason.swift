/// Why two contacts look like the same person (see ``DuplicateFinder``). A client words it.
public enum DuplicateReason: Hashable, Sendable {
    /// They share an email address (trimmed and lowercased).
    case sameEmail(String)
    /// They share a phone number (as first written; its last 10 digits matched).
    case samePhone(String)
    /// They share a LinkedIn profile.
    case sameLinkedIn
    /// Their names are near-identical.
    case similarNames
}
