import Foundation

/// A one-line progress bar on standard error, shown only on a terminal and only for long work.
///
/// Fed from the kit's sync thread, one update after another, and finished by the command's thread
/// after the sync returned: never used from two threads at once.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var shown = false
    private let start = Date()

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws the bar; nothing appears during the first half second.
    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(start) > 0.5 || shown else { return }
        shown = true
        let width = 30
        let filled = min(width, done * width / total)
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar.
    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 60) + "\r").utf8))
    }
}
