import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase cadence`: how often to keep in touch.
    struct Cadence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cadence",
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
            do { value = try WorkflowLimits.cadence(parsing: days) } catch is WorkspaceError {
                let range = WorkflowLimits.cadenceDays
                throw ValidationError("days must be a whole number from \(range.lowerBound) to \(range.upperBound), or off; not \"\(days)\"")
            }
            let ctx = try CLIContext(home)
            let target: CadenceTarget
            do {
                target = try ctx.kit.cadenceTarget(named: self.target, as: tag ? .tag : contact ? .contact : nil)
            } catch let e as WorkspaceError where e.code == .ambiguousTarget {
                let name = try e.detail.flatMap(RecordID.init(hex:)).flatMap { try ctx.store.record("contact", id: $0) }?.displayName ?? self.target
                throw ValidationError("\"\(self.target)\" is both a tag and a contact (\(name)); add --tag or --contact")
            }
            let r = try ctx.kit.setCadence(CadenceSetting(target: target, days: value))
            switch r.target {
            case .tag:
                print(value.map { "Everyone tagged \(r.name): keep in touch every \(WorkflowSupport.days($0))." } ?? "Tag \(r.name) has no cadence now.")
            case .contact:
                guard let value, let due = r.nextDue else { print("\(r.name) has no cadence of their own now."); return }
                print("\(r.name): keep in touch every \(WorkflowSupport.days(value)); next due \(due).")
            }
        }
    }

    /// `touchbase config`: the synced settings.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
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
            if let key { try Workspace.checkSettingKey(key, value: value) }
            if reset && (key == nil || value != nil) { throw ValidationError("--reset takes a key and no value") }
            let ctx = try CLIContext(home)
            if let key, let value {
                try ctx.kit.setSetting(key, to: value)
            } else if let key, reset {
                try ctx.kit.resetSetting(key)
            }
            let rows = try ctx.kit.settings(key: key)
            if output.json {
                try JSONOutput.emit(rows.map(SettingJSON.init))
                return
            }
            let w = rows.map(\.key.count).max() ?? 10
            for r in rows {
                let mark = r.isSet ? "" : ctx.terminal.dim(" (default)")
                print(r.key.padded(to: w) + "  " + r.value + mark + ctx.terminal.dim("   " + WorkflowText.settingHelp(r.key)))
            }
        }
    }
}
