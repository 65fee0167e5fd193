import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// Dates typed by the user, read by the kit's ``DateParser`` and refused in the terminal's words.
public enum DateInput {
    /// Parses a date relative to `today` (see ``DateParser/date(_:today:allowYearless:)``).
    ///
    /// - throws: `ValidationError` naming the accepted forms.
    public static func parse(_ text: String, today: CalendarDate, allowYearless: Bool = false) throws -> CalendarDate {
        do {
            return try DateParser.date(text, today: today, allowYearless: allowYearless)
        } catch is WorkspaceError {
            throw ValidationError(WorkflowText.malformedDate(text, allowYearless: allowYearless))
        }
    }
}
