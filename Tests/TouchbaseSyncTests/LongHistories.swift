import Foundation

/// How many seeds the long property histories (tagged slow) run: 2, or `TOUCHBASE_LONG_HISTORIES`.
enum LongHistories {
    static var count: UInt64 {
        ProcessInfo.processInfo.environment["TOUCHBASE_LONG_HISTORIES"].flatMap(UInt64.init) ?? 2
    }
}
