import Foundation
import TouchbaseCore

/// A new hub as a person typed it; ``Workspace/addHub(_:)`` checks it. Texts are trimmed; the
/// web page gets `https://` when it has no scheme.
public struct HubDraft: Hashable, Sendable {
    /// The name (required, unique among visible hubs).
    public var name: String
    /// What kind of hub: meetup, alumni, association, ….
    public var kind: String?
    /// Its web page.
    public var url: String?
    /// When it meets.
    public var schedule: String?
    /// City or region.
    public var location: String?
    /// Free-form notes.
    public var notes: String?
    /// Tags to put on the hub.
    public var tags: [String] = []
    /// Its stage: `want` puts it on the wishlist, like a person.
    public var stage: Stage?

    /// A draft with a name and nothing else.
    public init(name: String) { self.name = name }

    /// The fields to write, checked, in schema order (a given empty text is a cleared field).
    func values() throws -> [(field: String, value: Value)] {
        try HubChanges.fieldValues([("kind", kind), ("url", url), ("schedule", schedule), ("location", location), ("notes", notes)]
            .map { ($0.0, $0.1.map(FieldEdit.set)) }) + HubChanges.stageValue(stage.map(FieldEdit.set))
    }
}
