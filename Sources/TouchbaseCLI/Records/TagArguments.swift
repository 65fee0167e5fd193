import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// `RECORD TAG… [--hub]`: what `tag add` and `tag rm` work on.
struct TagArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The contact (or hub): id, unique id prefix or name.", valueName: "record"))
    var record: String

    @Argument(help: ArgumentHelp("One or more tags.", valueName: "tag"))
    var tags: [String]

    @OptionGroup var target: TagTargetOptions

    func validate() throws {
        if tags.isEmpty { throw ValidationError("give at least one tag") }
    }

    /// The record, found by id, id prefix or name.
    func find(in kit: Workspace) throws -> (id: RecordID, name: String) {
        try target.find(record, in: kit)
    }
}
