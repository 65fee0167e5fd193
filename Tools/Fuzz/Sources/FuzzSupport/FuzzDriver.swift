import CFuzzDriver

/// The entry point of a fuzz target.
///
/// SwiftPM links an executable target with its `main` renamed to `<module>_main`, which a library-mode
/// (`-parse-as-library`) file does not define. Each target defines that function and calls
/// ``run(_:_:_:)``, which hands the command line to libFuzzer's driver, as libFuzzer's own `main`
/// would. (A SwiftPM that does not rename `main` uses libFuzzer's `main`, and the function is unused.)
public enum FuzzDriver {
    /// Runs libFuzzer on `callback`.
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                           _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
        var count = argc
        var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return LLVMFuzzerRunDriver(&count, &vector, callback)
    }
}
