#!/usr/bin/env bash
# Side-by-side measurements of the built binary against ripgrep on a generated text.
# Needs: hyperfine, ripgrep (rg), python3. Usage: benches/compare.sh [MEGABYTES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

megabytes=${1:-100}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/pilcrow
catalogue=assets/commentary.topics.toml

"$bin" synth --bytes $((megabytes * 1000 * 1000)) > "$work/big.txt"
echo "text: $(stat -c %s "$work/big.txt") bytes"

# Every literal the catalogue names, one per line, for rg -f.
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
    -n ripgrep "rg --count-matches -i -w -F -f $work/patterns.txt $work/big.txt" \
    -n pilcrow "$bin index --json --topics $catalogue $work/big.txt > /dev/null"

python3 - "$work/index.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rg, pc = results["ripgrep"]["median"], results["pilcrow"]["median"]
print(f"index median: pilcrow {pc:.3f} s, ripgrep {rg:.3f} s, ratio {pc / rg:.2f}")
PY

for name in ripgrep pilcrow; do
    if [ "$name" = ripgrep ]; then
        cmd=(rg --count-matches -i -w -F -f "$work/patterns.txt" "$work/big.txt")
    else
        cmd=("$bin" index --json --topics "$catalogue" "$work/big.txt")
    fi
    rss=$( { /usr/bin/time -v "${cmd[@]}" > /dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
    echo "peak RSS $name: $((rss / 1024)) MiB"
done
