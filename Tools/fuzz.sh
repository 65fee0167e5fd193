#!/usr/bin/env bash
# Builds the libFuzzer targets of Tools/Fuzz and runs them one after another.
#
#   Tools/fuzz.sh [--time SECONDS | --runs N] [--asan] [--build-only | --no-build] [TARGET ...]
#   Tools/fuzz.sh --compare [--no-build]
#
# TARGET is one of: changes changes-encrypted ack device-card snapshot folder-key folder-scan csv vcard
# (default: all). --time and --runs apply to each target (default: --time 60). Each target starts
# from a working corpus seeded with Protocol/vectors (good, bad and crashers) and Tools/Fuzz/Seeds, and
# uses the dictionary of its family from Tools/Fuzz/Dictionaries. A crash, hang (-timeout) or
# out-of-memory is written to the work folder's artifacts/ and ends that target's run with a
# non-zero status; the script goes on with the next target and exits non-zero at the end.
# Minimize such an input, fix the decoder, and add the input to Protocol/vectors/crashers/ as
# <target>-<first 12 hex digits of its SHA-256> so the tests replay it.
#
# --compare runs this implementation and the Python reference reader over the exchange-file corpora
# that earlier runs grew (each file as it is and with its checksum recomputed, without and with the
# vector key) and lists every file they judge differently: SPEC.md §8 wants the same error name from
# every implementation for the same file.
#
# --asan builds (into its own scratch path, "<FUZZ_SCRATCH>-asan") and runs the targets with
# AddressSanitizer as well: slower, but it checks the unsafe-pointer code (zlib, file reading) and
# enforces -malloc_limit_mb on every single allocation.
#
# Needs a Swift toolchain whose clang ships libFuzzer (Linux toolchains do).
# Environment:
#   SWIFT          the swift command (default: swift)
#   FUZZ_SCRATCH   scratch path handed to `swift build` (default: .build/fuzz)
#   FUZZ_BIN       where this shell sees the built binaries (default: $FUZZ_SCRATCH/release)
#   FUZZ_WORK      working corpora, artifacts and logs (default: .build/fuzz-work)
#   FUZZ_NICE      niceness of the fuzzer processes (default: 19)
#   FUZZ_ARGS      extra libFuzzer flags
set -uo pipefail
{ # Read whole before running, so editing the script does not disturb a run in progress.
cd "$(dirname "$0")/.."
root=$(pwd)

all_targets=(changes changes-encrypted ack device-card snapshot folder-key folder-scan csv vcard)
budget=(-max_total_time=60)
build=1 run=1 compare=0 sanitizers=fuzzer
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --time) budget=(-max_total_time="$2"); shift 2 ;;
        --runs) budget=(-runs="$2"); shift 2 ;;
        --build-only) run=0; shift ;;
        --compare) compare=1; shift ;;
        --asan) sanitizers=fuzzer,address; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 64 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    case " ${all_targets[*]} " in *" $t "*) ;; *) echo "fuzz.sh: unknown target $t" >&2; exit 64 ;; esac
done

read -r -a swift_cmd <<< "${SWIFT:-swift}"
scratch=${FUZZ_SCRATCH:-.build/fuzz}
bin=${FUZZ_BIN:-$scratch/release}
if [ $sanitizers != fuzzer ]; then
    scratch="$scratch-asan"
    bin="${FUZZ_BIN:+$(dirname "$FUZZ_BIN")-asan/release}"
    bin="${bin:-$scratch/release}"
fi
work=${FUZZ_WORK:-.build/fuzz-work}
nice_level=${FUZZ_NICE:-19}
read -r -a extra <<< "${FUZZ_ARGS:-}"

if [ $build = 1 ]; then
    "${swift_cmd[@]}" build --package-path Tools/Fuzz --scratch-path "$scratch" -c release \
        -Xswiftc -sanitize=$sanitizers -Xswiftc -parse-as-library || exit 1
fi
[ $run = 1 ] || exit 0

if [ $compare = 1 ]; then
    files="$work/compare-files.txt"
    for t in changes changes-encrypted ack device-card snapshot; do
        [ -d "$work/corpus/$t" ] && find "$work/corpus/$t" -type f
    done > "$files"
    ls Protocol/vectors/good/*.tb? Protocol/vectors/bad/*.tb? >> "$files"
    ls Protocol/vectors/crashers/* 2>/dev/null | grep -v README >> "$files"
    xargs -a "$files" "$bin/exchange-verdicts" > "$work/verdicts-swift.txt" || exit 1
    xargs -a "$files" python3 Tools/Fuzz/reference_verdicts.py > "$work/verdicts-reference.txt" || exit 1
    if diff "$work/verdicts-swift.txt" "$work/verdicts-reference.txt" > "$work/verdicts.diff"; then
        echo "$(wc -l < "$files") files: both readers agree"
        exit 0
    fi
    echo "the readers disagree on $(grep -c '^<' "$work/verdicts.diff") files (< Swift, > reference):"
    head -40 "$work/verdicts.diff"
    exit 1
fi

# Per target: the largest input, the dictionary, the seed files.
max_len() {
    case "$1" in
        changes|changes-encrypted) echo 16384 ;;
        ack|device-card|snapshot) echo 4096 ;;
        folder-key) echo 256 ;;
        folder-scan) echo 1024 ;;
        csv|vcard) echo 8192 ;;
    esac
}
dictionary() {
    case "$1" in
        csv) echo Tools/Fuzz/Dictionaries/csv.dict ;;
        vcard) echo Tools/Fuzz/Dictionaries/vcard.dict ;;
        folder-scan) echo Tools/Fuzz/Dictionaries/folder.dict ;;
        *) echo Tools/Fuzz/Dictionaries/exchange.dict ;;
    esac
}
seeds() {
    case "$1" in
        csv) ls Tools/Fuzz/Seeds/csv/* ;;
        vcard) ls Tools/Fuzz/Seeds/vcard/* ;;
        folder-scan) ls Tools/Fuzz/Seeds/folder-scan/* ;;
        folder-key) ls Protocol/vectors/*/*.key ;;
        *) ls Protocol/vectors/good/*.tb? Protocol/vectors/bad/*.tb? ;;
    esac
    ls Protocol/vectors/crashers/"$1"-* 2>/dev/null
}

mkdir -p "$work/artifacts" "$work/logs"
status=0
printf '%-18s %12s %8s %8s %8s %s\n' target executions cov ft rss_mb result > "$work/summary.txt"
for t in "${targets[@]}"; do
    corpus="$work/corpus/$t"
    mkdir -p "$corpus"
    seeds "$t" | while read -r f; do cp "$f" "$corpus/"; done
    log="$work/logs/$t.log"
    nice -n "$nice_level" "$bin/fuzz-$t" "$corpus" "${budget[@]}" -max_len="$(max_len "$t")" \
        -dict="$(dictionary "$t")" -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=5 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" "${extra[@]}" > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    result=ok
    if [ $rc -ne 0 ]; then
        result="FAILED (exit $rc): $(grep -m1 -E '^==[0-9]+== ERROR|deadly signal|ALARM|out-of-memory|Fatal error' "$log")"
        status=1
    fi
    printf '%-18s %12s %8s %8s %8s %s\n' "$t" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${rss:-?}" "$result" >> "$work/summary.txt"
    tail -1 "$work/summary.txt"
done
echo "summary: $work/summary.txt; logs: $work/logs; artifacts: $work/artifacts"
exit $status
}
