import ArgumentParser
import Foundation

extension Touchbase {
    /// Runs the command line: parse errors print the usage of the command that was typed; a command
    /// word that names no command says so and prints the usage of the commands there are; input
    /// found wrong while running (an unknown stage, a malformed date) prints just the message, with
    /// the usage exit status (64); a refusal (nothing matches, the method or the data says no)
    /// prints its message and exits with 1. `help` on an unknown command prints the top-level help
    /// with a note and succeeds. Every
    /// message is cleaned like the rest of the output (``TerminalText/clean(_:)``): an error that
    /// quotes a name or a file cannot drive the terminal.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        let typed = arguments ?? Array(CommandLine.arguments.dropFirst())
        if let unknown = UnknownCommand.unknownHelpTopic(in: typed) {
            let note = "There is no command \"\((unknown.path + [unknown.word]).joined(separator: " "))\"; here is the help of touchbase."
            print(TextBlock([note, ""] + Touchbase.helpMessage(columns: nil).components(separatedBy: "\n")))
            exit()
        }
        if let unknown = UnknownCommand.find(in: typed) {
            Output.warn(unknown.message.components(separatedBy: "\n"))
            exit(withError: ExitCode.validationFailure)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            fail(error)
        }
        do {
            try command.run()
            exit()
        } catch let error as ValidationError {
            Output.warn(("Error: " + error.message).components(separatedBy: "\n"))
            exit(withError: ExitCode.validationFailure)
        } catch {
            fail(error)
        }
    }

    /// Prints the error's message, cleaned line by line, and exits with its status. Help and
    /// version requests (the tool's own text, on standard output) go through unchanged. A kit
    /// error is worded by the terminal (``ErrorText``), not by its own description.
    private static func fail(_ error: any Error) -> Never {
        if exitCode(for: error) == .success { exit(withError: error) }
        let message = fullMessage(for: ErrorText.worded(error))
        if !message.isEmpty { Output.warn(message.components(separatedBy: "\n")) }
        exit(withError: exitCode(for: error))
    }
}
