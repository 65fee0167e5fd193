/// The puts behind common edits, built in one place so every client writes them the same way.
public enum RecordOps {
    /// Puts for a new or updated record: one put per field, `nil` values skipped.
    public static func put(_ entity: String, _ id: RecordID, _ fields: [(String, Value?)]) -> [Op] {
        fields.compactMap { f in f.1.map { Op(entity: entity, record: id, field: f.0, value: $0) } }
    }

    /// Marks a record deleted. Its interactions stay in the log, hidden with it.
    public static func delete(_ entity: String, _ id: RecordID) -> [Op] {
        [Op(entity: entity, record: id, field: Merger.deletedField, value: .bool(true))]
    }

    /// Restores a deleted record (also resolves a delete-vs-edit conflict in favour of keeping it).
    public static func restore(_ entity: String, _ id: RecordID) -> [Op] {
        [Op(entity: entity, record: id, field: Merger.deletedField, value: .bool(false))]
    }

    /// Merges duplicate `from` into `into`: reads of `from` lead to `into` from now on.
    public static func merge(_ entity: String, from: RecordID, into: RecordID) -> [Op] {
        [Op(entity: entity, record: from, field: Merger.mergedIntoField, value: .ref(into))]
    }

    /// Undoes a merge (or breaks a merge cycle at `id`).
    public static func unmerge(_ entity: String, _ id: RecordID) -> [Op] {
        [Op(entity: entity, record: id, field: Merger.mergedIntoField, value: .null)]
    }

    /// Tags a record (a contact or a hub) with `name`; the tag and the tagging have derived ids, so
    /// the same tag added on two devices offline is one tag.
    public static func tag(_ target: RecordID, _ name: String) -> [Op] {
        let tag = Schema.tagID(name)
        let tagging = Schema.taggingID(target: target, tag: tag)
        return [
            Op(entity: "tag", record: tag, field: "name", value: .text(Schema.normalizeTag(name))),
            Op(entity: "tagging", record: tagging, field: "target", value: .ref(target)),
            Op(entity: "tagging", record: tagging, field: "tag", value: .ref(tag)),
            Op(entity: "tagging", record: tagging, field: Merger.deletedField, value: .bool(false)),
        ]
    }

    /// Removes a tag from a record.
    public static func untag(_ target: RecordID, _ name: String) -> [Op] {
        delete("tagging", Schema.taggingID(target: target, tag: Schema.tagID(name)))
    }

    /// Makes a contact a member of a hub (derived id: one membership per pair).
    public static func join(contact: RecordID, hub: RecordID, role: String? = nil) -> [Op] {
        let id = Schema.membershipID(contact: contact, hub: hub)
        return put("membership", id, [("contact", .ref(contact)), ("hub", .ref(hub)), ("role", role.map(Value.text)),
                                      (Merger.deletedField, .bool(false))])
    }

    /// Ends a contact's membership of a hub.
    public static func leave(contact: RecordID, hub: RecordID) -> [Op] {
        delete("membership", Schema.membershipID(contact: contact, hub: hub))
    }
}
