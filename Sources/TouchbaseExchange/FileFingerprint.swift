#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells one version of a file from another without opening it: its size, its modification
/// and status-change times and its inode, as one `stat` gives them (Protocol/SPEC.md §3.4,
/// "Content, not names"), with the time it was observed.
///
/// A write in place moves the modification time (a tool can set that back) and the status-change
/// time (which no tool can set); a file replaced under its name is a new inode. What a note cannot
/// see is a write landing within the file system's timestamp granularity of the note: so a note
/// taken while the file's times were within ``racyWindow`` of the moment it was observed never
/// vouches for the file (``vouches(for:)``); the file is read again, and noted again later.
public struct FileFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The file's size in bytes.
    public var size: UInt64
    /// Its modification time, in nanoseconds since 1970.
    public var modified: Int64
    /// Its status-change time (`ctime`), in nanoseconds since 1970.
    public var changed: Int64
    /// Its inode number.
    public var inode: UInt64
    /// When it was observed (this machine's clock, nanoseconds since 1970), at or before the `stat`.
    public var observed: Int64

    /// How close to the moment of observation a file's times may be before its note stops vouching
    /// for it: two seconds, the coarsest timestamp granularity of common file systems (FAT), and
    /// room for a small difference between this machine's clock and a network file system's.
    public static let racyWindow: Int64 = 2_000_000_000

    /// Creates a fingerprint.
    public init(size: UInt64, modified: Int64, changed: Int64, inode: UInt64, observed: Int64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.observed = observed
    }

    /// The fingerprint of a `stat` taken at or after `observed`.
    init(_ st: stat, observed: Int64) {
        #if canImport(Darwin)
        let m = st.st_mtimespec, c = st.st_ctimespec
        #else
        let m = st.st_mtim, c = st.st_ctim
        #endif
        self.init(size: UInt64(max(0, st.st_size)),
                  modified: Int64(m.tv_sec) &* 1_000_000_000 &+ Int64(m.tv_nsec),
                  changed: Int64(c.tv_sec) &* 1_000_000_000 &+ Int64(c.tv_nsec),
                  inode: UInt64(st.st_ino), observed: observed)
    }

    /// This machine's clock in nanoseconds since 1970, for ``observed``.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec)
    }

    /// Whether the file's times were within ``racyWindow`` of (or after) the moment it was observed:
    /// a write that follows within the same timestamp tick would leave every field as it is.
    public var isRacy: Bool {
        let (limit, overflow) = observed.subtractingReportingOverflow(Self.racyWindow)
        return overflow || max(modified, changed) >= limit
    }

    /// Whether both fingerprints show the same version of a file: the same size, times and inode,
    /// whenever each was observed.
    public func isSameVersion(as other: FileFingerprint) -> Bool {
        size == other.size && modified == other.modified && changed == other.changed && inode == other.inode
    }

    /// Whether this note, taken when the file's content was checked, still stands for the file
    /// whose fingerprint is now `current`: the same size, times and inode, and a note that was not
    /// racy (``isRacy``).
    public func vouches(for current: FileFingerprint) -> Bool {
        isSameVersion(as: current) && !isRacy
    }

    /// `<size>:<modified>:<changed>:<inode>:<observed>`.
    public var description: String { "\(size):\(modified):\(changed):\(inode):\(observed)" }

    /// Parses ``description``; nil when malformed (notes in an older form included: the file is
    /// then read again). Works on the UTF-8 bytes: a sync parses one per file of the folder.
    public init?(_ text: Substring) {
        // Fields 0 (size) and 3 (inode) are unsigned; 1, 2 and 4 (times) signed.
        var magnitudes: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var times: (Int64, Int64, Int64) = (0, 0, 0)
        var field = 0, value: UInt64 = 0, negative = false, digits = 0
        func finish() -> Bool {
            guard digits > 0 else { return false }
            switch field {
            case 0: magnitudes.0 = value
            case 3: magnitudes.3 = value
            default:
                guard let t = Self.signed(value, negative: negative) else { return false }
                if field == 1 { times.0 = t } else if field == 2 { times.1 = t } else { times.2 = t }
            }
            return true
        }
        for c in text.utf8 {
            if c == UInt8(ascii: ":") {
                guard field < 4, finish() else { return nil }
                field += 1
                (value, negative, digits) = (0, false, 0)
            } else if c == UInt8(ascii: "-") {
                guard digits == 0, !negative, field != 0, field != 3 else { return nil }
                negative = true
            } else {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                value = sum
                digits += 1
            }
        }
        guard field == 4, finish() else { return nil }
        self.init(size: magnitudes.0, modified: times.0, changed: times.1, inode: magnitudes.3, observed: times.2)
    }

    /// Lines `<path> <fingerprint>`, as a sync keeps its notes of files, by path; a malformed line
    /// is left out.
    public static func table(_ text: String) -> [String: FileFingerprint] {
        var out: [String: FileFingerprint] = [:]
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")),
                  let print = FileFingerprint(Substring(line[line.index(after: space)...])),
                  space > line.startIndex else { continue }
            out[String(Substring(line[..<space]))] = print
        }
        return out
    }

    /// The text of ``table(_:)``: one line per path, in path order.
    public static func text(_ table: [String: FileFingerprint]) -> String {
        table.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n")
    }

    /// A magnitude and sign as Int64; nil past its range.
    private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return Int64(exactly: magnitude)
    }
}
