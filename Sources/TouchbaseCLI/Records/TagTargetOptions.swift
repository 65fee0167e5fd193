import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// `--hub`: whether the tagged record is a hub rather than a contact.
struct TagTargetOptions: ParsableArguments {
    @Flag(name: .customLong("hub"), help: "The record is a hub, not a contact.")
    var isHub = false

    /// What the record is.
    var target: TagTarget { isHub ? .hub : .contact }

    /// The entity the record belongs to.
    var entity: String { target.entity }

    /// Finds the record by id, id prefix or name.
    func find(_ query: String, in kit: Workspace) throws -> (id: RecordID, name: String) {
        switch target {
        case .contact:
            let c = try kit.contact(matching: query)
            return (c.id, c.name)
        case .hub:
            let h = try kit.hub(matching: query)
            return (h.id, h.name)
        }
    }
}
