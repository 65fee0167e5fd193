import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Log {
    /// `touchbase log rm HANDLE`: delete an interaction logged by mistake.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Delete an interaction (`touchbase log restore` brings it back).",
            discussion: """
                If another device edited it at the same time, it stays visible with a delete-vs-edit \
                conflict (`touchbase conflicts`).
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The interaction's handle (from `touchbase log`).", valueName: "handle"))
        var handle: String

        func run() throws {
            let ctx = try CLIContext(home)
            let e = try LogSupport.entry(handle, in: ctx)
            try ctx.kit.removeInteraction(e.id)
            print("Deleted the \(InteractionText.kind(e.interaction.kind)) \(e.handle) of \(e.interaction.date?.description ?? "no date")"
                  + (e.contact.map { " with \($0.name)" } ?? "") + "; `touchbase log restore \(e.handle)` brings it back.")
        }
    }

    /// `touchbase log restore HANDLE`: bring back a deleted interaction.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a deleted interaction (`touchbase log --deleted` lists them).",
            discussion: "Also resolves a delete-vs-edit conflict on it by keeping it.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The deleted interaction's handle.", valueName: "handle"))
        var handle: String

        func run() throws {
            let ctx = try CLIContext(home)
            let e = try LogSupport.entry(handle, in: ctx, includeDeleted: true)
            do {
                try ctx.kit.restoreInteraction(e.id)
            } catch let error as WorkspaceError where error.code == .notDeleted {
                throw RecordCommandError("the interaction \(e.handle) is not deleted")
            }
            print("Restored the \(InteractionText.kind(e.interaction.kind)) \(e.handle) of \(e.interaction.date?.description ?? "no date")"
                  + (e.contact.map { " with \($0.name)" } ?? "") + ".")
        }
    }
}
