#!/usr/bin/env bash
# Idle CPU of the real dashboard, paused and finished, over 10 s each.
# Runs the release binary in a detached tmux session and reads the process's
# user+system CPU ticks from /proc before and after.
# Usage: scripts/idle-cpu.sh [seconds]
set -euo pipefail
secs=${1:-10}
. "$(dirname "$0")/cpu-measure.sh"
dashboard threadline-idle 120x40 "$bin run basic --seed 1"
tmux send-keys -t "$session" space   # pause mid-run
sleep 0.5
measure paused "$pid"
tmux send-keys -t "$session" space   # resume; basic ends at ~3 s
sleep 4
measure finished "$pid"
tmux send-keys -t "$session" q
