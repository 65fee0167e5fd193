/// Hand-written vCard files. Line numbers in the tests refer to the physical lines.
enum VCardFixture {
    /// vCard 3.0 as macOS Contacts writes it: `itemN.` groups with `X-ABLabel`, `type=` params,
    /// escaped `\,` `\:` `\n`, a folded NOTE (space and tab continuations), a date-time BDAY,
    /// an Apple UID, `X-SOCIALPROFILE`; a second card without FN; a quoted-printable card.
    /// Served with CRLF line ends by ``apple30``.
    static let apple30LF = #"""
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.4//EN
N:Hamilton;Margaret;Heafield;;
FN:Margaret Hamilton
ORG:MIT Instrumentation Laboratory;Software Engineering Division;
TITLE:Director of Software Engineering
EMAIL;type=INTERNET;type=WORK;type=pref:margaret@mit.example
EMAIL;type=INTERNET;type=HOME:MH@Home.example
TEL;type=CELL;type=VOICE;type=pref:+1 (617) 555-0199
TEL;type=WORK;type=VOICE:617-555-0142
item1.URL;type=pref:https://www.linkedin.com/in/margaret-hamilton/
item1.X-ABLabel:LinkedIn
item2.URL:http\://apollo.example/guidance
item2.X-ABLabel:_$!<HomePage>!$_
item3.ADR;type=HOME;type=pref:;;1 Main St;Cambridge;MA;02139;USA
item3.X-ABADR:us
NOTE:Wrote the Apollo guidance software\, and led the team.\nAsk about: pri
 ority displays\; error recovery. Offer: intro to the
	 lunar module folks.
BDAY:1936-08-17T00:00:00Z
CATEGORIES:Mentors,Space\, Aerospace
UID:6F1E2E2A-7F5D-4C1B-9A63-2A5B0D1E7C44:ABPerson
X-SOCIALPROFILE;type=linkedin;x-user=margaret-hamilton:http://www.linkedin.com/in/margaret-hamilton
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA
 QTFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQ==
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Shaw;Mary;;Dr.;
EMAIL;TYPE="INTERNET,WORK":mary.shaw@cmu.example
BDAY:--0412
X-TOUCHBASE-STAGE:pending
X-TOUCHBASE-CADENCE:30
END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller
NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Erste Zeile=0D=0AZweite Zeile, sehr lang und =
geht hier weiter
TEL;CELL:+49 30 1234567
BDAY:19800229
END:VCARD
"""#

    /// ``apple30LF`` with CRLF line ends.
    static let apple30 = apple30LF.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"

    /// vCard 4.0 (RFC 6350 style): `urn:uuid:` UID, PID and VALUE params, a `tel:` URI, quoted
    /// parameter values holding `:` `;` `,`, a year-less BDAY, LinkedIn as X-SOCIALPROFILE,
    /// and our X-TOUCHBASE properties.
    static let rfc40 = #"""
BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
FN;PID=1.1:J. Doe
N:Doe;J.;;;
EMAIL;PID=1.1;TYPE=work:jdoe@example.com
TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-5555
ORG:Example.com Inc.
TITLE:Imaginary test person
BDAY:--04-12
ADR;TYPE=work;LABEL="123 Main St: Suite 4; Springfield, IL":;;123 Main Street;Springfield;IL;62701;USA
CATEGORIES:Friends,Prospects
CATEGORIES:friends
X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/jdoe
NOTE:Met at the "Open Source" meetup
X-TOUCHBASE-ASK:Intro to the platform team
X-TOUCHBASE-OFFER:Review their conference talk
X-TOUCHBASE-VOTER:swing
X-TOUCHBASE-SOURCE:Meetup
X-TOUCHBASE-HUBS:Open Source Berlin,Rust Meetup
END:VCARD

"""#
}
