import Foundation
import TouchbaseCore

/// Someone you know who could introduce you at an organisation, how you know they can, and the
/// touch that would ask for it.
public struct IntroductionPath: Hashable, Sendable {
    /// Why this person can help.
    public enum Via: Hashable, Sendable {
        /// They work there now.
        case worksThere
        /// They worked there before (the organisation an import or an edit since replaced).
        case workedThere
        /// They belong to a hub where you also know someone who is (or was) there.
        case sameHub(hub: String, colleague: String)
    }

    /// The contact to touch.
    public var contact: RecordID
    /// Their name.
    public var name: String
    /// Their current organisation.
    public var organization: String?
    /// Their stage.
    public var stage: Stage?
    /// Why they can help.
    public var via: Via
    /// Something to say: the reason of a touch that asks for the introduction.
    public var suggestedReason: String
}
