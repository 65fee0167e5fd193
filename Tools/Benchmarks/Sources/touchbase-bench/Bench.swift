#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Sizes and repetition counts of one run.
struct BenchConfig {
    var quick = false
    var json = false
    var only: Set<String>?
    var touchbasePath: String?

    var warmup = 1
    var repetitions = 5
    var remoteChanges = 20_000
    var remoteConcurrent = 2_000
    var batchOps = 50_000
    var singleEdits = 300
    var singleWarmup = 20
    var cliContacts = 10_000
    var cliInteractions = 100_000
    var cliRuns = 9
    var quietFiles = 10_000
    var quietRuns = 11
    var fileUpdates = 50_000
    var peerRecords = 10_000
    var peerUpdates = 50_000
    /// The target's size: 3½ minutes on an idle 2-core machine, 7 on a busy one.
    var importChanges = 1_000_000
    var importChangesPerFile = 1_000
    /// `bootstrap`: Changes made after the snapshot; `join-1m`: Changes in the folder.
    var bootstrapLaterChanges = 10_000
    var joinChanges = 1_000_000

    mutating func makeQuick() {
        quick = true
        warmup = 0
        repetitions = 3
        singleEdits = 100
        cliRuns = 5
        quietRuns = 5
        importChanges = 50_000
        joinChanges = 50_000
    }

    static var benchmarks: [String] { Benchmark.all.map(\.name) }

    func runs(_ name: String) -> Bool { only?.contains(name) ?? true }
}

@main
struct TouchbaseBench {
    static let usage = """
        touchbase-bench: Touchbase's performance targets, each measured against a baseline in the same run.

        usage: swift run -c release --package-path Tools/Benchmarks touchbase-bench [options]

          --quick              fewer repetitions, no warm-up, import of 50,000 Changes (about 3 minutes)
          --json               print the results as JSON on standard output (progress goes to standard error)
          --only a,b           run only these: \(BenchConfig.benchmarks.joined(separator: ", "))
          --touchbase PATH     use this touchbase binary instead of building the release one
          --import-changes N   Changes imported by the import-1m line (default 1,000,000, the target's size;
                               50,000 with --quick)
          --join-changes N     Changes in the folder a new device joins by the join-1m line (default 1,000,000;
                               50,000 with --quick)
          -h, --help           this text
        """

    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        if args.first == "--import-child", args.count == 3 {
            do {
                try SyncBenches.importChild(database: args[1], folder: args[2])
                exit(0)
            } catch {
                log("import child: \(error)")
                exit(1)
            }
        }
        var config = BenchConfig()
        while !args.isEmpty {
            let a = args.removeFirst()
            switch a {
            case "--quick": config.makeQuick()
            case "--json": config.json = true
            case "--only" where !args.isEmpty:
                let names = Set(args.removeFirst().split(separator: ",").map(String.init))
                let unknown = names.subtracting(BenchConfig.benchmarks)
                guard unknown.isEmpty else { fail("unknown benchmark \(unknown.sorted().joined(separator: ", "))") }
                config.only = names
            case "--touchbase" where !args.isEmpty: config.touchbasePath = args.removeFirst()
            case "--import-changes" where !args.isEmpty:
                guard let n = Int(args.removeFirst()), n >= 5_000 else { fail("--import-changes needs a number ≥ 5000") }
                config.importChanges = n
            case "--join-changes" where !args.isEmpty:
                guard let n = Int(args.removeFirst()), n >= 10_000 else { fail("--join-changes needs a number ≥ 10000") }
                config.joinChanges = n
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument \(a)")
            }
        }
        #if DEBUG
        log("warning: this is a debug build; measure with `swift run -c release …`")
        #endif
        let started = monotonicSeconds()
        var lines: [ResultLine] = []
        var failures: [String] = []
        func step(_ name: String, _ body: () throws -> [ResultLine]) {
            guard config.runs(name) else { return }
            let t0 = monotonicSeconds()
            do {
                let new = try body()
                lines += new
                if !config.json {
                    for l in new { log("  → \(l.title): \(format(l.median)) \(l.unit) (baseline \(format(l.baselineMedian)) \(l.baselineTitle), \(format(l.ratio))×)") }
                }
            } catch {
                failures.append("\(name): \(error)")
                log("  ✗ \(name) failed: \(error)")
            }
            log("  (\(name): \(format(monotonicSeconds() - t0)) s)")
        }
        var binary: String?
        if Benchmark.all.contains(where: { $0.usesBinary && config.runs($0.name) }) {
            do {
                binary = try releaseTouchbase(config)
            } catch {
                failures.append("touchbase binary: \(error)")
                log("  ✗ no touchbase binary, the CLI lines are skipped: \(error)")
            }
        }
        let context = BenchContext(binary: binary)
        for benchmark in Benchmark.all { step(benchmark.name) { try benchmark.run(config, context) } }
        let elapsed = monotonicSeconds() - started

        if config.json {
            let report = JSONReport(quick: config.quick, seconds: elapsed, cores: ProcessInfo.processInfo.activeProcessorCount,
                                    loadAverage: loadAverage(), source: sourceDescription(), binary: binary,
                                    results: lines, failures: failures)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self))
        } else {
            print("")
            print("Touchbase benchmarks\(config.quick ? " (--quick)" : ""): \(ProcessInfo.processInfo.activeProcessorCount) cores, "
                  + "load average \(loadAverage().map { String(format: "%.2f", $0) }.joined(separator: " ")), "
                  + "\(format(elapsed)) s")
            print("Main package: \(sourceDescription())\(binary.map { "; touchbase binary: \($0)" } ?? "")")
            print("")
            printTable(lines)
            Target.printAll(lines)
            if !failures.isEmpty {
                print("")
                print("FAILED:")
                failures.forEach { print("  \($0)") }
            }
        }
        exit(failures.isEmpty ? 0 : 1)
    }

    static func fail(_ message: String) -> Never {
        log("touchbase-bench: \(message)\n\n\(usage)")
        exit(2)
    }

    /// The main package's commit, and whether its sources had uncommitted changes when measured.
    static func sourceDescription() -> String {
        let root = repositoryRoot()
        guard let head = try? runProcess("git", ["-C", root, "rev-parse", "--short", "HEAD"], capture: true).output
            .trimmingCharacters(in: .whitespacesAndNewlines), !head.isEmpty else { return root }
        let dirty = (try? runProcess("git", ["-C", root, "status", "--porcelain", "--", "Sources", "Package.swift"], capture: true).output) ?? ""
        return "\(root) at \(head)" + (dirty.isEmpty ? "" : " + uncommitted changes in Sources")
    }

    static func loadAverage() -> [Double] {
        var l = [Double](repeating: 0, count: 3)
        return getloadavg(&l, 3) == 3 ? l : []
    }
}

struct JSONReport: Codable {
    var quick: Bool
    var seconds: Double
    var cores: Int
    var loadAverage: [Double]
    var source: String
    var binary: String?
    var results: [ResultLine]
    var failures: [String]
}
