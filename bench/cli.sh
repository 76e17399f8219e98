#!/usr/bin/env bash
# The CLI measured as whole processes, in one run: the figures of the CLI section of
# BENCHMARKS.md.
#
# Usage: bash bench/cli.sh [RUNS]     (RUNS per command, 10 by default)
#
# Writes its inputs under ${TMPDIR:-/tmp}/telemetry-spec-cli-bench (never in the repository;
# kept between runs): the benchmark's stream of 100,000 random valid documents of the 13 base
# kinds (`stream_file`, 78 MB), the same stream with every third document invalid, 100,000
# documents of one kind, 1,000 of them as single files, and the stream repeated to 1 GiB. Then:
#
# - hyperfine (Debian's package) times every command, output to /dev/null, and the medians give
#   the ratios: the CLI with `--jobs 1` against the library's own single-threaded loop
#   (`stream_library`: `validate_slice` with the kind known, `api::judge` with detection), the
#   default `--jobs` against `--jobs 1`, the CLI against the Node.js + ajv loop of bench/node/,
#   the stream with a third invalid against the valid one;
# - GNU time gives the peak RSS on the 1 GiB input for several `--jobs`;
# - check-jsonschema (PyPI, in a venv here) against the CLI on the 1,000 single files, the one
#   shape of input both take;
# - callgrind, when installed, counts instructions on the first 20,000 lines (a ratio that does
#   not depend on the machine's load), and per thread for `--jobs 2`.
#
# Needs cargo, hyperfine, node and npm, python3 with venv, /usr/bin/time; valgrind optional.
set -euo pipefail

runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${TMPDIR:-/tmp}/telemetry-spec-cli-bench"
mkdir -p "$work"
cd "$root"

for tool in cargo hyperfine node npm python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "cli.sh: $tool is not installed" >&2; exit 2; }
done

# The CLI is built alone, as `cargo install` builds it: built with the bench crate, it would get
# the features the bench's dependencies switch on in shared crates (serde_json's
# `float_roundtrip`, through jsonschema).
cargo build --release --quiet -p telemetry-spec
cargo build --release --quiet -p telemetry-spec-bench --bin stream_file --bin stream_library
(cd bench/node && npm ci --no-audit --no-fund --silent)
bin="$root/target/release"
cli="$bin/telemetry-spec"
kind="hasura/server-telemetry"

[[ -f "$work/stream.ndjson" ]] || "$bin/stream_file" "$work/stream.ndjson"
[[ -f "$work/third.ndjson" ]] || "$bin/stream_file" "$work/third.ndjson" --invalid-every 3
[[ -f "$work/kind.ndjson" ]] || "$bin/stream_file" "$work/kind.ndjson" --kind "$kind"
[[ -f "$work/1gib.ndjson" ]] || "$bin/stream_file" "$work/1gib.ndjson" --at-least 1GiB
if [[ ! -d "$work/files" ]]; then
  mkdir -p "$work/files.tmp"
  head -n 1000 "$work/kind.ndjson" | split -l 1 -a 4 --additional-suffix=.json - "$work/files.tmp/d"
  mv "$work/files.tmp" "$work/files"
fi
if [[ ! -x "$work/venv/bin/check-jsonschema" ]]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet check-jsonschema==0.39.0
fi
kinds="$("$bin/stream_file" --kinds)"
schema="schemas/$(python3 -c '
import json, sys
entries = [p for p in json.load(open("schemas/index.json"))["payloads"] if p["id"] == sys.argv[1]]
print(max(entries, key=lambda p: [int(x) for x in p["version"].split("-")])["path"])' "$kind")"

echo "== machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Exit status 1 (some document invalid) is expected on the stream with invalid documents.
hyperfine --ignore-failure --warmup 1 --runs "$runs" --export-json "$work/hyperfine.json" \
  -n library-validate-slice "$bin/stream_library $work/stream.ndjson" \
  -n library-judge "$bin/stream_library $work/stream.ndjson --detect" \
  -n cli-jobs-1 "$cli validate --jobs 1 $work/stream.ndjson" \
  -n cli-default-jobs "$cli validate $work/stream.ndjson" \
  -n cli-jobs-1-third-invalid "$cli validate --jobs 1 $work/third.ndjson" \
  -n cli-default-jobs-third-invalid "$cli validate $work/third.ndjson" \
  -n node-ajv "node bench/node/stream.mjs $work/stream.ndjson $kinds" \
  -n library-one-kind "$bin/stream_library $work/kind.ndjson --kind $kind" \
  -n cli-one-kind-jobs-1 "$cli validate --jobs 1 --kind $kind $work/kind.ndjson" \
  -n check-jsonschema-1000-files "$work/venv/bin/check-jsonschema --schemafile $schema $work/files/*.json" \
  -n cli-1000-files "$cli validate --kind $kind $work/files/*.json"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/hyperfine.json" <<'EOF'
import json, os, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
# `--ignore-failure` lets the streams with invalid documents exit with 1; every other command
# must succeed in every run, or its time measures a failure.
failed = [name for name, r in results.items()
          if "invalid" not in name and any(code != 0 for code in r["exit_codes"])]
if failed:
    sys.exit(f"failed (non-zero exit status): {', '.join(failed)}")
median = {name: r["median"] for name, r in results.items()}
cpu = {name: r["user"] + r["system"] for name, r in results.items()}
def show(label, faster, slower, target=None):
    ratio = median[slower] / median[faster]
    verdict = "" if target is None else ("  met" if ratio >= target else "  NOT met") + f" (target {target}x)"
    print(f"{label:<66} {ratio:6.2f}x{verdict}")
