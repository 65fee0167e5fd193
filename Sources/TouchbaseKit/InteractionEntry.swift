import TouchbaseStore

/// An interaction as a list, a timeline or a hub shows it: the record with the names of the people
/// and the hub it refers to, and the handle a person types to name it.
public struct InteractionEntry: Hashable, Sendable, Identifiable {
    /// Someone an interaction is with, by id and name (merged duplicates shown as the contact
    /// that stayed).
    public struct Person: Hashable, Sendable {
        /// The contact's id.
        public var id: RecordID
        /// The contact's name.
        public var name: String
    }

    /// The interaction.
    public var interaction: Interaction
    /// The contact it is with, when it has one.
    public var contact: Person?
    /// The others who were there.
    public var others: [Person]
    /// The hub's name, when it relates to one that is there.
    public var hubName: String?
    /// Whether it is deleted (or hidden with its deleted contact).
    public var isDeleted: Bool

    /// The record's id.
    public var id: RecordID { interaction.id }

    /// What a person types to name it: the first ``handleLength`` hex digits of its id.
    public var handle: String { InteractionEntry.handle(of: id) }

    /// Hex digits in a handle as lists show it (a lookup takes 4 or more).
    public static let handleLength = 8

    /// The handle of an interaction id.
    public static func handle(of id: RecordID) -> String { String(id.hex.prefix(handleLength)) }

    /// Whether `person` (or a duplicate merged into them, given in `aliases`) was among the others
    /// rather than the interaction's contact.
    public func isAmongOthers(_ aliases: Set<RecordID>) -> Bool {
        !(contact.map { aliases.contains($0.id) } ?? false) && others.contains { aliases.contains($0.id) }
    }
}
