#!/bin/sh
# Tracer overhead: wall time of Python programs run plainly and under
# `threadline trace --plain`, measured in the same hyperfine run.
# Usage: benches/trace_overhead.sh   (needs hyperfine and python3)
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
TL=target/release/threadline
PY=${PYTHON:-python3}
hyperfine --warmup 2 --runs ${RUNS:-15} -N \
  -n "untraced: 1000 threads, 10000 lines" "$PY benches/threads_and_lines.py" \
  -n "traced:   1000 threads, 10000 lines" "$TL trace --plain -- $PY benches/threads_and_lines.py"
for p in basic daemon join; do
  hyperfine --warmup 1 --runs ${SEED_RUNS:-5} -N \
    -n "untraced: $p.py 1 s" "$PY assets/python/$p.py 1" \
    -n "traced:   $p.py 1 s" "$TL trace --plain -- $PY assets/python/$p.py 1"
done
