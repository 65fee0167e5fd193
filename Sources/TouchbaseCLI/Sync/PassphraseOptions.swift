import ArgumentParser
import Foundation
import TouchbaseKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the folder passphrase comes from: `--passphrase-file`, else `TOUCHBASE_PASSPHRASE`, else
/// a prompt without echo when standard input is a terminal. It never comes from an argument, and
/// the tool never writes or prints it.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"),
            help: ArgumentHelp("Read the folder passphrase from the first line of this file (keep it private: chmod 600).",
                               valueName: "path"))
    var passphraseFile: String?

    /// The passphrase when one is needed; nil when none is available (no file, no environment
    /// variable, no terminal).
    ///
    /// - parameter confirm: on a terminal, ask twice (a new passphrase).
    func passphrase(prompt: String = "Folder passphrase: ", confirm: Bool = false) throws -> String? {
        try PassphraseOptions.resolve(file: passphraseFile, variable: "TOUCHBASE_PASSPHRASE", prompt: prompt, confirm: confirm)
    }

    /// The passphrase the kit asks for: the folder's, or a new one (asked twice on a terminal).
    func passphrase(for request: PassphraseRequest) throws -> String? {
        switch request {
        case .current: return try passphrase()
        case .new: return try passphrase(prompt: "New folder passphrase: ", confirm: true)
        }
    }

    /// The first source that has a passphrase: the file, the environment variable, the terminal.
    static func resolve(file: String?, variable: String, prompt: String, confirm: Bool) throws -> String? {
        if let file { return try read(file: file) }
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        guard let first = SecretPrompt.ask(prompt), !first.isEmpty else {
            throw PassphraseError("no passphrase was entered")
        }
        if confirm {
            guard SecretPrompt.ask("Again: ") == first else { throw PassphraseError("the two passphrases differ; nothing was changed") }
        }
        return first
    }

    /// The first line of a passphrase file, its newline removed. Warns when other users may read it.
    static func read(file path: String) throws -> String {
        let expanded = (path as NSString).expandingTildeInPath
        var st = stat()
        guard stat(expanded, &st) == 0 else {
            throw PassphraseError("cannot read the passphrase file \(path): \(String(cString: strerror(errno)))")
        }
        guard st.st_mode & S_IFMT == S_IFREG else { throw PassphraseError("the passphrase file \(path) is not a regular file") }
        guard st.st_size <= 64 * 1024, let data = FileManager.default.contents(atPath: expanded) else {
            throw PassphraseError("cannot read the passphrase file \(path)")
        }
        if st.st_mode & 0o077 != 0 {
            Terminal.warn("warning: the passphrase file \(path) can be read by other users; make it private with chmod 600")
        }
        var line = data.prefix { $0 != UInt8(ascii: "\n") }
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        guard !line.isEmpty else { throw PassphraseError("the passphrase file \(path) is empty") }
        guard let text = String(data: Data(line), encoding: .utf8) else {
            throw PassphraseError("the passphrase file \(path) is not UTF-8 text")
        }
        return text
    }
}

/// `--new-passphrase-file` for `key change`.
struct NewPassphraseOptions: ParsableArguments {
    @Option(name: .customLong("new-passphrase-file"),
            help: ArgumentHelp("Read the new passphrase from the first line of this file (else TOUCHBASE_NEW_PASSPHRASE, else asked twice on the terminal).",
                               valueName: "path"))
    var newPassphraseFile: String?

    func passphrase() throws -> String? {
        try PassphraseOptions.resolve(file: newPassphraseFile, variable: "TOUCHBASE_NEW_PASSPHRASE",
                                      prompt: "New folder passphrase: ", confirm: true)
    }
}

/// A passphrase that could not be obtained.
struct PassphraseError: Error, LocalizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
