import Testing
@testable import TouchbaseInterop

@Suite("Matching helpers")
struct NormalizationTests {
    @Test(arguments: [
        ("https://www.linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("https://www.linkedin.com/in/jane-doe/", "https://www.linkedin.com/in/jane-doe"),
        ("http://LinkedIn.com/in/Jane-Doe?trk=people-guest", "https://www.linkedin.com/in/jane-doe"),
        ("www.linkedin.com/in/jane-doe/en#top", "https://www.linkedin.com/in/jane-doe"),
        ("  https://uk.linkedin.com/in/jane-doe/details/experience/ ", "https://www.linkedin.com/in/jane-doe"),
        ("HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE", "https://www.linkedin.com/in/jane-doe"),
        ("https://www.linkedin.com/in/j%c3%bcrgen", "https://www.linkedin.com/in/j%C3%BCrgen"),
        ("https://www.linkedin.com/in/jürgen", "https://www.linkedin.com/in/j%C3%BCrgen"),
        ("https://m.linkedin.com:443/in/jane", "https://www.linkedin.com/in/jane"),
    ])
    func linkedInProfiles(input: String, expected: String) {
        #expect(LinkedInURL.normalize(input) == expected)
        #expect(ContactCard.normalizeLinkedInURL(input) == expected)
    }

    @Test(arguments: [
        "", "https://www.linkedin.com/company/acme", "https://www.linkedin.com/in/", "https://notlinkedin.com/in/jane",
        "https://linkedin.com.evil.example/in/jane", "ftp://www.linkedin.com/in/jane", "https://www.linkedin.com/pub/jane/1/2/3",
        "jane-doe",
    ])
    func notProfiles(input: String) {
        #expect(LinkedInURL.normalize(input) == nil)
    }

    @Test func emailsAndPhones() {
        let card = ContactCard(
            name: "X", emails: [" Ada@Example.COM ", "ada@example.com", "", "mailto:b@x.example"],
            phones: ["+1 (555) 010-0199", "tel:+1-555-010-0199", "555.010.0199", "n/a"])
        #expect(card.normalizedEmails == ["ada@example.com", "b@x.example"])
        #expect(card.normalizedPhones == ["+15550100199", "5550100199"])
    }

    @Test func recordIDs() {
        #expect(TouchbaseID.normalize("0123456789ABCDEF0123456789abcdef") == "0123456789abcdef0123456789abcdef")
        #expect(TouchbaseID.normalize("urn:uuid:01234567-89ab-cdef-0123-456789abcdef") == "0123456789abcdef0123456789abcdef")
        #expect(TouchbaseID.normalize("0123-456789abcdef0123456789abcdef") == nil)
        #expect(TouchbaseID.normalize("0123456789abcdef0123456789abcdeg") == nil)
        #expect(TouchbaseID.uuidString("0123456789abcdef0123456789abcdef") == "01234567-89ab-cdef-0123-456789abcdef")
    }
}
