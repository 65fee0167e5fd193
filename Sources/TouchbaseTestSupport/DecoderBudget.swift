#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one hostile input may cost a decoder, and a way to measure it: wall-clock time, and the
/// growth of the process's peak resident memory while the decoder runs (Linux: the peak is reset
/// through `/proc/self/clear_refs` before each input and read from `VmHWM` after it; elsewhere, or
/// where the reset is refused, the resident size after the input from `/proc/self/statm`).
///
/// The process runs other tests at the same time, so the bounds are loose: they catch a decoder
/// that allocates what a header or a count declares (hundreds of MiB to GiB) or loops for
/// seconds, not one that is merely slower than it could be.
public struct DecoderBudget: Sendable {
    /// The longest one input may take.
    public var seconds: Double
    /// The most the peak resident memory may grow while one input is decoded.
    public var megabytes: Int

    /// A budget; the defaults hold for a debug build on a loaded two-core machine (the largest
    /// hostile vectors, 65,537 Changes, take up to about 4 s there) and still catch a decoder that
    /// loops for minutes.
    public init(seconds: Double = 12, megabytes: Int = 384) {
        self.seconds = seconds
        self.megabytes = megabytes
    }

    /// The cost of one run of `body`.
    public struct Cost: Sendable, CustomStringConvertible {
        public var seconds: Double
        public var megabytes: Int
        public var description: String { "\(Int(seconds * 1000)) ms, +\(megabytes) MiB resident" }

        public init(seconds: Double, megabytes: Int) {
            self.seconds = seconds
            self.megabytes = megabytes
        }
    }

    /// Runs `body` and returns what it cost.
    public static func measure(_ body: () -> Void) -> Cost {
        let before = residentBytes()
        let resetPeak = resetPeakResident()
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        let after = (resetPeak ? peakResidentBytes() : nil) ?? residentBytes()
        let grown = max(0, after - before)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Cost(seconds: seconds, megabytes: grown >> 20)
    }

    /// Whether `cost` is within this budget.
    public func allows(_ cost: Cost) -> Bool {
        cost.seconds <= seconds && cost.megabytes <= megabytes
    }

    // MARK: - /proc

    static func residentBytes() -> Int {
        guard let text = readProc("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func peakResidentBytes() -> Int? {
        guard let text = readProc("/proc/self/status") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return kb.map { $0 * 1024 }
        }
        return nil
    }

    /// Resets the peak resident size to the current one (writing 5 to clear_refs).
    static func resetPeakResident() -> Bool {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
        #else
        return false
        #endif
    }

    static func readProc(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
