#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// A failed system call: which one, and errno.
struct SystemCallError: Error, CustomStringConvertible {
    var operation: String
    var code: Int32

    var description: String {
        "\(operation): \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// A step of writing a file, where tests can inject a failure (an errno) to prove that a failed
/// write leaves nothing under a real name.
enum WriteStep: String, Sendable {
    case makeDirectory, create, write, fsync, install, fsyncDirectory
    /// Not a write: listing a folder below the root during a scan (a test fails it to stand for
    /// an unreadable device folder, which `chmod 000` cannot make for root).
    case listDirectory
    /// Not a write: reading a file of the folder (a test counts the files a sync reads).
    case readFile
}

/// A hook that returns an errno to fail a step with, or nil to let it run.
typealias FaultInjector = @Sendable (WriteStep, String) -> Int32?

/// The kind of a directory entry, read without following symbolic links.
enum EntryType: Equatable {
    case regular(size: Int64, modified: Int)
    case directory
    case symlink
    case other
}

/// One entry of a directory listing.
struct ListedEntry {
    var name: String
    var type: EntryType
    /// For a regular file: its fingerprint as listed.
    var print: FileFingerprint?
}

/// Thin wrappers over the POSIX calls the shared folder needs. Every path below the folder root is
/// opened one component at a time, relative to its parent's descriptor, with `O_NOFOLLOW`, so no
/// name in the folder can lead outside it.
enum FileSystem {
    static let directoryFlags: Int32 = O_RDONLY | O_DIRECTORY | O_CLOEXEC

    static func fail(_ operation: String, _ code: Int32 = errno) -> SystemCallError {
        SystemCallError(operation: operation, code: code)
    }

    /// Opens the folder root (which may itself be a symbolic link chosen by the user).
    static func openRoot(_ path: String) throws -> Int32 {
        let fd = open(path, directoryFlags)
        guard fd >= 0 else { throw fail("open \(path)") }
        return fd
    }

    /// Opens a subdirectory without following a symbolic link.
    static func openDirectory(_ parent: Int32, _ name: String) throws -> Int32 {
        let fd = openat(parent, name, directoryFlags | O_NOFOLLOW)
        guard fd >= 0 else { throw fail("open \(name)") }
        return fd
    }

    /// Opens (creating if needed) a subdirectory; fsyncs the parent after creating it. A new
    /// directory gets exactly `mode` (whatever the umask).
    static func makeDirectory(_ parent: Int32, _ name: String, mode: mode_t = 0o700, faults: FaultInjector?) throws -> Int32 {
        var created = false
        if let e = faults?(.makeDirectory, name) { throw fail("mkdir \(name)", e) }
        if mkdirat(parent, name, mode) == 0 {
            created = true
        } else if errno != EEXIST {
            throw fail("mkdir \(name)")
        }
        let fd = try openDirectory(parent, name)
        if created {
            // Through the descriptor (no name is followed). The umask may have taken bits away
            // from a group-shared mode; file systems without permissions (FAT) refuse, harmlessly.
            _ = fchmod(fd, mode)
            do { try syncDirectory(parent, faults: faults) } catch { close(fd); throw error }
        }
        return fd
    }

    /// Lists a directory's entries (without `.` and `..`), each with its type read by `lstat`.
    static func list(_ dir: Int32) throws -> [(name: String, type: EntryType)] {
        try entries(dir, observed: 0).map { ($0.name, $0.type) }
    }

    /// Lists a directory's entries (without `.` and `..`), each with its type and, for a regular
    /// file, its fingerprint, from one `lstat` each, observed at `observed` or later.
    static func entries(_ dir: Int32, observed: Int64) throws -> [ListedEntry] {
        let copy = dup(dir)
        guard copy >= 0 else { throw fail("dup") }
        guard let stream = fdopendir(copy) else {
            close(copy)
            throw fail("opendir")
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var out: [ListedEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw fail("readdir") }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
                out.append(ListedEntry(name: name, type: .other, print: nil))
                continue
            }
            let type = type(st)
            out.append(ListedEntry(name: name, type: type, print: st.st_mode & S_IFMT == S_IFREG ? FileFingerprint(st, observed: observed) : nil))
        }
        return out
    }

    static func type(_ dir: Int32, _ name: String) -> EntryType {
        var st = stat()
        guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
        return type(st)
    }

    static func type(_ st: stat) -> EntryType {
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            #if canImport(Darwin)
            let modified = Int(st.st_mtimespec.tv_sec)
            #else
            let modified = Int(st.st_mtim.tv_sec)
            #endif
            return .regular(size: Int64(st.st_size), modified: modified)
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Reads a regular file whole. `nil` when it does not exist.
    ///
    /// - throws: ``ExchangeError/tooLarge`` when the file is bigger than `maxSize` (nothing is read);
    ///   ``SystemCallError`` otherwise.
    static func read(_ dir: Int32, _ name: String, maxSize: UInt64) throws -> [UInt8]? {
        // O_NONBLOCK: a hostile FIFO under a file name must not block the reader (fstat rejects it).
        let fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw fail("open \(name)")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("stat \(name)") }
        guard st.st_mode & S_IFMT == S_IFREG else { throw fail("open \(name)", EISDIR) }
        guard UInt64(st.st_size) <= maxSize else {
            throw ExchangeError(.tooLarge, "file of \(st.st_size) bytes, limit \(maxSize)")
        }
        // Read to the end, never past maxSize, even if the file grows while we read.
        var out = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var count = 0
        while true {
            if count == out.count {
                guard UInt64(count) <= maxSize else { throw ExchangeError(.tooLarge, "file grew past \(maxSize) bytes") }
                out.append(contentsOf: repeatElement(0, count: min(out.count, Int(maxSize) + 1 - count)))
            }
            let n = out.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("read \(name)")
            }
            if n == 0 { break }
            count += n
        }
        out.removeSubrange(count...)
        return out
    }

