/// What an import gives everyone it brings in: a stage and a voter kind (for people who have
/// none yet; a row's own wins) and tags (added to everyone in the file).
public struct ImportOptions: Hashable, Sendable {
    /// The stage for people without one.
    public var stage: Stage?
    /// The voter kind for people without one.
    public var voter: Voter?
    /// Tags for everyone in the file.
    public var tags: [String]

    /// Creates options; none by default.
    public init(stage: Stage? = nil, voter: Voter? = nil, tags: [String] = []) {
        self.stage = stage
        self.voter = voter
        self.tags = tags
    }

    /// The tags, normalised.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `tag`) for a blank tag; `.malformed` (field
    ///   `stage` or `voter`) for a stage or voter this version does not know.
    func checked() throws -> (stage: String?, voter: String?, tags: [String]) {
        let tags = try tags.map { t -> String in
            let n = Schema.normalizeTag(t)
            guard !n.isEmpty else { throw WorkspaceError(.emptyValue, field: "tag") }
            return n
        }
        if case .unrecognized? = stage { throw WorkspaceError(.malformed, field: "stage", detail: Schema.stages.joined(separator: ", ")) }
        if case .unrecognized? = voter { throw WorkspaceError(.malformed, field: "voter", detail: Schema.voters.joined(separator: ", ")) }
        return (stage?.rawValue, voter?.rawValue, tags)
    }
}
