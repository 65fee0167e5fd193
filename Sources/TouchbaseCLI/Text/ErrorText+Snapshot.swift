import TouchbaseSync

extension ErrorText {
    /// A snapshot threshold out of range, with the option it came from.
    static func snapshotPolicy(_ e: SnapshotPolicyError) -> String {
        switch e.code {
        case .changeFilesOutOfRange:
            let r = SnapshotPolicy.changeFilesRange
            return "--auto-files \(e.value) is out of range: give a number of change files from \(r.lowerBound) to \(r.upperBound); nothing was changed"
        case .mebibytesOutOfRange:
            let r = SnapshotPolicy.mebibytesRange
            return "--auto-mib \(e.value) is out of range: give a number of MiB from \(r.lowerBound) to \(r.upperBound); nothing was changed"
        }
    }
}
