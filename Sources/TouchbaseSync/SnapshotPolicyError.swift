/// Why this device's snapshot thresholds were refused (``SnapshotPolicy/store(_:in:)``). Nothing is
/// stored when one is thrown.
public struct SnapshotPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable {
        /// The number of own change files is outside ``SnapshotPolicy/changeFilesRange``.
        case changeFilesOutOfRange
        /// The MiB of own changes is outside ``SnapshotPolicy/mebibytesRange``.
        case mebibytesOutOfRange
    }

    /// What went wrong.
    public let code: Code
    /// The refused number (a count, never personal data).
    public let value: Int64

    /// Creates an error.
    public init(_ code: Code, value: Int64) {
        self.code = code
        self.value = value
    }

    public var description: String {
        switch code {
        case .changeFilesOutOfRange:
            let r = SnapshotPolicy.changeFilesRange
            return "a snapshot threshold of \(value) own change files is out of range: it must be between \(r.lowerBound) and \(r.upperBound)"
        case .mebibytesOutOfRange:
            let r = SnapshotPolicy.mebibytesRange
            return "a snapshot threshold of \(value) MiB of own changes is out of range: it must be between \(r.lowerBound) and \(r.upperBound)"
        }
    }
}
