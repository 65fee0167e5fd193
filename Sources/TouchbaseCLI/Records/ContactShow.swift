import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact show CONTACT`: every field, tags, hubs, open conflicts, recent interactions.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a contact: fields, tags, hubs, open conflicts and recent interactions.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.store.find("contact", contact)
            let tags = try ctx.store.tagNames(of: c.id, entity: "contact")
            let memberships = try ctx.store.memberships(ofContact: c.id)
            let conflicts = try RecordDetails.conflicts(of: c.id, ctx.store)
            let interactions = try ctx.store.recentInteractions(ofContact: c.id, limit: 5)
            let devices = try ctx.store.deviceNames()
            let name = RecordDetails.namer(ctx.store)

            if output.json {
                var o = JSONOutput.record(c)
                o["tags"] = tags
                o["memberships"] = memberships.map { m -> [String: Any] in
                    ["hub": m.hub.id.hex, "hubName": m.hub.displayName, "role": m.role ?? NSNull()]
                }
                o["conflicts"] = conflicts.map { RecordDetails.json($0, devices: devices) }
                o["interactions"] = interactions.map(JSONOutput.record)
                JSONOutput.print(o)
                return
            }
            print(ctx.terminal.bold(c.displayName) + "  " + ctx.terminal.dim(c.id.hex))
            var lines = RecordDetails.fieldLines(c, Schema.contact, name: name)
            if !tags.isEmpty { lines.append(("tags", tags.joined(separator: ", "))) }
            if !memberships.isEmpty {
                lines.append(("hubs", memberships.map { m in m.role.map { "\(m.hub.displayName) (\($0))" } ?? m.hub.displayName }.joined(separator: ", ")))
            }
            RecordDetails.printAligned(lines, ctx.terminal)
            if !conflicts.isEmpty {
                print(ctx.terminal.red("Conflicts") + ctx.terminal.dim(" (an edit that sees both values resolves one)"))
                for conflict in conflicts { print("  " + RecordDetails.line(conflict, devices: devices, name: name)) }
            }
            if !interactions.isEmpty {
                print(ctx.terminal.bold("Recent interactions"))
                for i in interactions { print("  " + Show.summary(i)) }
            }
        }

        /// `2026-03-01  meeting out  planned  coffee: "want to see my site?"`.
        static func summary(_ i: Record) -> String {
            var parts = [i["date"].date?.description ?? "(no date)"]
            parts.append([i.text("kind"), i.text("direction")].compactMap { $0 }.joined(separator: " "))
            if let status = i.text("status"), status != "done" { parts.append(status) }
            if let what = i.text("reason") ?? i.text("learned") ?? i.text("nextStep") ?? i.text("outcome") ?? i.text("channel") {
                parts.append(TextTable.clip(what, 60))
            }
            return parts.filter { !$0.isEmpty }.joined(separator: "  ")
        }
    }
}
