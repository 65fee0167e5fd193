import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

/// Prints how this implementation judges each exchange file given on the command line, one line per
/// file: its name, then for the file as it is and with its checksum recomputed, without and with the
/// vector folder key, `ok` or the error name of SPEC.md §10. Tools/fuzz.sh --compare runs it and the
/// Python reference reader over the fuzzing corpora: the spec wants every implementation to report
/// the same failure for the same file.
@main
struct Verdicts {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = FuzzInput.readFile(path) else { continue }
            var views = [bytes]
            if bytes.count >= ExchangeHeader.baseLength + ExchangeHeader.checksumLength {
                let body = Array(bytes.dropLast(ExchangeHeader.checksumLength))
                views.append(body + SHA256Digest.hash(body))
            }
            var line = path
            for view in views {
                for key in [nil, FuzzKey.key] {
                    line += " " + verdict(view, key: key)
                }
            }
            print(line)
        }
    }

    static func verdict(_ bytes: [UInt8], key: FolderKey?) -> String {
        do {
            let file = try ExchangeFile.open(bytes, key: key)
            switch file.header.kind {
            case .changes: _ = try ChangeBatch.decode(file.payload, header: file.header)
            case .ack: _ = try Ack.decode(file.payload, header: file.header)
            case .deviceCard: _ = try DeviceCard.decode(file.payload, header: file.header)
            case .snapshot: _ = try Snapshot.decode(file.payload, header: file.header)
            }
            return "ok"
        } catch let error as ExchangeError {
            return error.code.rawValue
        } catch {
            return "other:\(error)"
        }
    }
}

/// The package links every executable with libFuzzer, whose driver wants this symbol; unused here.
@_cdecl("LLVMFuzzerTestOneInput")
public func unusedFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }
