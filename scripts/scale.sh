#!/usr/bin/env bash
# The scheduler's cost per worker at two sizes, interleaved (A B A B …):
# wall time of `run stress --plain --speed 100` with N1 and N2 workers,
# the median of the pairs' per-worker ratios (N2's time/N2 over N1's time/N1).
# Usage: scripts/scale.sh [N1] [N2] [pairs] [extra run flags…]
set -eo pipefail
n1=${1:-1000}; n2=${2:-9999}; pairs=${3:-5}; shift 3 || true
extra=("$@")
bin=target/release/threadline
one() { # $1 = workers; prints seconds
  local a b
  a=$(date +%s.%N)
  "$bin" run stress --plain --seed 1 --speed 100 --workers "$1" "${extra[@]}" >/dev/null
  b=$(date +%s.%N)
  echo "$b - $a" | bc -l
}
ratios=()
for ((p = 0; p < pairs; p++)); do
  t1=$(one "$n1"); t2=$(one "$n2")
  r=$(echo "($t2 / $n2) / ($t1 / $n1)" | bc -l)
  printf '%6d: %.3f s  %6d: %.3f s  per-worker ratio %.2f\n' "$n1" "$t1" "$n2" "$t2" "$r"
  ratios+=("$r")
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median per-worker ratio: %.2f\n", m}'
