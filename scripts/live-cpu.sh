#!/usr/bin/env bash
# CPU of the real dashboard following a live run whose threads all sleep:
# benches/scenarios/sleepers.toml (9,000 threads asleep for 600 s) in a
# detached 200x50 tmux session; user+system ticks from /proc/PID/stat over
# SECS seconds, once every thread has started; then paused, the same.
# Usage: scripts/live-cpu.sh [seconds] [workers]
set -euo pipefail
secs=${1:-10}
workers=${2:-9000}
bin=target/release/threadline
cargo build --release --quiet
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # $1 = label, $2 = pid
  local a b
  a=$(ticks "$2"); sleep "$secs"; b=$(ticks "$2")
  awk -v l="$1" -v d=$((b - a)) -v hz="$hz" -v s="$secs" \
    'BEGIN { printf "%-7s %d ticks in %d s = %.2f%% of one core\n", l, d, s, 100 * d / hz / s }'
}
session=threadline-live-$$
trap 'tmux kill-session -t $session 2>/dev/null || true' EXIT
cmd="$bin run benches/scenarios/sleepers.toml --workers $workers --seed 1"
tmux new-session -d -s "$session" -x 200 -y 50 "$cmd"
sleep 1
pid=$(pgrep -n -f "$cmd")
# Wait until every thread is up (main and the workers: workers + 1 + the UI's).
until [ "$(awk '/^Threads/ {print $2}' "/proc/$pid/status")" -gt "$workers" ]; do sleep 0.5; done
sleep 2
echo "$(awk '/^Threads/ {print $2}' "/proc/$pid/status") OS threads"
measure live "$pid"
tmux send-keys -t "$session" space   # pause
sleep 0.5
measure paused "$pid"
tmux send-keys -t "$session" q
