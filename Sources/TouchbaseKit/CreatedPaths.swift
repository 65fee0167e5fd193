import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files and directories a workspace creation made, so that a failed creation removes
/// exactly those and nothing that was there before.
struct CreatedPaths {
    /// Directories created, the outermost first.
    private(set) var directories: [String] = []
    /// Files that did not exist before (removed on failure when they exist then).
    private var files: [String] = []

    /// Creates `directory` and its missing parents, noting each one made; makes `directory` 0700
    /// when it is its user's and not a sticky shared one (like `/tmp`).
    mutating func makeDirectory(_ directory: URL) throws {
        var missing: [String] = []
        var path = directory.standardizedFileURL.path
        while !path.isEmpty, path != "/", !FileManager.default.fileExists(atPath: path) {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        for p in missing.reversed() {
            try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: false)
            directories.append(p)
        }
        Self.makePrivate(directory.path)
    }

    /// Notes files that will be created unless they exist now.
    mutating func expect(_ paths: [String]) {
        files += paths.filter { !FileManager.default.fileExists(atPath: $0) }
    }

    /// Removes what was created, files first, then directories innermost first (only when empty).
    func removeAll() {
        for f in files { try? FileManager.default.removeItem(atPath: f) }
        for d in directories.reversed() { rmdir(d) }
    }

    /// Makes a directory of this user `0700`, leaving sticky shared directories alone.
    static func makePrivate(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, st.st_uid == geteuid(),
              st.st_mode & S_ISVTX == 0, st.st_mode & 0o077 != 0 else { return }
        _ = chmod(path, st.st_mode & 0o700)
    }
}