print("== medians")
for name, seconds in median.items():
    documents = 1_000 if "1000-files" in name else 100_000
    print(f"{name:<34} {seconds * 1000:8.0f} ms   {seconds / documents * 1e6:6.2f} µs per document"
          f"   CPU (user + system, mean) {cpu[name] * 1000:6.0f} ms")
print("== ratios (medians; throughput of the first ÷ throughput of the second)")
show("cli --jobs 1 ÷ library judge (detection both)", "cli-jobs-1", "library-judge", 0.8)
show("cli --jobs 1 ÷ library validate_slice (kind known to the library)", "cli-jobs-1", "library-validate-slice")
show("cli --jobs 1 --kind ÷ library validate_slice, one kind", "cli-one-kind-jobs-1", "library-one-kind", 0.8)
show("cli default --jobs ÷ cli --jobs 1", "cli-default-jobs", "cli-jobs-1", 1.7)
show("cli default --jobs ÷ node + ajv", "cli-default-jobs", "node-ajv", 4)
show("cli --jobs 1 ÷ node + ajv", "cli-jobs-1", "node-ajv")
show("cli ÷ check-jsonschema, 1,000 single files", "cli-1000-files", "check-jsonschema-1000-files")
third = median["cli-jobs-1-third-invalid"] / median["cli-jobs-1"]
print(f"{'a third invalid ÷ all valid, per document, --jobs 1':<66} {third:6.2f}x  {'met' if third <= 2 else 'NOT met'} (target ≤ 2x)")
third = median["cli-default-jobs-third-invalid"] / median["cli-default-jobs"]
print(f"{'a third invalid ÷ all valid, per document, default --jobs':<66} {third:6.2f}x")
print("== the same from CPU time (user + system), which another process's load changes less")
print(f"{'cli --jobs 1 ÷ library judge':<66} {cpu['library-judge'] / cpu['cli-jobs-1']:6.2f}x")
print(f"{'cli --jobs 1 --kind ÷ library validate_slice, one kind':<66} {cpu['library-one-kind'] / cpu['cli-one-kind-jobs-1']:6.2f}x")
print(f"{'cli --jobs 1 ÷ node + ajv':<66} {cpu['node-ajv'] / cpu['cli-jobs-1']:6.2f}x")
print(f"{'a third invalid ÷ all valid, --jobs 1':<66} {cpu['cli-jobs-1-third-invalid'] / cpu['cli-jobs-1']:6.2f}x")
cores = os.cpu_count()
print(f"{f'default --jobs on {cores} idle cores, at most ({cores} × CPU --jobs 1 ÷ CPU default)':<66} "
      f"{cores * cpu['cli-jobs-1'] / cpu['cli-default-jobs']:6.2f}x")
EOF

echo "== peak RSS on $(du -h "$work/1gib.ndjson" | cut -f1) ($(wc -c <"$work/1gib.ndjson") bytes)"
for jobs in 1 2 4 8; do
  /usr/bin/time -f "--jobs $jobs: peak RSS %M KiB, %e s" "$cli" validate --jobs "$jobs" "$work/1gib.ndjson" >/dev/null
done

if command -v valgrind >/dev/null; then
  echo "== callgrind, first 20,000 lines: instructions"
  head -n 20000 "$work/stream.ndjson" >"$work/stream-20k.ndjson"
  head -n 20000 "$work/third.ndjson" >"$work/third-20k.ndjson"
  head -n 20000 "$work/kind.ndjson" >"$work/kind-20k.ndjson"
  # The instructions of one run (exit status 1, some document invalid, is expected).
  count() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  known=$(count "$bin/stream_library" "$work/stream-20k.ndjson")
  judge=$(count "$bin/stream_library" "$work/stream-20k.ndjson" --detect)
  one=$(count "$cli" validate --jobs 1 "$work/stream-20k.ndjson")
  third=$(count "$cli" validate --jobs 1 "$work/third-20k.ndjson")
  library_kind=$(count "$bin/stream_library" "$work/kind-20k.ndjson" --kind "$kind")
  cli_kind=$(count "$cli" validate --jobs 1 --kind "$kind" "$work/kind-20k.ndjson")
  python3 -c "
known, judge, one, third = $known, $judge, $one, $third
library_kind, cli_kind = $library_kind, $cli_kind
print(f'one kind: library validate_slice {library_kind:>13,}   cli --jobs 1 --kind {cli_kind:>13,}: {library_kind / cli_kind:.2f}x')
print(f'library validate_slice {known:>13,}   library judge {judge:>13,}')
print(f'cli --jobs 1 {one:>13,}   on a third invalid {third:>13,}')
print(f'cli --jobs 1 ÷ library judge, throughput: {judge / one:.2f}x; ÷ library validate_slice: {known / one:.2f}x')
print(f'a third invalid ÷ all valid: {third / one:.2f}x')"
  rm -f "$work"/jobs2.callgrind*
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/jobs2.callgrind" \
    "$cli" validate --jobs 2 "$work/stream-20k.ndjson" >/dev/null 2>&1 || true
  python3 - "$work" "$one" <<'EOF'
import glob, sys
work, one = sys.argv[1], int(sys.argv[2])
threads = []
for path in sorted(glob.glob(f"{work}/jobs2.callgrind-*")):
    for line in open(path):
        if line.startswith("summary:"):
            threads.append(int(line.split()[1]))
main, workers = threads[0], threads[1:]
total = sum(threads)
print(f"--jobs 2 per thread: calling thread {main:,} (reads, writes), workers {', '.join(f'{w:,}' for w in workers)}")
bound = max(main, total / 2, max(workers))
print(f"--jobs 2 on 2 cores, bound by instructions: {one / bound:.2f}x --jobs 1 (total {total:,} over 2 cores)")
EOF
fi
