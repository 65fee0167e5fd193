import ArgumentParser
import TouchbaseKit

/// A command line whose command word names no command (`touchbase tuch Ben`,
/// `touchbase contacts list`, `touchbase contact lst`): found before parsing, so that the person is
/// told the word is unknown and shown the commands there are, rather than the usage of the default
/// command.
struct UnknownCommand {
    /// The words typed before the unknown one (`["contact"]` for `touchbase contact lst`).
    var path: [String]
    /// The unknown word.
    var word: String
    /// The command the unknown word stands in for.
    var parent: ParsableCommand.Type
    /// The nearest command names, nearest first.
    var suggestions: [String]

    /// The unknown command word of `arguments`, `nil` when every command word is known (the
    /// parser then judges the rest). A word is checked where a subcommand must come: first on the
    /// line (the default command takes no words), and after a command group without a default.
    static func find(in arguments: [String], root: ParsableCommand.Type = Touchbase.self) -> UnknownCommand? {
        var command = root
        var path: [String] = []
        for word in arguments {
            if word.hasPrefix("-") { return nil }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { names(of: $0).contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            if word == "help" { return nil }
            if command != root, command.configuration.defaultSubcommand != nil { return nil }
            let known = subcommands.flatMap(names(of:))
            return UnknownCommand(path: path, word: word, parent: command, suggestions: nearest(word, among: known))
        }
        return nil
    }

    /// The command a `help` request names, `nil` when it names one that exists or is not a help
    /// request (`touchbase help nosuch` → `nosuch`).
    static func unknownHelpTopic(in arguments: [String]) -> UnknownCommand? {
        guard arguments.first == "help", arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
        return find(in: Array(arguments.dropFirst()))
    }

    /// The command name and its aliases.
    static func names(of command: ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    /// Names within a couple of typing slips of `word`, nearest first.
    static func nearest(_ word: String, among names: [String]) -> [String] {
        let typed = Array(word.lowercased())
        let allowed = typed.count <= 3 ? 1 : 2
        let scored = names.map { ($0, DuplicateFinder.editDistance(typed, Array($0), limit: allowed)) }
            .filter { $0.1 <= allowed || ($0.0.hasPrefix(word.lowercased()) && word.count >= 2) || word.lowercased() == $0.0 + "s" }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0).prefix(3).map { $0 }
    }

    /// `touchbase contact`, the command line that the word follows.
    var commandLine: String { (["touchbase"] + path).joined(separator: " ") }

    /// The message: what is unknown, the nearest names, then the usage of the command it follows.
    var message: String {
        var lines = ["Error: \(commandLine) has no command \"\(word)\"."]
        if !suggestions.isEmpty {
            lines.append("Did you mean " + suggestions.map { "`\(commandLine) \($0)`" }.joined(separator: " or ") + "?")
        }
        lines.append("")
        lines.append(parent.helpMessage(columns: nil))
        return lines.joined(separator: "\n")
    }
}
