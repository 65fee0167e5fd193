import Foundation
import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// The options that set a hub's fields, shared by `hub add` and `hub edit`.
struct HubFieldOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What kind of hub: meetup, alumni, association, online community, ….", valueName: "text"))
    var kind: String?

    @Option(help: ArgumentHelp("Its web page.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("When it meets, e.g. \"first Tuesday, 6pm\".", valueName: "text"))
    var schedule: String?

    @Option(help: ArgumentHelp("Where it meets.", valueName: "text"))
    var location: String?

    @Option(help: ArgumentHelp("Free-form notes.", valueName: "text"))
    var notes: String?

    @Option(help: ArgumentHelp("want puts the hub on the wishlist, like a person; also docket, pending, active, dormant.", valueName: "stage"))
    var stage: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("Tag the hub (repeat for several).", valueName: "tag"))
    var tags: [String] = []

    /// The fields given, each checked (so that a refusal quotes what was typed), in schema order.
    ///
    /// - throws: `ValidationError` for a malformed URL.
    func checked(today: CalendarDate) throws -> [(field: String, text: String)] {
        let given: [(String, String?)] = [("kind", kind), ("url", url), ("schedule", schedule), ("location", location), ("notes", notes),
                                           ("stage", stage)]
        return try given.compactMap { field, text in
            guard let text else { return nil }
            _ = try FieldInput.parse(text, field: field, entity: Schema.hub, today: today)
            return (field, text)
        }
    }

    /// Puts the checked fields into a new hub.
    func apply(to draft: inout HubDraft, _ checked: [(field: String, text: String)]) {
        for (field, text) in checked {
            switch field {
            case "kind": draft.kind = text
            case "url": draft.url = text
            case "schedule": draft.schedule = text
            case "location": draft.location = text
            case "notes": draft.notes = text
            case "stage": draft.stage = Stage(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
            default: break
            }
        }
    }

    /// Puts the checked fields into an edit.
    func apply(to changes: inout HubChanges, _ checked: [(field: String, text: String)]) {
        for (field, text) in checked { HubFieldOptions.set(field, .set(text), in: &changes) }
    }

    /// Marks `field` to be cleared.
    static func clear(_ field: String, in changes: inout HubChanges) { set(field, .clear, in: &changes) }

    private static func set(_ field: String, _ edit: FieldEdit<String>, in changes: inout HubChanges) {
        switch field {
        case "kind": changes.kind = edit
        case "url": changes.url = edit
        case "schedule": changes.schedule = edit
        case "location": changes.location = edit
        case "notes": changes.notes = edit
        case "stage":
            switch edit {
            case .set(let text): changes.stage = .set(Stage(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()))
            case .clear: changes.stage = .clear
            }
        default: break
        }
    }

    /// Whether nothing was given.
    var isEmpty: Bool { kind == nil && url == nil && schedule == nil && location == nil && notes == nil && stage == nil && tags.isEmpty }

    /// The field names `--clear` accepts.
    static let clearable = ["kind", "url", "schedule", "location", "notes", "stage"]
}
