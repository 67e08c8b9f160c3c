# Shared by scripts/idle-cpu.sh and scripts/live-cpu.sh (sourced, not run):
# the release binary, a process's user+system CPU ticks from /proc over
# $secs seconds, and the dashboard started in a detached tmux session.
# BIN=path/to/threadline: that binary, not built here.
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  bin=target/release/threadline
  cargo build --release --quiet
fi
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # $1 = label, $2 = pid; the label padded to $label_width
  local a b
  a=$(ticks "$2"); sleep "$secs"; b=$(ticks "$2")
  awk -v l="$1" -v w="${label_width:-9}" -v d=$((b - a)) -v hz="$hz" -v s="$secs" \
    'BEGIN { printf "%-*s %d ticks in %d s = %.2f%% of one core\n", w, l, d, s, 100 * d / hz / s }'
}
dashboard() { # $1 = session name, $2 = WxH, $3 = the command; sets $session and $pid
  session=$1-$$
  trap 'tmux kill-session -t $session 2>/dev/null || true' EXIT
  tmux new-session -d -s "$session" -x "${2%x*}" -y "${2#*x}" "$3"
  sleep 1
  pid=$(pgrep -n -f "$3")
}
