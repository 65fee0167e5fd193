import ArgumentParser
import Foundation

extension Touchbase {
    /// Runs the command line: parse errors print the usage of the command that was typed; input
    /// found wrong while running (an unknown stage, a malformed date) prints just the message, with
    /// the usage exit status (64); any other failure prints its message and exits with 1.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
            exit()
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }
}
