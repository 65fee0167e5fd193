import ArgumentParser

extension Touchbase {
    /// Commands that create, edit and find records: init, contact, hub, tag, history, search.
    static let recordCommands: [ParsableCommand.Type] = [Init.self, Contact.self, Hub.self, Tag.self, History.self, Search.self]
}
