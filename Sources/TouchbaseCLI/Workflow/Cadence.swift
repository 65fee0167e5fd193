import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase {
    /// `touchbase cadence`: how often to keep in touch.
    struct Cadence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set how often to keep in touch with a contact, or with everyone carrying a tag.",
            discussion: """
                Next due = last interaction + cadence; logging any interaction restarts it. A contact's \
                own cadence wins over its tags'; with several tags, the shortest applies. \
                Use `off` (or 0) to clear. When a name is both a tag and a contact, say which with \
                --tag or --contact.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("A contact, or a tag.", valueName: "contact|tag"))
        var target: String

        @Argument(help: ArgumentHelp("Every how many days (1–3650), or off.", valueName: "days"))
        var days: String

        @Flag(name: .long, help: "The target is a tag.")
        var tag = false

        @Flag(name: .long, help: "The target is a contact.")
        var contact = false

        func run() throws {
            if tag && contact { throw ValidationError("--tag and --contact exclude each other") }
            let value: Int?
            switch days.lowercased() {
            case "off", "none", "0": value = nil
            default:
                guard let n = Int(days), (1...3650).contains(n) else { throw ValidationError("days must be a whole number from 1 to 3650, or off; not \"\(days)\"") }
                value = n
            }
            let ctx = try CLIContext(home)
            let tagID = Schema.tagID(target)
            let tagRecord = try ctx.store.record("tag", id: tagID).flatMap { $0.deleted ? nil : $0 }
            if !contact, let tagRecord {
                if !tag, let person = try? ctx.store.find("contact", target), person.displayName.lowercased() == Schema.normalizeTag(target) {
                    throw ValidationError("\"\(target)\" is both a tag and a contact (\(person.displayName)); add --tag or --contact")
                }
                try ctx.store.commit(WorkflowOps.cadence(entity: "tag", tagRecord.id, days: value))
                print(value.map { "Everyone tagged \(tagRecord.displayName): keep in touch every \(WorkflowSupport.days($0))." }
                      ?? "Tag \(tagRecord.displayName) has no cadence now.")
                return
            }
            if tag { throw StoreError.notFound(entity: "tag", query: target) }
            let person = try WorkflowSupport.contact(target, in: ctx)
            try ctx.store.commit(WorkflowOps.cadence(entity: "contact", person.id, days: value))
            guard let value else { print("\(person.displayName) has no cadence of their own now."); return }
            let last = try ctx.store.todayInput(today: ctx.today).contacts[person.id]?.lastInteraction
            let due = last.map { $0.adding(days: value) } ?? ctx.today
            print("\(person.displayName): keep in touch every \(WorkflowSupport.days(value)); next due \(due).")
        }
    }

    /// `touchbase config`: the synced settings.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change the synced settings (daily target, pending days, minutes per kind).",
            discussion: """
                `touchbase config` lists every setting; `touchbase config KEY` shows one; \
                `touchbase config KEY VALUE` sets it on every device (it syncs); --reset goes back to the default.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The setting, e.g. daily-target, pending-days, minutes.meeting.", valueName: "key"))
        var key: String?

        @Argument(help: ArgumentHelp("Its new value.", valueName: "value"))
        var value: String?

        @Flag(name: .long, help: "Reset the setting to its default.")
        var reset = false

        func run() throws {
            if let key, WorkflowSettings.known.first(where: { $0.key == key }) == nil { throw WorkflowError.unknownSetting(key) }
            if let key, let value { _ = try WorkflowSettings.validate(key: key, value: value) }
            if reset && (key == nil || value != nil) { throw ValidationError("--reset takes a key and no value") }
            let ctx = try CLIContext(home)
            if let key, let value {
                try ctx.store.setSetting(key, value, today: ctx.today)
            } else if let key, reset {
                try ctx.store.setSetting(key, nil, today: ctx.today)
            }
            let stored = try ctx.store.settingValues()
            let settings = WorkflowSettings(values: stored)
            func effective(_ k: String, _ d: String) -> String {
                if k == WorkflowSettings.targetKey { return String(settings.targets.current) }
                return stored[k].flatMap { (try? WorkflowSettings.validate(key: k, value: $0)) } ?? d
            }
            let rows = WorkflowSettings.known.filter { key == nil || $0.key == key }
            if output.json {
                JSONOutput.print(rows.map { r -> [String: Any] in
                    ["key": r.key, "value": effective(r.key, r.defaultValue), "default": r.defaultValue, "set": stored[r.key] != nil, "help": r.help]
                })
                return
            }
            let w = rows.map(\.key.count).max() ?? 10
            for r in rows {
                let v = effective(r.key, r.defaultValue)
                let mark = stored[r.key] != nil ? "" : ctx.terminal.dim(" (default)")
                print(r.key.padded(to: w) + "  " + v + mark + ctx.terminal.dim("   " + r.help))
            }
        }
    }
}
