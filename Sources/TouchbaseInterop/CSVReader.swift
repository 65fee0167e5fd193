/// An RFC 4180 CSV reader that keeps physical line numbers.
///
/// Handles quoted fields holding delimiters, doubled quotes (`""`) and line breaks; CRLF, LF or
/// lone-CR line ends; a UTF-8 byte order mark; and a missing or extra final line break.
/// Physically empty lines between records produce no record. Two liberties are taken with
/// sloppy files: a `"` inside an unquoted field is kept literally, and text right after a
/// closing quote is appended to the field. A quoted field that never closes is an error.
public enum CSVReader {
    /// The records of `text`, in order.
    /// - Parameter delimiter: the field separator, an ASCII character (`,` by default).
    /// - Throws: ``InteropError/unterminatedQuote(line:)`` naming the line where the open
    ///   quote starts, or ``InteropError/binaryContent(line:)`` for NUL characters.
    public static func records(in text: String, delimiter: Character = ",") throws(InteropError) -> [CSVRecord] {
        let text = try InteropText.prepare(text)
        precondition(delimiter.isASCII, "CSV delimiter must be ASCII")
        var parser = Parser(bytes: Array(text.utf8), delimiter: delimiter.asciiValue!)
        return try parser.run()
    }

    /// The records of a piece of a file that starts on physical line `line` and holds whole
    /// records (see ``CSVRecordStream``), and the line after it.
    static func records(utf8 bytes: [UInt8], line: Int, delimiter: UInt8) throws(InteropError) -> (records: [CSVRecord], nextLine: Int) {
        var parser = Parser(bytes: bytes, delimiter: delimiter)
        parser.line = line
        let records = try parser.run()
        return (records, parser.line)
    }

    private struct Parser {
        let bytes: [UInt8]
        let delimiter: UInt8
        var index = 0
        var line = 1
        var records: [CSVRecord] = []

        static let quote = UInt8(ascii: "\"")
        static let cr: UInt8 = 0x0D
        static let lf: UInt8 = 0x0A

        init(bytes: [UInt8], delimiter: UInt8) {
            self.bytes = bytes
            self.delimiter = delimiter
        }

        /// Consumes a line break at `index` if there is one (CRLF counts once).
        mutating func consumeLineBreak() -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == Self.lf {
                index += 1
            } else if bytes[index] == Self.cr {
                index += 1
                if index < bytes.count, bytes[index] == Self.lf { index += 1 }
            } else {
                return false
            }
            line += 1
            return true
        }

        mutating func run() throws(InteropError) -> [CSVRecord] {
            while index < bytes.count {
                if consumeLineBreak() { continue } // an empty physical line: no record
                let start = line
                var fields: [String] = []
                while true {
                    fields.append(try field())
                    if index < bytes.count, bytes[index] == delimiter {
                        index += 1
                        continue
                    }
                    _ = consumeLineBreak()
                    break
                }
                records.append(CSVRecord(fields: fields, line: start))
            }
            return records
        }

        /// Reads one field, leaving `index` on the delimiter, line break or end.
        mutating func field() throws(InteropError) -> String {
            var out: [UInt8] = []
            if index < bytes.count, bytes[index] == Self.quote {
                let openLine = line
                index += 1
                var closed = false
                while index < bytes.count {
                    let b = bytes[index]
                    if b == Self.quote {
                        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                            out.append(Self.quote)
                            index += 2
                        } else {
                            index += 1
                            closed = true
                            break
                        }
                    } else if b == Self.cr || b == Self.lf {
                        _ = consumeLineBreak()
                        out.append(Self.lf)
                    } else {
                        out.append(b)
                        index += 1
                    }
                }
                guard closed else { throw .unterminatedQuote(line: openLine) }
            }
            while index < bytes.count {
                let b = bytes[index]
                if b == delimiter || b == Self.cr || b == Self.lf { break }
                out.append(b)
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
