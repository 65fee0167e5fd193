#!/usr/bin/env python3
"""Mutation harness: plants each bug of mutants.json, one at a time, and runs the tests that must
catch it. A mutant is killed when the build or its test filter fails; it survives when they pass.

    Tools/mutants/run.py [--swift "swift"] [--flags=--ignore-lock] [--only ID[,ID…]] [--list]

`--list` runs nothing: it prints every mutant, marks the stale ones, and exits 1 when there are any.

Run from the package root (or anywhere: the script finds it). Each mutant edits one source file in
place and the original is written back afterwards, whatever happens (also on Ctrl-C); a mutant
whose text is no longer in its file is reported as stale. `--swift` is the command that runs
`build` and `test` (e.g. a wrapper around `swift`). Exit status: 0 when every mutant was killed.
"""
import argparse, json, os, shlex, signal, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd, log):
    with open(log, "ab") as out:
        out.write(("\n%s $ %s\n" % (time.strftime("%H:%M:%S"), " ".join(cmd))).encode())
        out.flush()
        return subprocess.call(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--swift", default="swift")
    ap.add_argument("--flags", default="", help="extra options for both build and test (e.g. --ignore-lock)")
    ap.add_argument("--only", default="")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--log", default=os.path.join(ROOT, ".build", "mutants.log"))
    args = ap.parse_args()
    mutants = json.load(open(os.path.join(ROOT, "Tools", "mutants", "mutants.json")))
    if args.only:
        wanted = set(args.only.split(","))
        mutants = [m for m in mutants if m["id"] in wanted]
    if args.list:
        # Also says which mutants are stale: their text no longer occurs exactly once in their file.
        stale = 0
        for m in mutants:
            path = os.path.join(ROOT, m["file"])
            count = open(path, encoding="utf-8").read().count(m["find"]) if os.path.exists(path) else 0
            stale += count != 1
            print("%-45s %s%s" % (m["id"], "" if count == 1 else "STALE (%d times) " % count, m["why"]))
        return 1 if stale else 0
    os.makedirs(os.path.dirname(args.log), exist_ok=True)
    swift = shlex.split(args.swift)
    flags = shlex.split(args.flags)
    results = []
    for m in mutants:
        path = os.path.join(ROOT, m["file"])
        original = open(path, encoding="utf-8").read()
        if original.count(m["find"]) != 1:
            results.append((m["id"], "STALE", 0.0))
            print("%-45s STALE (its text occurs %d times in %s)" % (m["id"], original.count(m["find"]), m["file"]), flush=True)
            continue
        start = time.time()
        previous = signal.getsignal(signal.SIGINT)
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace(m["find"], m["replace"]))
            if run(swift + ["build", "--build-tests"] + flags, args.log) != 0:
                verdict = "killed (does not build)"
            elif run(swift + ["test", "--skip-build", "--filter", m["filter"]] + flags, args.log) != 0:
                verdict = "killed"
            else:
                verdict = "SURVIVED"
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
            signal.signal(signal.SIGINT, previous)
        elapsed = time.time() - start
        results.append((m["id"], verdict, elapsed))
        print("%-45s %-24s %5.0f s  (%s)" % (m["id"], verdict, elapsed, m["filter"]), flush=True)
    # Leave the tree built as it is.
    run(swift + ["build", "--build-tests"] + flags, args.log)
    killed = sum(1 for _, v, _ in results if v.startswith("killed"))
    print("\n%d of %d mutants killed; log: %s" % (killed, len(results), args.log))
    return 0 if killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
