/// Keeps spreadsheets from running exported text as a formula (CSV injection).
///
/// Spreadsheets treat a cell starting with `=`, `+`, `-` or `@` as a formula, and some also a cell
/// starting with a tab or carriage return; `=HYPERLINK(…)` in a contact's note would then run when
/// the export is opened. Following OWASP's advice, such a cell is written with a single quote in
/// front (`'=HYPERLINK(…)`), which spreadsheets show as text and do not display. A cell that
/// already starts with quotes followed by one of those characters gets one quote more, so
/// ``unprotect(_:)`` restores every cell exactly: `+1 555 0100` → `'+1 555 0100` → `+1 555 0100`.
public enum CSVFormulaGuard {
    /// The characters that make a spreadsheet read a cell as a formula.
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell` with a single quote in front when a spreadsheet would read it as a formula.
    public static func protect(_ cell: String) -> String {
        needsQuote(cell.unicodeScalars[...]) ? "'" + cell : cell
    }

    /// The cell as it was before ``protect(_:)``: one leading quote removed when quotes are
    /// followed by a formula character; any other cell unchanged.
    public static func unprotect(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", needsQuote(scalars.dropFirst()) else { return cell }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }

    /// Whether `scalars` is zero or more quotes followed by a trigger.
    private static func needsQuote(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        guard let first = scalars.first(where: { $0 != "'" }) else { return false }
        return triggers.contains(first)
    }
}
