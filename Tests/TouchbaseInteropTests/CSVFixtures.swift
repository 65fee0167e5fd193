import Foundation

/// Hand-written sample files, as the services export them. Line numbers in the tests refer to
/// the physical lines of these texts.
enum Fixture {
    /// LinkedIn `Connections.csv`: `Notes:` preamble with a quoted multi-line note, blank line,
    /// quoted commas and doubled quotes, blank-name rows, various URL spellings. Served with a
    /// byte order mark and CRLF line ends by ``linkedIn``.
    static let linkedInLF = #"""
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing.
You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-1815,ada@analytical.example,Analytical Engines Ltd,"Head of Research, Computing",12 Mar 2024
Grace,Hopper,https://www.linkedin.com/in/gracehopper/,,US Navy,Rear Admiral,05 Jan 2023
,,,,,,01 Feb 2022
Jürgen,Müller,https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller/,,"Müller & Söhne, GmbH","CTO ""Chief"" Tinkerer",28 Feb 2021
Alan,Turing,http://linkedin.com/in/AlanTuring?trk=public_profile,,Bletchley Park,Cryptanalyst,03/12/2024
,,https://www.linkedin.com/in/hidden-member,,Stealth,,13/03/2024
Cher,,https://www.linkedin.com/in/cher,,,,13/03/2024
"""#

    /// ``linkedInLF`` as LinkedIn serves it: UTF-8 byte order mark and CRLF line ends.
    static let linkedIn = "\u{FEFF}" + (linkedInLF + "\n\n").replacingOccurrences(of: "\n", with: "\r\n")

    /// Google Contacts export, current header: multi-value cells, labels, a blank row, an email-only row.
    static let googleCurrent = #"""
First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value
Katherine,Coleman,Johnson,,,,,,,,NASA Langley,Research Mathematician,,1918-08-26,"Orbital mechanics, trajectories.
Ask: how she checked the IBM numbers.",,Mentors ::: * myContacts ::: * starred,* Work,kjohnson@nasa.example,Home ::: Other,kj@home.example ::: katherine@old.example,Mobile,+1 757-555-0100,Work,+1 (757) 555 0100 ::: 757-555-0111,Work,"1 Langley Blvd
Hampton, VA 23681
US",1 Langley Blvd,Hampton,,VA,23681,US,,Profile,https://www.linkedin.com/in/katherine-johnson/,Homepage,https://kj.example
,,,,,,,,,,,,,,,,* myContacts,* Other,someone@example.com,,,,,,,,,,,,,,,,,,,
Dorothy,,Vaughan,,,,,,,,,,,--09-20,,,Mentors ::: * coworkers,,,,,,,,,,"Hampton
Virginia",,,,,,,,,,,
,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,
Mary,,Jackson,,,,,,,,NASA,,,April 9,,,,,,,,,,,,,,,,,,,,,,,,
"""#

    /// Google Contacts export, legacy header (`Given Name`, `Group Membership`, `Organization 1 - Name`).
    static let googleLegacy = #"""
Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,Website 1 - Value
Annie Easley,Annie,,Easley,,,,,,,,,,,1933-04-23,,,,,,,,,,,Centaur rocket software,,,* My Contacts ::: NASA Alumni ::: * Starred,* Work,annie@nasa.example,,,Mobile,+1 216 555 0123,Work,"21000 Brookpark Rd
Cleveland, OH",,Cleveland,,OH,,,,,NASA Glenn,,Computer Scientist,,,,,Profile,linkedin.com/in/AnnieEasley
,Christine,,Darden,,,,,,,,,,,,,"Hampton, Virginia",,,,,,,,,,,,* Friends,,,,,,,,,,,,,,,,,,,,,,,,,
"""#

    /// Outlook export: every field quoted, an Exchange address, `0/0/00` birthday, a day-first birthday.
    static let outlook = #"""
"First Name","Middle Name","Last Name","Title","Suffix","Nickname","Given Yomi","Surname Yomi","E-mail Address","E-mail 2 Address","E-mail 3 Address","Home Phone","Home Phone 2","Business Phone","Business Phone 2","Mobile Phone","Car Phone","Other Phone","Primary Phone","Pager","Business Fax","Home Fax","Other Fax","Company Main Phone","Callback","Radio Phone","Telex","TTY/TDD Phone","IMAddress","Job Title","Department","Company","Office Location","Manager's Name","Assistant's Name","Assistant's Phone","Company Yomi","Business Street","Business City","Business State","Business Postal Code","Business Country/Region","Home Street","Home City","Home State","Home Postal Code","Home Country/Region","Other Street","Other City","Other State","Other Postal Code","Other Country/Region","Personal Web Page","Spouse","Schools","Hobby","Location","Web Page","Birthday","Anniversary","Notes","Categories"
"Evelyn","Boyd","Granville","Dr.","PhD","","","","evelyn@ibm.example","/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=egranville","eg@home.example","202 555 0199","","202-555-0100","","+1 (202) 555-0147","","","","","202-555-0000","","","","","","","","","Mathematician","Space Computing","IBM","","","","202-555-0101","","","Washington","DC","","United States","","","","","","","","","","","https://evelyn.example","","","","","https://www.linkedin.com/in/evelyn-granville","5/1/1924","","Project Mercury orbits; taught at Cal State LA.
Follow up about ""Theory of Computing"" course.","Mentors; Math;"
"Gladys","","West","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","Dahlgren","VA","","","","","","","","","","","","","","0/0/00","","","GPS"
"Mary","","Golda Ross","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","","25/8/1908","","",""
"""#
}
