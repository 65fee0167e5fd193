import Foundation

/// A CSV header row, with lookups by column name (case- and spacing-insensitive).
struct CSVColumns: Sendable {
    /// The normalized column names (see `headerKey`), in file order.
    let keys: [String]
    /// Column name to the index of its first occurrence.
    private let indexByKey: [String: Int]
    /// Whether values lose the quote ``CSVFormulaGuard`` put in front of formula-like cells.
    private(set) var unprotectsFormulas = false

    init(_ header: [String]) {
        keys = header.map { $0.trimmingWhitespace().headerKey }
        var map: [String: Int] = [:]
        for (i, key) in keys.enumerated() where map[key] == nil { map[key] = i }
        indexByKey = map
    }

    /// The same columns, with values read back through ``CSVFormulaGuard/unprotect(_:)`` (for
    /// Touchbase's own exports).
    func unprotectingFormulas() -> CSVColumns {
        var copy = self
        copy.unprotectsFormulas = true
        return copy
    }

    /// Whether the header has a column named `name`.
    func has(_ name: String) -> Bool { indexByKey[name.headerKey] != nil }

    /// The index of column `name`, if present.
    func index(of name: String) -> Int? { indexByKey[name.headerKey] }

    /// The trimmed, non-blank value of column `name` in `record`, or `nil`.
    func value(_ name: String, in record: CSVRecord) -> String? {
        guard let i = indexByKey[name.headerKey] else { return nil }
        return value(at: i, in: record)
    }

    /// The trimmed, non-blank value at column `index` in `record`, or `nil`.
    func value(at index: Int, in record: CSVRecord) -> String? {
        guard index < record.fields.count else { return nil }
        let raw = record.fields[index]
        return (unprotectsFormulas ? CSVFormulaGuard.unprotect(raw) : raw).nonBlank
    }

    /// Columns named `<prefix> N - <suffix>` (e.g. `E-mail 2 - Value`), ordered by N.
    func numbered(prefix: String, suffix: String) -> [Int] {
        let head = prefix.headerKey + " "
        let tail = " - " + suffix.headerKey
        var found: [(n: Int, index: Int)] = []
        for (i, key) in keys.enumerated() where key.hasPrefix(head) && key.hasSuffix(tail) {
            let middle = key.dropFirst(head.count).dropLast(tail.count)
            if let n = Int(middle), n >= 0 { found.append((n, i)) }
        }
        return found.sorted { $0.n < $1.n }.map(\.index)
    }

    /// The numbers N of columns named `<prefix> N - …` (e.g. `Address 2 - City`), ascending.
    func groupNumbers(prefix: String) -> [Int] {
        let head = prefix.headerKey + " "
        var numbers = Set<Int>()
        for key in keys where key.hasPrefix(head) {
            let rest = key.dropFirst(head.count)
            guard let dash = rest.range(of: " - "), let n = Int(rest[..<dash.lowerBound]) else { continue }
            numbers.insert(n)
        }
        return numbers.sorted()
    }

    /// Of `required`, the names the header lacks.
    func missing(_ required: [String]) -> [String] {
        required.filter { !has($0) }
    }

    /// A skip reason when `record` has non-empty fields beyond the header, else `nil`.
    func overflowReason(_ record: CSVRecord) -> String? {
        guard record.fields.count > keys.count else { return nil }
        let extra = record.fields[keys.count...].filter { $0.nonBlank != nil }
        guard !extra.isEmpty else { return nil }
        return "the row has \(record.fields.count) fields but the header has \(keys.count) (an unquoted comma?)"
    }
}
