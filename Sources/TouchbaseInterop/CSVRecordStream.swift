import Foundation

/// Reads CSV records from a file a bounded piece at a time, with the same rules and line numbers
/// as ``CSVReader`` reading the whole text.
///
/// The bytes are cut only where a record ends (a line break outside quotes, a CRLF never split),
/// and each piece goes through ``CSVReader``'s parser; memory holds one piece, never the file.
/// A UTF-8 byte order mark is dropped; UTF-16 files (rare, small) are decoded whole first. NUL
/// bytes and invalid UTF-8 are reported with their line, as ``InteropText`` does.
struct CSVRecordStream {
    /// Where the bytes come from.
    private enum Source {
        case file(FileHandle)
        case memory
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }

    private var source: Source
    private var buffer: [UInt8] = []
    /// How far `buffer` has been scanned for record ends.
    private var scanned = 0
    private var state = State.fieldStart
    private var atEnd = false
    private var line = 1
    private let delimiter: UInt8 = UInt8(ascii: ",")
    /// How many bytes are read from the file at once.
    private var readSize = 1 << 20

    /// A stream over the file at `path`.
    /// - Throws: ``InteropError/unreadableFile(path:reason:)``, or the ``InteropText`` errors for a
    ///   UTF-16 file that does not decode.
    init(path: String, readSize: Int = 1 << 20) throws(InteropError) {
        self.readSize = max(1, readSize)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: Self.reason(path))
        }
        self.source = .file(handle)
        var head = try read(path: path)
        while head.count < 3 && !atEnd { head += try read(path: path) }  // enough to see a byte order mark
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) {
            var whole = head
            while case .file = source, let more = try? readMore(), !more.isEmpty { whole += more }
            try? handle.close()
            source = .memory
            buffer = Array(try InteropText.decode(whole).utf8)
            atEnd = true
        } else {
            buffer = head
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
        }
    }

    /// A stream over text already in memory.
    init(text: String) throws(InteropError) {
        source = .memory
        buffer = Array(try InteropText.prepare(text).utf8)
        atEnd = true
    }

    private mutating func read(path: String) throws(InteropError) -> [UInt8] {
        do { return try readMore() } catch { throw .unreadableFile(path: path, reason: Self.reason(path)) }
    }

    private mutating func readMore() throws -> [UInt8] {
        guard case .file(let handle) = source else { return [] }
        let data = try handle.read(upToCount: readSize) ?? Data()
        if data.isEmpty {
            try? handle.close()
            source = .memory
            atEnd = true
        }
        return [UInt8](data)
    }

    private static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file or directory" }
        if isDirectory.boolValue { return "it is a directory" }
        return "permission denied"
    }

    /// The next records, up to about `limit` of them (blank lines included); `nil` at the end.
    mutating func next(limit: Int) throws(InteropError) -> [CSVRecord]? {
        var ends = 0
        var cut = 0
        while true {
            while scanned < buffer.count && ends < limit {
                let b = buffer[scanned]
                switch state {
                case .fieldStart, .unquoted, .quoteInQuoted:
                    if state == .quoteInQuoted && b == Self.quote { state = .quoted; break }
                    if b == delimiter { state = .fieldStart } else if b == Self.lf { state = .fieldStart; ends += 1; cut = scanned + 1 } else if b == Self.cr {
                        state = .afterCR
                    } else if state == .fieldStart && b == Self.quote { state = .quoted } else { state = .unquoted }
                case .quoted:
                    if b == Self.quote { state = .quoteInQuoted }
                case .afterCR:
                    state = .fieldStart
                    ends += 1
                    if b == Self.lf { cut = scanned + 1 } else {
                        cut = scanned
                        continue  // this byte starts the next record
                    }
                }
                scanned += 1
            }
            if ends >= limit { break }
            if atEnd {
                if state == .afterCR { ends += 1 }
                cut = buffer.count
                break
            }
            do {
                buffer += try readMore()
            } catch {
                throw .unreadableFile(path: "", reason: "\(error.localizedDescription)")
            }
        }
        guard cut > 0 else { return nil }
        let piece = Array(buffer[..<cut])
        buffer.removeFirst(cut)
        scanned -= cut
        if let nul = piece.firstIndex(of: 0) {
            throw .binaryContent(line: line - 1 + InteropText.lineNumber(ofOffset: nul, in: piece))
        }
        if let bad = InteropText.firstInvalidUTF8Offset(piece) {
            throw .invalidUTF8(line: line - 1 + InteropText.lineNumber(ofOffset: bad, in: piece))
        }
        let (records, nextLine) = try CSVReader.records(utf8: piece, line: line, delimiter: delimiter)
        line = nextLine
        return records
    }

    static let quote = UInt8(ascii: "\"")
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
}
