import ArgumentParser
import Foundation
import Testing
@testable import TouchbaseCLI

/// Every command names itself in its configuration. A command without a name is named from its
/// type (`String(describing:)`), and that costs every run of the tool a search of the runtime's
/// conformance tables per command: the parser names each command of the tree to find the one typed.
@Suite struct CommandNamesTests {
    /// Each command below `command`, with the words that reach it.
    static func commands(below command: ParsableCommand.Type, path: [String] = []) -> [(path: [String], type: ParsableCommand.Type)] {
        command.configuration.subcommands.flatMap { sub -> [(path: [String], type: ParsableCommand.Type)] in
            let words = path + [sub.configuration.commandName ?? "?"]
            return [(words, sub)] + commands(below: sub, path: words)
        }
    }

    /// The command lines of the tool, as they were named from their types before they named
    /// themselves (`touchbase --experimental-dump-help`).
    static let expected = """
        init
        contact
        contact add
        contact list
        contact show
        contact edit
        contact rm
        contact restore
        contact merge
        contact bulk
        hub
        hub add
        hub list
        hub show
        hub edit
        hub rm
        hub restore
        hub join
        hub leave
        hub mix
        tag
        tag add
        tag rm
        tag list
        history
        search
        today
        touch
        reply
        meet
        debrief
        board
        pace
        prep
        cadence
        config
        reason
        reason add
        reason list
        reason rm
        dupes
        import
        import linkedin
        import csv
        import vcard
        export
        export csv
        export vcard
        export ics
        export hubs
        agenda
        sync
        conflicts
        resolve
        devices
        devices list
        devices retire
        device
        device rekey
        key
        key change
        snapshot
        opp
        opp add
        opp list
        opp show
        opp edit
        opp close
        opp rm
        opp restore
        opp link
        opp unlink
        opp history
        intro
        stats
        log
        log list
        log show
        log edit
        log rm
        log restore
        log cancel
        log reschedule
        log history
        """

    @Test func everyCommandNamesItself() {
        #expect(Touchbase.configuration.commandName == "touchbase")
        let unnamed = Self.commands(below: Touchbase.self).filter { $0.type.configuration.commandName == nil }
        #expect(unnamed.isEmpty, "\(unnamed.map { String(describing: $0.type) })")
    }

    @Test func theNamesAreTheOnesDerivedFromTheTypes() {
        let lines = Self.commands(below: Touchbase.self).map { $0.path.joined(separator: " ") }
        #expect(lines == Self.expected.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    @Test func siblingsHaveDistinctNames() {
        var groups: [ParsableCommand.Type] = [Touchbase.self]
        groups += Self.commands(below: Touchbase.self).map { $0.type }
        for group in groups {
            let names = group.configuration.subcommands.map { $0._commandName }
            #expect(Set(names).count == names.count, "\(names)")
        }
    }
}
