import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the database and its companion files readable by their owner only (`0600`).
///
/// SQLite gives the `-wal` and `-shm` files the permissions of the database file, so the database
/// is created `0600` before SQLite opens it; files left looser by older versions are tightened on
/// every open.
enum StoreFiles {
    /// The mode of every file of the database.
    static let fileMode: mode_t = 0o600

    /// The database and the files SQLite keeps beside it.
    static func companions(of path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    /// Creates the database file empty with mode `0600` when it does not exist yet (SQLite then
    /// writes into it), and gives existing database files mode `0600`.
    static func secure(_ path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        if fd >= 0 { close(fd) }
        tighten(path)
    }

    /// The temporary name under which process `pid` writes an empty `-wal` for the database at `path`
    /// (see `Store.prepareEmptyWAL`).
    static func logTemporary(of path: String, pid: pid_t) -> String { path + "-wal.\(pid).tmp" }

    /// Removes the temporaries of empty `-wal` files that processes which no longer run left beside
    /// the database at `path` (a process killed between writing one and removing it). The temporary
    /// of a process that still runs, and every other file, is left alone.
    static func removeStaleLogTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + "-wal.", suffix = ".tmp"
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(digits),
                  pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            _ = unlink(logTemporary(of: path, pid: pid))
        }
    }

    /// Gives the database and its companion files that exist mode `0600` (group and other bits
    /// removed), without following symbolic links.
    static func tighten(_ path: String) {
        for file in companions(of: path) {
            var st = stat()
            guard lstat(file, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_mode & 0o077 != 0 else { continue }
            _ = chmod(file, st.st_mode & 0o700)
        }
    }
}
