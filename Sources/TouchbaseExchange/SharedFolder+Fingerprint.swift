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

    /// Parses ``description``; nil when malformed. Works on the UTF-8 bytes: a sync parses one per
    /// file of the folder.
    public init?(_ text: Substring) {
        let utf8 = text.utf8
        var parts: [Substring.UTF8View] = []
        parts.reserveCapacity(4)
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            if utf8[i] == UInt8(ascii: ":") {
                parts.append(utf8[start..<i])
                guard parts.count < 4 else { return nil }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        parts.append(utf8[start..<utf8.endIndex])
        guard parts.count == 4, let size = Self.number(parts[0]), let magnitude = Self.number(parts[1].first == UInt8(ascii: "-") ? parts[1].dropFirst() : parts[1]),
              let inode = Self.number(parts[2]), parts[3].count % 2 == 0, parts[3].count <= 64 else { return nil }
        let modified: Int64
        if parts[1].first == UInt8(ascii: "-") {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            modified = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        } else {
            guard let m = Int64(exactly: magnitude) else { return nil }
            modified = m
        }
        var tail: [UInt8] = []
        tail.reserveCapacity(parts[3].count / 2)
        var high: UInt8?
        for c in parts[3] {
            guard let v = Self.hexValue(c) else { return nil }
            if let h = high {
                tail.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        self.init(size: size, modified: modified, inode: inode, tail: tail)
    }

    /// Lines `<path> <fingerprint>`, as a sync keeps its notes of files, by path; a malformed line
    /// is left out.
    public static func table(_ text: String) -> [String: FileFingerprint] {
        var out: [String: FileFingerprint] = [:]
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let parts = line.split(separator: UInt8(ascii: " "))
            guard parts.count == 2, let print = FileFingerprint(Substring(parts[1])) else { continue }
            out[String(Substring(parts[0]))] = print
        }
        return out
    }

    /// A decimal number of ASCII digits only; nil when empty, not digits, or past `UInt64.max`.
    private static func number(_ digits: Substring.UTF8View) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var n: UInt64 = 0
        for c in digits {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            let (times, o1) = n.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            n = sum
        }
        return n
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
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
