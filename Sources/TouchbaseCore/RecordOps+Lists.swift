/// How list fields (emails, phones, URLs) are combined without dropping a value
/// (Protocol/SPEC.md §13, "Multi-valued fields").
extension RecordOps {
    /// The items in order, each once (compared case-insensitively).
    public static func uniqueItems(_ items: [String]) -> [String] { uniqueItems(items, field: nil) }

    /// Every item of every surviving value of `registers`, each once (compared case-insensitively).
    public static func listUnion(_ registers: [Register]) -> [String] { listUnion(registers, field: nil) }

    /// The items in order, each once: compared case-insensitively, and in the `phones` field by
    /// ``PhoneNumber/key(_:)`` (the same number in two formats is one; the first form is kept).
    public static func uniqueItems(_ items: [String], field: String?) -> [String] {
        var seen = Set<String>()
        if field == "phones" { return items.filter { seen.insert(PhoneNumber.key($0)).inserted } }
        return items.filter { seen.insert($0.lowercased()).inserted }
    }

    /// Every item of every surviving value of `registers`, each once, in order of first appearance:
    /// register by register, values in display order (the displayed value first, then newest first).
    /// Items compare as in ``uniqueItems(_:field:)``.
    public static func listUnion(_ registers: [Register], field: String?) -> [String] {
        uniqueItems(registers.flatMap { $0.distinctValues.flatMap { $0.value.texts ?? [] } }, field: field)
    }

    /// The survivor's puts when `duplicate` is merged into it: each list field becomes the union of
    /// every surviving value of both records' lists (the survivor's first), so no value is dropped;
    /// any other known field the survivor lacks (never written or cleared; an `unknown` voter counts as
    /// lacking), or that is in `overriding`, takes the duplicate's displayed value. `name`, `deleted`
    /// and `mergedInto` are never copied. Fields already showing the result are left alone.
    public static func mergeCopies(from duplicate: [String: Register], into survivor: [String: Register], schema: EntitySchema,
                                   overriding: Set<String> = []) -> [(field: String, value: Value)] {
        var out: [(field: String, value: Value)] = []
        for (field, type) in schema.fields where ![Merger.deletedField, Merger.mergedIntoField, "name"].contains(field) {
            let theirs = duplicate[field] ?? Register()
            let mine = survivor[field] ?? Register()
            if type == .texts {
                let combined = listUnion([mine, theirs], field: field)
                if mine.isConflict || combined != (mine.value.texts ?? []) { out.append((field, combined.isEmpty ? .null : .texts(combined))) }
                continue
            }
            guard !theirs.value.isNull, theirs.value != mine.value else { continue }
            let lacking = mine.value.isNull || (field == "voter" && mine.value == .text("unknown"))
            if lacking || overriding.contains(field) { out.append((field, theirs.value)) }
        }
        return out
    }
}
