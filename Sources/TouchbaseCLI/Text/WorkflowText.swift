import TouchbaseKit

/// The terminal's words for the kit's workflow reasons and settings.
enum WorkflowText {
    /// Why the plan picked a contact: `swing voter`, `ask and offer`, `unused reason`.
    static func why(_ reason: PickReason) -> String {
        switch reason {
        case .swingVoter: return "swing voter"
        case .askAndOffer: return "ask and offer"
        case .unusedReason: return "unused reason"
        }
    }

    /// A pace warning, in a line.
    static func warning(_ warning: PaceWarning) -> String {
        switch warning {
        case .mostlyConnecting: return "mostly connecting: prep is under 40 % — plan, research and write before the next touches"
        case .mostlyPrepping: return "mostly prepping: prep is over 60 % — time to reach out"
        }
    }

    /// Why contacts look like duplicates: `same email ada@example.com`, `similar names`.
    static func duplicate(_ reason: DuplicateReason) -> String {
        switch reason {
        case .sameEmail(let email): return "same email \(email)"
        case .samePhone(let phone): return "same phone \(phone)"
        case .sameLinkedIn: return "same LinkedIn profile"
        case .similarNames: return "similar names"
        }
    }

    /// What a setting means, for `touchbase config`.
    static func settingHelp(_ key: String) -> String {
        switch key {
        case WorkflowSettings.targetKey: return "new touches a day"
        case WorkflowSettings.pendingDaysKey: return "days without an answer before an outreach is stale"
        case WorkflowSettings.mixDaysKey: return "days of recent touches that `hub mix` counts"
        default:
            let kind = key.hasPrefix(WorkflowSettings.minutesPrefix) ? String(key.dropFirst(WorkflowSettings.minutesPrefix.count)) : key
            return "connect minutes of \(kind == "informational" || kind == "event" ? "an" : "a") \(kind) without --minutes"
        }
    }

    /// `malformed date "x": use …` for a date the kit could not read.
    static func malformedDate(_ text: String, allowYearless: Bool) -> String {
        "malformed date \"\(text)\": use YYYY-MM-DD\(allowYearless ? ", --MM-DD" : ""), today, tomorrow, yesterday, or +N days (+3d, +2w)"
    }

    /// `malformed time "x": use HH:MM …`.
    static func malformedTime(_ text: String) -> String { "malformed time \"\(text)\": use HH:MM, e.g. 09:30 or 14:00" }

    /// `--minutes must be between 0 and 1440, not n`.
    static func minutesOutOfRange(_ n: Int, _ range: ClosedRange<Int>) -> String {
        "--minutes must be between \(range.lowerBound) and \(range.upperBound), not \(n)"
    }
}
