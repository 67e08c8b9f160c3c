#!/usr/bin/env bash
# CPU of the real dashboard following a live run whose threads all sleep:
# benches/scenarios/sleepers.toml (9,000 threads asleep for 600 s) in a
# detached 200x50 tmux session; user+system ticks from /proc/PID/stat over
# SECS seconds, once every thread has started; then paused, the same.
# Usage: scripts/live-cpu.sh [seconds] [workers]
# BIN=path/to/threadline measures that binary instead (no build): run two
# binaries in turn (A B A B …) to compare them.
set -euo pipefail
secs=${1:-10}
workers=${2:-9000}
label_width=7
. "$(dirname "$0")/cpu-measure.sh"
cmd="$bin run benches/scenarios/sleepers.toml --workers $workers --seed 1"
dashboard threadline-live 200x50 "$cmd"
# Wait until every thread is up (main and the workers: workers + 1 + the UI's).
until [ "$(awk '/^Threads/ {print $2}' "/proc/$pid/status")" -gt "$workers" ]; do sleep 0.5; done
sleep 2
echo "$(awk '/^Threads/ {print $2}' "/proc/$pid/status") OS threads"
measure live "$pid"
tmux send-keys -t "$session" space   # pause
# Pausing wakes every thread once (each goes back to wait on the paused
# clock): let that pass, then the paused loop alone is measured.
sleep "${SETTLE:-3}"
measure paused "$pid"
tmux send-keys -t "$session" q
