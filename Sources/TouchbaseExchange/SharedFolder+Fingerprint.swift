#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

/// What tells one version of a file from another without reading it whole: its size, its
/// modification time and inode (a file written again or replaced gets new ones), and its last 32
/// bytes (the checksum over everything before it, §4.3), so a sync tool that swaps the content
/// under the same name, even keeping the time, is seen.
public struct FileFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The file's size in bytes.
    public var size: UInt64
    /// Its modification time, in nanoseconds since 1970.
    public var modified: Int64
    /// Its inode number.
    public var inode: UInt64
    /// Its last 32 bytes (fewer for a shorter file).
    public var tail: [UInt8]

    /// Creates a fingerprint.
    public init(size: UInt64, modified: Int64, inode: UInt64, tail: [UInt8]) {
        self.size = size
        self.modified = modified
        self.inode = inode
        self.tail = tail
    }

    /// `<size>:<modified>:<inode>:<tail in hex>`.
    public var description: String {
        let digits = Array("0123456789abcdef")
        return "\(size):\(modified):\(inode):" + String(tail.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// Parses ``description``; nil when malformed.
    public init?(_ text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, let size = UInt64(parts[0]), let modified = Int64(parts[1]), let inode = UInt64(parts[2]),
              parts[3].utf8.count % 2 == 0, parts[3].utf8.count <= 64 else { return nil }
        var tail: [UInt8] = []
        var i = parts[3].startIndex
        while i < parts[3].endIndex {
            let j = parts[3].index(i, offsetBy: 2)
            guard let b = UInt8(parts[3][i..<j], radix: 16) else { return nil }
            tail.append(b)
            i = j
        }
        self.init(size: size, modified: modified, inode: inode, tail: tail)
    }
}

extension SharedFolder {
    /// The fingerprints of changes files, the authors' own or relays (one directory open per folder, then per file
    /// one open, one stat and one 32-byte read). A file that is absent, not a regular file or
    /// unreadable has none.
    ///
    /// - throws: ``ExchangeError`` `readFailed` when the folder itself cannot be opened.
    public func fingerprints(_ entries: [ChangeFileEntry]) throws -> [ChangeFileEntry: FileFingerprint] {
        var out: [ChangeFileEntry: FileFingerprint] = [:]
        for (dirs, group) in Dictionary(grouping: entries, by: { FolderEntry.changes($0).components.directories }) {
            var fd = try openRoot()
            defer { close(fd) }
            var found = true
            for d in dirs {
                guard let next = try? FileSystem.openDirectory(fd, d) else { found = false; break }
                close(fd)
                fd = next
            }
            guard found else { continue }
            for entry in group {
                if let print = Self.fingerprint(fd, entry.fileName) { out[entry] = print }
            }
        }
        return out
    }

    /// The fingerprint of one changes file; nil when it is absent or cannot be read.
    public func fingerprint(_ entry: ChangeFileEntry) throws -> FileFingerprint? {
        try fingerprints([entry])[entry]
    }

    static func fingerprint(_ dir: Int32, _ name: String) -> FileFingerprint? {
        let file = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var st = stat()
        guard fstat(file, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = UInt64(max(0, st.st_size))
        let count = Int(min(size, 32))
        var tail = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = tail.withUnsafeMutableBytes { pread(file, $0.baseAddress! + done, count - done, off_t(size) - off_t(count) + off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        #if canImport(Darwin)
        let modified = Int64(st.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec)
        #endif
        return FileFingerprint(size: size, modified: modified, inode: UInt64(st.st_ino), tail: tail)
    }
}
