import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal settings to put back if a signal arrives while echo is off (read by the handler).
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var savedTerminalFD: Int32 = -1

/// Restores the terminal, then lets the signal do what it would have done.
private func restoreTerminalAndReraise(_ sig: Int32) {
    if savedTerminalFD >= 0 { tcsetattr(savedTerminalFD, TCSANOW, &savedTerminal) }
    signal(sig, SIG_DFL)
    raise(sig)
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Reads a secret from the terminal without echoing it.
///
/// Echo is turned off with termios for the one line read, and turned back on afterwards, also when
/// the process is interrupted (SIGINT, SIGTERM, SIGHUP, SIGQUIT) meanwhile. The prompt goes to
/// standard error; the secret is never printed.
enum SecretPrompt {
    /// Signals after which the terminal is restored.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Prompts on standard error and reads one line from `fd` with echo off.
    ///
    /// - returns: the line without its newline; nil when `fd` is not a terminal or at end of input.
    static func ask(_ prompt: String, fd: Int32 = STDIN_FILENO) -> String? {
        guard isatty(fd) == 1 else { return nil }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        savedTerminal = original
        savedTerminalFD = fd
        let previous = signals.map { signal($0, restoreTerminalAndReraise) }
        // Echo goes off (discarding what was typed before the prompt) before the prompt appears, so
        // an answer typed right after it is neither echoed nor discarded.
        tcsetattr(fd, TCSAFLUSH, &quiet)
        FileHandle.standardError.write(Data(prompt.utf8))
        defer {
            tcsetattr(fd, TCSADRAIN, &original)
            savedTerminalFD = -1
            for (s, handler) in zip(signals, previous) { signal(s, handler) }
        }
        return readLine(fd)
    }

    /// Reads bytes up to a newline (not included) or the end of input, unbuffered.
    static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = systemRead(fd, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
