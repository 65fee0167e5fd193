extension ExchangeError.Code {
    /// A snapshot whose body is of a newer version than this reader knows (Protocol/SPEC.md §7.6):
    /// not damaged, left alone and reported; the reader uses another snapshot or the changes.
    public static let newerSnapshotFormat = Self(rawValue: "newerSnapshotFormat")
}

extension ExchangeError {
    public static let newerSnapshotFormat = Code.newerSnapshotFormat
}
