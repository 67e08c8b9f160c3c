#!/usr/bin/env bash
# Idle CPU of the real dashboard, paused and finished, over 10 s each.
# Runs the release binary in a detached tmux session and reads the process's
# user+system CPU ticks from /proc before and after.
# Usage: scripts/idle-cpu.sh [seconds]
set -euo pipefail
secs=${1:-10}
bin=target/release/threadline
cargo build --release --quiet
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # $1 = label, $2 = pid
  local a b
  a=$(ticks "$2"); sleep "$secs"; b=$(ticks "$2")
  awk -v l="$1" -v d=$((b - a)) -v hz="$hz" -v s="$secs" \
    'BEGIN { printf "%-9s %d ticks in %d s = %.2f%% of one core\n", l, d, s, 100 * d / hz / s }'
}
session=threadline-idle-$$
trap 'tmux kill-session -t $session 2>/dev/null || true' EXIT
tmux new-session -d -s "$session" -x 120 -y 40 "$bin run basic --seed 1"
sleep 1
pid=$(pgrep -n -f "$bin run basic --seed 1")
tmux send-keys -t "$session" space   # pause mid-run
sleep 0.5
measure paused "$pid"
tmux send-keys -t "$session" space   # resume; basic ends at ~3 s
sleep 4
measure finished "$pid"
tmux send-keys -t "$session" q
