#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// The CPU time this process has used (user and system, every thread), in seconds.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` and returns how long it took, in seconds.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = monotonicSeconds()
    try body()
    return monotonicSeconds() - start
}

/// The median and the minimum of a series of samples.
struct Stats: Codable {
    var median: Double
    var min: Double
    var count: Int

    init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        min = sorted[0]
        count = n
    }
}

/// Measures a subject against its baseline, alternating them so that whatever else the machine is
/// doing hits both alike. Each closure does its own untimed setup and returns the seconds of its
/// timed part. `warmup` rounds are run and thrown away first.
func measurePair(warmup: Int, repetitions: Int,
                 baseline: () throws -> Double, subject: () throws -> Double) rethrows -> (baseline: Stats, subject: Stats) {
    for _ in 0..<warmup {
        _ = try baseline()
        _ = try subject()
    }
    var b: [Double] = [], s: [Double] = []
    for i in 0..<repetitions {
        // Swap the order every round: neither side always runs on a cache the other warmed.
        if i % 2 == 0 {
            b.append(try baseline())
            s.append(try subject())
        } else {
            s.append(try subject())
            b.append(try baseline())
        }
    }
    return (Stats(b), Stats(s))
}

/// One line of the report.
struct ResultLine: Codable {
    /// Short stable key, for `--json` consumers.
    var key: String
    /// What was measured, for people.
    var title: String
    /// The unit of `median` and `best`.
    var unit: String
    /// The subject's median.
    var median: Double
    /// The subject's best repetition (highest rate, lowest time or size).
    var best: Double
    /// What the baseline is.
    var baselineTitle: String
    /// The baseline's median, in `unit`.
    var baselineMedian: Double
    /// Cost of the subject over the cost of the baseline (time, bytes or memory): 1 = as cheap as
    /// the baseline, 2 = twice as expensive. For rates this is baseline rate / subject rate.
    var ratio: Double
    /// The product's target, as text.
    var target: String
    /// Whether the target is met (nil when this line has no target).
    var met: Bool?
    /// How many repetitions the medians are over.
    var repetitions: Int
    /// Anything a reader must know to read the figure.
    var note: String?
    /// The targets this line is judged by, printed as `TARGET …` lines after the table.
    var targets: [Target] = []
}

/// Formats a number for the table: thousands separators for big ones, 3 significant digits otherwise.
func format(_ x: Double) -> String {
    if x.isNaN || x.isInfinite { return "-" }
    let a = abs(x)
    if a >= 10_000 {
        let n = Int(x.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
    if a >= 100 { return String(format: "%.0f", x) }
    if a >= 10 { return String(format: "%.1f", x) }
    if a >= 1 { return String(format: "%.2f", x) }
    return String(format: "%.3f", x)
}

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let n = s.count
    if n >= width { return s }
    let fill = String(repeating: " ", count: width - n)
    return right ? fill + s : s + fill
}

/// Prints the results as a table.
func printTable(_ lines: [ResultLine]) {
    let headers = ["benchmark", "median", "best", "unit", "baseline (median)", "ratio", "target", ""]
    var rows: [[String]] = []
    for l in lines {
        let status: String
        switch l.met {
        case .some(true): status = "met"
        case .some(false): status = "MISSED"
        case .none: status = ""
        }
        rows.append([l.title, format(l.median), format(l.best), l.unit,
                     "\(format(l.baselineMedian)) \(l.baselineTitle)", "\(format(l.ratio))×", l.target, status])
    }
    var widths = headers.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    let rightAligned: Set<Int> = [1, 2, 5]
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { pad($0.element, widths[$0.offset], right: rightAligned.contains($0.offset)) }
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    print(line(headers))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for r in rows { print(line(r)) }
    let notes = lines.compactMap { l in l.note.map { "  \(l.title): \($0)" } }
    if !notes.isEmpty {
        print("")
        print("Notes:")
        notes.forEach { print($0) }
    }
    print("")
    print("ratio = cost of the line over the cost of its baseline measured in the same run (time, bytes or memory;")
    print("for rates: baseline rate / measured rate), so 1.0× is as cheap as the baseline.")
}

/// Progress on standard error, so `--json` output stays clean.
func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Peak and current resident set size of this process, in bytes (Linux: /proc/self/status).
func memoryStatus() -> (peak: Int, current: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    var peak = 0, current = 0
    for line in text.split(separator: "\n") {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
        if parts[0] == "VmHWM:" { peak = kb * 1024 }
        if parts[0] == "VmRSS:" { current = kb * 1024 }
    }
    return (peak, current)
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("touchbase-bench-\(getpid())-\(label)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Removes the directory, unless TOUCHBASE_BENCH_KEEP is set (to look at or profile what a line used).
    func remove() {
        if ProcessInfo.processInfo.environment["TOUCHBASE_BENCH_KEEP"] != nil {
            log("kept \(path)")
            return
        }
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}
