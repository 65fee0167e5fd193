import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseInterop
import TouchbaseStore
import TouchbaseSync

/// The terminal's words for the kit's errors.
///
/// The kit's errors carry a code and typed fields, and their own descriptions name no command,
/// option or environment variable and no personal data. The terminal words them here, in English,
/// with its commands and options (`run \`touchbase init\` first (or pass --home)`) and the names,
/// queries and paths the person typed or owns: it prints them to that person.
enum ErrorText {
    /// The terminal's message for a kit error, nil for any other error (the tool's own, the parser's).
    static func message(for error: any Error) -> String? {
        switch error {
        case let e as StoreError: store(e)
        case let e as SyncError: sync(e)
        case let e as WorkflowError: workflow(e)
        case let e as InteropError: interop(e)
        case let e as CodecError: codec(e)
        case let e as ExchangeError: exchange(e)
        case let e as FolderAccessError: FolderOpening.message(e)
        case let e as SnapshotPolicyError: snapshotPolicy(e)
        default: nil
        }
    }

    /// `error` as the terminal words it: a kit error becomes a ``WordedError`` with the terminal's
    /// message (same exit status, 1); any other error is returned as it is.
    static func worded(_ error: any Error) -> any Error {
        message(for: error).map(WordedError.init) ?? error
    }
}
