import Foundation

/// Reads import files from disk into text for the parsers (the parsers themselves do no I/O).
public enum InteropFiles {
    /// One file's text, with the path it came from.
    public struct TextFile: Hashable, Sendable {
        /// The file's path.
        public var path: String
        /// Its text, decoded by ``InteropText``.
        public var text: String

        /// Creates a file record.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// The text of the file at `path`.
    /// - Throws: ``InteropError/unreadableFile(path:reason:)`` when it cannot be read, or the
    ///   ``InteropText`` errors when it is binary or not UTF-8.
    public static func readText(atPath path: String) throws(InteropError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: reason(for: path, error))
        }
        return try InteropText.decode(data)
    }

    /// The `.vcf` / `.vcard` files directly inside `directory`, sorted by name, with their text.
    /// - Throws: ``InteropError/unreadableFile(path:reason:)`` when the directory or a file cannot
    ///   be read, or the ``InteropText`` errors for a binary file.
    public static func readVCardDirectory(atPath directory: String) throws(InteropError) -> [TextFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableFile(path: directory, reason: reason(for: directory, error, wantDirectory: true))
        }
        let base = URL(fileURLWithPath: directory)
        var files: [TextFile] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let ext = (name as NSString).pathExtension.lowercased()
            guard ext == "vcf" || ext == "vcard" else { continue }
            let path = base.appendingPathComponent(name).path
            files.append(TextFile(path: path, text: try readText(atPath: path)))
        }
        return files
    }

    /// A short cause for a failed read.
    private static func reason(for path: String, _ error: any Error, wantDirectory: Bool = false) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such file or directory"
        }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        if isDirectory.boolValue != wantDirectory { return wantDirectory ? "not a directory" : "it is a directory" }
        return (error as NSError).localizedDescription
    }
}
