import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal: colour only when standard output is a terminal and `NO_COLOR` is unset.
public struct Terminal: Sendable {
    /// Whether ANSI colour is used.
    public let color: Bool
    /// Whether standard input is a terminal (commands may ask questions).
    public let interactive: Bool
    /// Whether standard error is a terminal (progress bars go there).
    public let progress: Bool

    /// Reads the environment.
    public init() {
        let env = ProcessInfo.processInfo.environment
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        color = isatty(STDOUT_FILENO) == 1 && !noColor && env["TERM"] != "dumb"
        interactive = isatty(STDIN_FILENO) == 1
        progress = isatty(STDERR_FILENO) == 1 && env["TERM"] != "dumb"
    }

    public func bold(_ s: String) -> String { style(s, "1") }
    public func dim(_ s: String) -> String { style(s, "2") }
    public func red(_ s: String) -> String { style(s, "31") }
    public func green(_ s: String) -> String { style(s, "32") }
    public func yellow(_ s: String) -> String { style(s, "33") }
    public func cyan(_ s: String) -> String { style(s, "36") }

    private func style(_ s: String, _ code: String) -> String {
        color ? TerminalText.styled(s, code) : s
    }

    /// Writes a line to standard error, cleaned like standard output (``TerminalText/clean(_:)``).
    public static func warn(_ message: String) {
        Output.warn([message])
    }
}
