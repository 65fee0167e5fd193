import ArgumentParser
import TouchbaseStore

/// `--hub`: whether the tagged record is a hub rather than a contact.
struct TagTargetOptions: ParsableArguments {
    @Flag(name: .customLong("hub"), help: "The record is a hub, not a contact.")
    var isHub = false

    /// The entity the record belongs to.
    var entity: String { isHub ? "hub" : "contact" }

    /// Finds the record by id, id prefix or name.
    func find(_ query: String, in store: Store) throws -> Record {
        try store.find(entity, query)
    }
}
