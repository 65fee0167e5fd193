import Foundation
import TouchbaseCore

/// An edit of a hub: only the fields given change (``FieldEdit``), in one edit. Setting a field
/// that is in conflict resolves the conflict.
public struct HubChanges: Hashable, Sendable {
    /// A new name (it must not be empty).
    public var name: String?
    /// What kind of hub: meetup, alumni, association, ….
    public var kind: FieldEdit<String>?
    /// Its web page.
    public var url: FieldEdit<String>?
    /// When it meets.
    public var schedule: FieldEdit<String>?
    /// City or region.
    public var location: FieldEdit<String>?
    /// Free-form notes.
    public var notes: FieldEdit<String>?
    /// Tags added.
    public var tags: [String] = []
    /// Its stage (`want` puts it on the wishlist), or clear it.
    public var stage: FieldEdit<Stage>?

    /// An edit that changes nothing yet.
    public init() {}

    /// Whether the edit changes nothing.
    public var isEmpty: Bool { self == HubChanges() }

    /// The puts: the name, set fields in schema order, then cleared ones.
    func values() throws -> [(field: String, value: Value)] {
        var out: [(field: String, value: Value)] = []
        if let name {
            guard let trimmed = FieldNormalizer.text(name) else { throw WorkspaceError(.emptyValue, field: "name") }
            out.append(("name", .text(trimmed)))
        }
        return out + (try HubChanges.fieldValues([("kind", kind), ("url", url), ("schedule", schedule), ("location", location), ("notes", notes)]))
            + (try HubChanges.stageValue(stage))
    }

    /// Set fields first, then cleared ones; `url` normalised.
    static func fieldValues(_ edits: [(String, FieldEdit<String>?)]) throws -> [(field: String, value: Value)] {
        var sets: [(field: String, value: Value)] = []
        var clears: [(field: String, value: Value)] = []
        for (field, edit) in edits {
            switch edit {
            case .set(let s)?:
                let value = try FieldNormalizer.text(s).map { field == "url" ? try FieldNormalizer.url($0, field: "url") : $0 }
                sets.append((field, value.map(Value.text) ?? .null))
            case .clear?: clears.append((field, .null))
            case nil: break
            }
        }
        return sets + clears
    }

    /// The stage to write.
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (field `stage`) for a stage this version does not know.
    static func stageValue(_ edit: FieldEdit<Stage>?) throws -> [(field: String, value: Value)] {
        switch edit {
        case nil: return []
        case .clear?: return [("stage", .null)]
        case .set(.unrecognized)?: throw WorkspaceError(.malformed, field: "stage", detail: Schema.stages.joined(separator: ", "))
        case .set(let stage)?: return [("stage", .text(stage.rawValue))]
        }
    }
}
