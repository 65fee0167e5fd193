/// The ranges the method allows for numbers a person types: minutes, cadences, windows of days.
public enum WorkflowLimits {
    /// Connect minutes of one interaction: 0 to one day.
    public static let minutes = 0...1440
    /// Minutes of one prep record: 1 to one day.
    public static let prepMinutes = 1...1440
    /// A keep-in-touch cadence, in days.
    public static let cadenceDays = 1...3650
    /// A window of days looked back on (the hub mix).
    public static let windowDays = 1...3650
    /// How far from today a touch (back) or a planned meeting (ahead) may lie before the outcome
    /// says its day looks distant (it is still written).
    public static let distantDays = 365

    /// `value` when it lies in `range`.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` naming `field` and the range.
    public static func check(_ value: Int, in range: ClosedRange<Int>, field: String) throws -> Int {
        guard range.contains(value) else {
            throw WorkspaceError(.outOfRange, field: field, detail: "\(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// Connect minutes typed for an interaction, `nil` when none were given.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `minutes`) outside ``minutes``.
    public static func minutes(_ value: Int?) throws -> Int? {
        try value.map { try check($0, in: minutes, field: "minutes") }
    }

    /// A cadence typed as a number of days, or `off` / `none` / `0` to clear it (`nil`).
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `days`) for anything else.
    public static func cadence(parsing text: String) throws -> Int? {
        switch text.lowercased() {
        case "off", "none", "0": return nil
        default:
            guard let n = Int(text), cadenceDays.contains(n) else {
                throw WorkspaceError(.outOfRange, field: "days", detail: "\(cadenceDays.lowerBound)...\(cadenceDays.upperBound) or off")
            }
            return n
        }
    }
}
