import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact merge DUPLICATE --into SURVIVOR`: one person, two records → one.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a duplicate contact into the one that stays.",
            discussion: """
                The duplicate's interactions, tags and hubs show under the survivor from then on. Fields the \
                survivor lacks are copied from the duplicate (emails, phones and URLs are combined), in the \
                same edit.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The duplicate, which disappears into the survivor: id, id prefix or name.", valueName: "duplicate"))
        var duplicate: String

        @Option(help: ArgumentHelp("The contact that stays: id, id prefix or name.", valueName: "survivor"))
        var into: String

        func run() throws {
            let ctx = try CLIContext(home)
            let dup = try ctx.store.find("contact", duplicate)
            let survivor = try ctx.store.find("contact", into)
            guard dup.id != survivor.id else {
                throw RecordCommandError("\(RecordText.named(dup)) and \"\(into)\" are the same contact")
            }
            let copied = Merge.fieldsToCopy(from: dup, into: survivor)
            try ctx.store.commit(RecordOps.merge("contact", from: dup.id, into: survivor.id) + RecordOps.put("contact", survivor.id, copied))
            let note = copied.isEmpty ? "" : "; copied \(copied.map { RecordText.label($0.0) }.joined(separator: ", "))"
            print("Merged \(RecordText.named(dup)) into \(RecordText.named(survivor))\(note).")
        }

        /// The survivor's puts: lists combined, and every other field the survivor lacks (an `unknown`
        /// voter counts as lacking) taken from the duplicate.
        static func fieldsToCopy(from dup: Record, into survivor: Record) -> [(String, Value?)] {
            var out: [(String, Value?)] = []
            for (field, type) in Schema.contact.fields where ![Merger.deletedField, Merger.mergedIntoField, "name"].contains(field) {
                guard let theirs = dup.values[field] else { continue }
                let mine = survivor.values[field]
                if type == .texts {
                    let combined = FieldValues.unique((mine?.texts ?? []) + (theirs.texts ?? []))
                    if combined != (mine?.texts ?? []) { out.append((field, .texts(combined))) }
                } else if mine == nil || (field == "voter" && mine == .text("unknown") && theirs != .text("unknown")) {
                    out.append((field, theirs))
                }
            }
            return out
        }
    }
}
