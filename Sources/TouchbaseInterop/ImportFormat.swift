/// The file formats this module reads.
public enum ImportFormat: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).
    case linkedInCSV = "linkedin-csv"
    /// Google Contacts CSV export, current header (`First Name`, `Labels`, `E-mail 1 - Value` …).
    case googleCSV = "google-csv"
    /// Google Contacts CSV export, legacy header (`Given Name`, `Group Membership` …).
    case googleLegacyCSV = "google-legacy-csv"
    /// Outlook / Outlook.com contacts CSV export.
    case outlookCSV = "outlook-csv"
    /// Touchbase's own CSV export (see ``TouchbaseCSV``).
    case touchbaseCSV = "touchbase-csv"
    /// vCard 2.1, 3.0 or 4.0 (`.vcf`).
    case vCard = "vcard"

    /// A name for messages, e.g. "LinkedIn Connections CSV".
    public var description: String {
        switch self {
        case .linkedInCSV: "LinkedIn Connections CSV"
        case .googleCSV: "Google Contacts CSV"
        case .googleLegacyCSV: "Google Contacts CSV (legacy)"
        case .outlookCSV: "Outlook CSV"
        case .touchbaseCSV: "Touchbase CSV"
        case .vCard: "vCard"
        }
    }
}