    /// Creates `name` exclusively with exactly `mode` (whatever the umask), writes `bytes`, fsyncs
    /// and closes it. On failure the file is removed.
    static func writeNew(_ dir: Int32, _ name: String, _ bytes: [UInt8], mode: mode_t = 0o600, faults: FaultInjector?) throws {
        if let e = faults?(.create, name) { throw fail("create \(name)", e) }
        let fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw fail("create \(name)") }
        var ok = false
        defer {
            if !ok { close(fd); unlinkat(dir, name, 0) }
        }
        // The umask may have taken bits away from a group-shared mode; file systems without
        // permissions (FAT) refuse, which is harmless.
        _ = fchmod(fd, mode)
        var written = 0
        while written < bytes.count {
            if let e = faults?(.write, name) { throw fail("write \(name)", e) }
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("write \(name)")
            }
            written += n
        }
        if let e = faults?(.fsync, name) { throw fail("fsync \(name)", e) }
        guard fsync(fd) == 0 else { throw fail("fsync \(name)") }
        ok = true
        guard close(fd) == 0 else {
            unlinkat(dir, name, 0)
            throw fail("close \(name)")
        }
    }

    /// fsyncs a directory so a rename or a new entry in it survives a crash. File systems that cannot
    /// fsync a directory (EINVAL, ENOTSUP) are tolerated.
    static func syncDirectory(_ dir: Int32, faults: FaultInjector?) throws {
        if let e = faults?(.fsyncDirectory, "") { throw fail("fsync directory", e) }
        if fsync(dir) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EOPNOTSUPP {
            throw fail("fsync directory")
        }
    }

    /// Moves `temporary` to `name`, replacing it.
    static func replace(_ dir: Int32, _ temporary: String, _ name: String, faults: FaultInjector?) throws {
        if let e = faults?(.install, name) { throw fail("rename \(temporary) to \(name)", e) }
        guard renameat(dir, temporary, dir, name) == 0 else { throw fail("rename \(temporary) to \(name)") }
    }

    /// Gives `temporary` the name `name` only if `name` does not exist yet. Returns false when it
    /// exists. Uses `linkat`, atomic where hard links work; elsewhere (FAT, some network file systems)
    /// falls back to check-then-rename, safe because only one device ever writes its own names.
    static func installNew(_ dir: Int32, _ temporary: String, _ name: String, faults: FaultInjector?) throws -> Bool {
        if let e = faults?(.install, name) { throw fail("link \(temporary) to \(name)", e) }
        if linkat(dir, temporary, dir, name, 0) == 0 {
            unlinkat(dir, temporary, 0)
            return true
        }
        switch errno {
        case EEXIST:
            return false
        case EPERM, ENOTSUP, EOPNOTSUPP, EMLINK, ENOSYS, EXDEV:
            var st = stat()
            if fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 { return false }
            guard renameat(dir, temporary, dir, name) == 0 else { throw fail("rename \(temporary) to \(name)") }
            return true
        default:
            throw fail("link \(temporary) to \(name)")
        }
    }

    static func remove(_ dir: Int32, _ name: String) throws {
        guard unlinkat(dir, name, 0) == 0 else { throw fail("unlink \(name)") }
    }
}
