import TouchbaseCore

/// SplitMix64: small, fast and deterministic, so every run measures the same data.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Plausible networking-CRM data: people, organisations, asks and offers, interactions.
struct Fake {
    var rng: SeededRNG

    init(seed: UInt64) { rng = SeededRNG(seed: seed) }

    static let firstNames = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger",
                             "Radia", "Tim", "Katherine", "Donald", "Hedy", "John", "Sophie", "Guido", "Annie", "Bjarne",
                             "Shafi", "Leslie", "Joan", "Niklaus", "Karen", "Vint", "Jean", "Robert", "Mary", "James",
                             "Fatima", "Wei", "Priya", "Diego", "Amara", "Yusuf", "Ingrid", "Mateo", "Aiko", "Olu",
                             "Camille", "Noah", "Zainab", "Lars", "Chiara", "Kofi", "Elena", "Ravi", "Maya", "Tomás"]
    static let lastNames = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen",
                            "Dijkstra", "Perlman", "Berners-Lee", "Johnson", "Knuth", "Lamarr", "McCarthy", "Wilson", "van Rossum",
                            "Easley", "Stroustrup", "Goldwasser", "Lamport", "Clarke", "Wirth", "Spärck Jones", "Cerf", "Sammet",
                            "Kahn", "Keller", "Gosling", "Okafor", "Zhang", "Raman", "Fernández", "Mensah", "Yilmaz", "Larsen",
                            "Rossi", "Tanaka", "Adeyemi", "Moreau", "Schmidt", "Haddad", "Nielsen", "Bianchi", "Boateng",
                            "Petrova", "Iyer", "Cohen", "Silva"]
    static let organizations = ["Analytical Engines", "Bletchley Data", "Northwind Traders", "Contoso", "Fabrikam",
                                "Initech", "Globex", "Umbrella Health", "Stark Logistics", "Wayne Analytics", "Acme Robotics",
                                "Hooli", "Pied Piper", "Vandelay Industries", "Tyrell Systems", "Cyberdyne", "Soylent Foods",
                                "Gringotts Finance", "Monarch Studios", "Oscorp Labs", "Aperture Science", "Black Mesa",
                                "Massive Dynamic", "Wonka Supply", "Dunder Mifflin", "Prestige Worldwide", "Sterling Cooper",
                                "Blue Sun", "Weyland Corp", "Nakatomi Trading", "Cogswell Cogs", "Spacely Sprockets",
                                "Los Pollos Hermanos", "Genco Shipping", "Kramerica", "Bluth Company", "Ollivanders",
                                "Virtucon", "Rekall", "Omni Consumer Products"]
    static let roles = ["Engineering Manager", "Staff Engineer", "Head of Data", "Recruiter", "Talent Partner", "VP Engineering",
                        "Product Manager", "Founder", "CTO", "Data Scientist", "Designer", "Platform Lead", "Director of Product",
                        "Senior Engineer", "Hiring Manager", "Chief of Staff", "Operations Lead", "Consultant", "Freelancer",
                        "Career Coach", "Analyst", "Principal Engineer", "Team Lead", "Developer Advocate", "COO"]
    static let cities = ["London", "Berlin", "Paris", "Lisbon", "Amsterdam", "Dublin", "New York", "Boston", "Toronto",
                         "San Francisco", "Seattle", "Austin", "Chicago", "Madrid", "Barcelona", "Zürich", "Stockholm",
                         "Copenhagen", "Remote", "Manchester"]
    static let asks = ["intro to the platform team", "how hiring works for the data team", "feedback on my resume",
                       "who owns hiring for infrastructure", "what the team's next big project is", "a referral for the staff role",
                       "advice on moving into management", "an intro to their CTO", "insight into the Q2 hiring plan",
                       "what they look for in a portfolio", "who else I should talk to", "a mock interview"]
    static let offers = ["my notes on hiring loops", "an intro to my old team lead", "the article I wrote on migrations",
                         "a review of their open-source library", "my contacts at the meetup", "a dataset I cleaned up",
                         "help with their conference talk", "my checklist for on-call", "a warm intro to a recruiter",
                         "feedback on their product", "a summary of the conference", "my salary research"]
    static let sources = ["LinkedIn", "meetup", "conference", "referral", "alumni network", "Slack community", "cold email",
                          "former colleague", "Twitter", "coffee chat"]
    static let notes = ["Met at the data meetup; very friendly.", "Prefers email over calls.", "Knows everyone in fintech.",
                        "Moving to a new team in spring.", "Hiring freeze until Q3.", "Runs a monthly book club.",
                        "Was a founder before; generous with time.", "Busy until the release ships.",
                        "Interested in platform work.", "Has two kids, mornings are hard."]
    static let tagNames = ["fintech", "data", "platform", "recruiter", "alumni", "founder", "mentor", "hiring", "conference",
                           "ml", "design", "remote", "berlin", "london", "warm"]
    static let hubNames = ["Data Meetup", "Platform Guild", "Women in Tech", "Alumni Network", "Rust Berlin", "PyData London",
                           "Staff+ Circle", "Founders Breakfast", "Design Systems Club", "SRE Coffee", "ML Reading Group",
                           "Hiring Managers Forum", "Open Source Saturday", "Career Switchers", "Product Tank",
                           "Cloud Native Night", "DevOps Days", "Frontend Friday", "Security BSides", "Tech Leads Lunch"]
    static let reasons = ["I wrote a post on hiring loops", "Curious about your platform migration",
                          "Loved your talk at the meetup", "Saw your team is growing", "Sharing the dataset we discussed",
                          "Congrats on the launch", "Read your article on observability", "A question about your open role",
                          "Following up on the conference panel", "Thought of you when I read this paper"]
    static let learned = ["they hire in Q2", "the team is moving to Kubernetes", "the hiring manager is new",
                          "they value open-source work", "budget is frozen until autumn", "they need a data engineer",
                          "the role is hybrid, two days a week", "they use take-home tests"]
    static let nextSteps = ["send my notes", "intro to their lead", "apply to the staff role", "share the article",
                            "follow up after the offsite", "send the portfolio link", "book a second chat"]
    static let exitGoals = ["who owns hiring for the data team", "a referral", "the name of the hiring manager",
                            "what the interview loop looks like", "an intro to a second person"]
    static let channels = ["email", "linkedin", "phone", "coffee", "video", "slack"]

    mutating func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
    mutating func recordID() -> RecordID { .random(using: &rng) }
    /// A device's new record id made at `milliseconds`, its random bytes from this generator.
    mutating func recordID(from generator: inout RecordIDGenerator, at milliseconds: UInt64) -> RecordID {
        generator.next(at: milliseconds, using: &rng)
    }
    mutating func deviceID() -> DeviceID { .random(using: &rng) }

    /// A choice by weight.
    mutating func weighted(_ options: [(String, Int)]) -> String {
        var r = int(0..<options.reduce(0) { $0 + $1.1 })
        for (value, weight) in options {
            if r < weight { return value }
            r -= weight
        }
        return options[0].0
    }

    mutating func personName() -> (first: String, last: String) { (pick(Fake.firstNames), pick(Fake.lastNames)) }

    mutating func stage() -> String {
        weighted([("want", 30), ("docket", 15), ("pending", 15), ("active", 25), ("dormant", 15)])
    }

    mutating func voter() -> String { weighted([("set", 45), ("swing", 35), ("unknown", 20)]) }

    /// The ten puts of a new contact.
    mutating func newContact(_ id: RecordID) -> [Op] {
        let (first, last) = personName()
        let org = pick(Fake.organizations)
        let domain = org.lowercased().filter { $0.isLetter } + ".com"
        let slug = "\(first)-\(last)".lowercased().replacingOccurrences(of: " ", with: "-")
        return RecordOps.put("contact", id, [
            ("name", .text("\(first) \(last)")),
            ("organization", .text(org)),
            ("role", .text(pick(Fake.roles))),
            ("emails", .texts(["\(first.lowercased()).\(last.lowercased().filter { $0.isLetter })@\(domain)"])),
            ("linkedin", .text("https://www.linkedin.com/in/\(slug)-\(int(100..<99_999))")),
            ("location", .text(pick(Fake.cities))),
            ("voter", .text(voter())),
            ("stage", .text(stage())),
            ("ask", .text(pick(Fake.asks))),
            ("offer", .text(pick(Fake.offers))),
        ])
    }

    /// About ten puts updating an existing contact (new job, new stage, notes after a chat).
    mutating func contactUpdate(_ id: RecordID) -> [Op] {
        RecordOps.put("contact", id, [
            ("stage", .text(stage())),
            ("voter", .text(voter())),
            ("role", .text(pick(Fake.roles))),
            ("organization", .text(pick(Fake.organizations))),
            ("location", .text(pick(Fake.cities))),
            ("notes", .text(pick(Fake.notes))),
            ("ask", .text(pick(Fake.asks))),
            ("offer", .text(pick(Fake.offers))),
            ("phones", .texts(["+44 20 7946 \(int(1000..<9999))"])),
            ("cadence", .int(Int64(pick([14, 30, 60, 90])))),
        ])
    }

    /// A short edit made on a second device: a few fields of a contact.
    mutating func smallContactEdit(_ id: RecordID) -> [Op] {
        RecordOps.put("contact", id, [
            ("stage", .text(stage())),
            ("notes", .text(pick(Fake.notes))),
            ("ask", .text(pick(Fake.asks))),
            ("role", .text(pick(Fake.roles))),
            ("cadence", .int(Int64(pick([14, 30, 60, 90])))),
        ])
    }
}
