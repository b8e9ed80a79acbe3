#!/usr/bin/env bash
# Speed of the structured formats, on the real book in ../shared/corpus made into the files
# real producers write: a PDF printed by Chromium (300+ pages), a 5 MB HTML page by pandoc.
#  (a) pilcrow text on the PDF against pdftotext (poppler) on the same file;
#  (b) start to first screen of the PDF in tmux at 120x40;
#  (c) pilcrow text on the 5 MB page, and start to first screen of it.
# Needs pandoc, chromium, poppler-utils (pdftotext), tmux and hyperfine.
# Usage: benches/formats.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
socket="pilcrow-formats-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --quiet
bin=$(pwd)/target/release/pilcrow
book=../shared/corpus/swanns-way.txt

# The book's first 310 pages or so, printed by Chromium.
head -c 1000000 "$book" | tr -d '\r' | pandoc -f markdown -t html -s --metadata title="Swann's Way" -o "$work/book.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --print-to-pdf="$work/book.pdf" "file://$work/book.html" 2>/dev/null
pages=$(pdfinfo "$work/book.pdf" | awk '/^Pages:/ { print $2 }')
echo "PDF: $pages pages, $(stat -c %s "$work/book.pdf") bytes"
hyperfine --warmup 1 --runs "$runs" -N \
    "$bin text $work/book.pdf" "pdftotext $work/book.pdf $work/out.txt" 2>/dev/null | grep -E 'Time|±|pilcrow|pdftotext'

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
tmux_ new-session -d -s idle -x 120 -y 40 "sleep 3600"
first_screen_ms() {
    local start end pid
    start=$(date +%s%N)
    tmux_ new-session -d -s probe -x 120 -y 40 "$bin --no-state $1"
    until tmux_ capture-pane -p -t probe 2>/dev/null | grep -qF "$2"; do :; done
    end=$(date +%s%N)
    pid=$(tmux_ display -p -t probe '#{pane_pid}')
    tmux_ kill-session -t probe
    while kill -0 "$pid" 2>/dev/null; do sleep 0.001; done
    echo $(((end - start) / 1000000))
}
needle="Swann"
echo "PDF first screen median: $(for _ in $(seq "$runs"); do first_screen_ms "$work/book.pdf" "$needle"; done | median) ms"

# A 5 MB page: the book as HTML, repeated to size inside one body.
python3 - "$work/book.html" "$work/big.html" <<'PY'
import sys
page = open(sys.argv[1]).read()
head, rest = page.split("<body>", 1)
body, tail = rest.rsplit("</body>", 1)
copies = 5_000_000 // len(body) + 1
open(sys.argv[2], "w").write(head + "<body>" + body * copies + "</body>" + tail)
PY
echo "HTML: $(stat -c %s "$work/big.html") bytes"
hyperfine --warmup 1 --runs "$runs" -N "$bin text $work/big.html" 2>/dev/null | grep -E 'Time|±'
echo "HTML first screen median: $(for _ in $(seq "$runs"); do first_screen_ms "$work/big.html" "$needle"; done | median) ms"
