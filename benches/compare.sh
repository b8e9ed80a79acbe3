#!/usr/bin/env bash
# Side-by-side measurements of the built binary, several runs, median, on a text of about
# MEGABYTES: the real book in ../shared/corpus as Project Gutenberg distributes it (CRLF,
# hard-wrapped), repeated (SOURCE=book, the default); its LF variant (SOURCE=book-lf); or
# generated prose (SOURCE=synth).
#  (a) start to first screen showing text, pilcrow against less, both in tmux at 120x40;
#  (b) pilcrow index --json --no-discover against rg --count-matches with the same patterns;
#  (c) peak RSS of each (/usr/bin/time -v), pilcrow's reader measured once its index is built;
#  (d) discovery alone (no catalogue): the time of pilcrow index, and the peak RSS of it and of
#      the reader.
# Needs tmux, less, ripgrep (rg), hyperfine, python3 and GNU time.
# Usage: [SOURCE=book|book-lf|synth] benches/compare.sh [MEGABYTES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

megabytes=${1:-100}
runs=${2:-5}
work=$(mktemp -d)
socket="pilcrow-bench-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet
bin=$(pwd)/target/release/pilcrow
catalogue=$(pwd)/assets/commentary.topics.toml
text="$work/big.txt"

source=${SOURCE:-book}
book=../shared/corpus/swanns-way.txt
case "$source" in
    synth) "$bin" synth --bytes $((megabytes * 1000 * 1000)) > "$text" ;;
    book | book-lf)
        copies=$(((megabytes * 1000 * 1000 + $(stat -c %s "$book") - 1) / $(stat -c %s "$book")))
        for _ in $(seq "$copies"); do cat "$book"; done > "$text.crlf"
        if [ "$source" = book-lf ]; then tr -d '\r' < "$text.crlf" > "$text"; rm "$text.crlf"; else mv "$text.crlf" "$text"; fi ;;
    *) echo "SOURCE must be book, book-lf or synth" >&2; exit 2 ;;
esac
bytes=$(stat -c %s "$text")
echo "text: $source, $bytes bytes"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# (a) First screen, timed by benches/first_screen.py: a tmux control-mode client captures the
# screen after each piece of output, so the clock stops within a fraction of a millisecond of
# the text appearing (a shell loop of capture-pane | grep polls every few ms, as long as what
# it measures). The two programs run in turn.
# Three words of the first line that has some, as both programs show them.
needle=$(head -c 4000 "$text" | tr -d '\r' | awk 'NF >= 3 { print $1 " " $2 " " $3; exit }')
python3 benches/first_screen.py 120 40 "$runs" "$needle" "less=less $text" \
    "pilcrow=$bin --no-state $text" | tee "$work/first"
less_ms=$(awk '$1 == "less" { print $2 }' "$work/first")
pilcrow_ms=$(awk '$1 == "pilcrow" { print $2 }' "$work/first")
echo "first screen median: pilcrow $pilcrow_ms ms, less $less_ms ms, ratio $(python3 -c "print(f'{$pilcrow_ms / $less_ms:.2f}')") (target 1.2)"

# (b) Index against ripgrep, with every literal the catalogue names.
python3 - "$catalogue" > "$work/patterns.txt" <<'PY'
import sys, tomllib
catalogue = tomllib.load(open(sys.argv[1], "rb"))
text = lambda a: a if isinstance(a, str) else a["text"]
for actor in catalogue.get("actor", []):
    print(actor["label"])
    for key in ("aliases", "metonyms", "demonyms", "short"):
        for alias in actor.get(key, []):
            print(text(alias))
for theme in catalogue.get("theme", []):
    for key in ("terms", "phrases"):
        for term in theme.get(key, []):
            print(text(term))
PY
echo "patterns: $(wc -l < "$work/patterns.txt")"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/index.json" \
    -n ripgrep "rg --count-matches -i -w -F -f $work/patterns.txt $text" \
    -n pilcrow "$bin index --json --no-discover --topics $catalogue $text > /dev/null" > /dev/null
python3 - "$work/index.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rg, pc = results["ripgrep"]["median"], results["pilcrow"]["median"]
cpu = {name: r["user"] + r["system"] for name, r in results.items()}
print(f"index median: pilcrow {pc:.3f} s, ripgrep {rg:.3f} s, ratio {pc / rg:.2f} (target 1.0); "
      f"CPU pilcrow {cpu['pilcrow']:.3f} s, ripgrep {cpu['ripgrep']:.3f} s, "
      f"ratio {cpu['pilcrow'] / cpu['ripgrep']:.2f} (target 1.5)")
PY

# (c) Peak resident memory.
rss_of() { awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print int($2 / 1024) }' "$1"; }
/usr/bin/time -v -o "$work/rss_rg" rg --count-matches -i -w -F -f "$work/patterns.txt" "$text" > /dev/null
/usr/bin/time -v -o "$work/rss_index" "$bin" index --json --no-discover --topics "$catalogue" "$text" > /dev/null
# The reader: wait until the index is built (its progress bar gone), then quit.
reader_rss() {
    tmux_ new-session -d -s probe -x 120 -y 40 "/usr/bin/time -v -o $1 $bin --no-state $2 $text"
    # Read to the end (no "+" on the paragraph count) and indexed (no progress bar).
    until screen=$(tmux_ capture-pane -p -t probe) && grep -q "ACTORS [1-9]" <<< "$screen" \
        && ! grep -qE '\+ ¶|MB/s|finding topics' <<< "$screen"; do sleep 0.05; done
    tmux_ send-keys -t probe q
    until [ -s "$1" ]; do sleep 0.05; done
}
reader_rss "$work/rss_reader" "--topics $catalogue"
tmux_ new-session -d -s probe -x 120 -y 40 "/usr/bin/time -v -o $work/rss_less less $text"
until tmux_ capture-pane -p -t probe | grep -qF "$needle"; do sleep 0.05; done
tmux_ send-keys -t probe q
until [ -s "$work/rss_less" ]; do sleep 0.05; done
target=$((bytes * 13 / 10 / 1048576 + 32))
echo "peak RSS MiB: pilcrow reader $(rss_of "$work/rss_reader"), pilcrow index $(rss_of "$work/rss_index"), ripgrep $(rss_of "$work/rss_rg"), less $(rss_of "$work/rss_less"); target 1.3 x file + 32 MiB = $target MiB"

# (d) Discovery alone.
/usr/bin/time -v -o "$work/rss_discover" "$bin" index --json --no-catalogue "$text" > /dev/null
reader_rss "$work/rss_reader_discover" "--no-catalogue"
hyperfine --runs "$runs" --export-json "$work/discover.json" \
    -n discovery "$bin index --json --no-catalogue $text > /dev/null" > /dev/null
elapsed=$(python3 -c "import json, sys; print(f'{json.load(open(sys.argv[1]))[\"results\"][0][\"median\"]:.2f}')" "$work/discover.json")
echo "discovery alone: index median $elapsed s, peak RSS MiB: index $(rss_of "$work/rss_discover"), reader $(rss_of "$work/rss_reader_discover"); target $target MiB, 3 s"
