#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FuzzInput {
    /// Reads a small file whole; nil when it cannot be read.
    public static func readFile(_ path: String) -> [UInt8]? { readWholeFile(path) }
}

/// Reads a small file whole; nil when it cannot be read.
func readWholeFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n == 0 { break }
        out.append(contentsOf: buffer[0..<n])
    }
    return out
}
