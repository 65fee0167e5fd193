import TouchbaseCore

extension TouchbaseCSV {
    /// One exported row: a card plus the two dates Touchbase computes.
    public struct Row: Hashable, Sendable {
        /// The contact.
        public var card: ContactCard
        /// The day of the last interaction, if any.
        public var lastTouch: CalendarDate?
        /// The day the next follow-up is due, if any.
        public var nextFollowUp: CalendarDate?

        /// Creates a row.
        public init(card: ContactCard, lastTouch: CalendarDate? = nil, nextFollowUp: CalendarDate? = nil) {
            self.card = card
            self.lastTouch = lastTouch
            self.nextFollowUp = nextFollowUp
        }
    }

    /// The CSV document for `rows`: the ``columns`` header then one record per row, CRLF line
    /// ends, fields quoted where needed (notes keep their line breaks inside quotes). A cell a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
    /// single quote in front (``CSVFormulaGuard``); ``parse(text:)`` removes it again.
    /// - Parameter byteOrderMark: start with a UTF-8 byte order mark, which Excel needs to
    ///   recognise UTF-8; other spreadsheets ignore it.
    public static func write(_ rows: [Row], byteOrderMark: Bool = false) -> String {
        let body = CSVWriter.document(header: columns, rows: rows.map { fields($0).map(CSVFormulaGuard.protect) })
        return byteOrderMark ? "\u{FEFF}" + body : body
    }

    /// The CSV document for `cards`, without last-touch and follow-up dates.
    public static func write(cards: [ContactCard], byteOrderMark: Bool = false) -> String {
        write(cards.map { Row(card: $0) }, byteOrderMark: byteOrderMark)
    }

    /// The cells of one row, in ``columns`` order.
    static func fields(_ row: Row) -> [String] {
        let c = row.card
        let join = { (values: [String]) in values.joined(separator: listSeparator) }
        return [
            c.id.flatMap(TouchbaseID.normalize) ?? "", c.name, c.givenName ?? "", c.familyName ?? "", c.organization ?? "", c.role ?? "",
            join(c.emails), join(c.phones), c.linkedinURL ?? "", join(c.urls), c.location ?? "",
            c.stage ?? "", c.voter ?? "", c.ask ?? "", c.offer ?? "", c.source ?? "",
            c.cadenceDays.map(String.init) ?? "", c.birthday?.description ?? "", c.connectedOn?.description ?? "", join(c.tags), join(c.hubs),
            c.notes ?? "", row.lastTouch?.description ?? "", row.nextFollowUp?.description ?? "",
        ]
    }
}
