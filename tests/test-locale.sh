#!/usr/bin/env bash
# test-locale.sh: speedup-lab-cli under a German locale. Its table and messages are German, with
# decimal commas ("1,97×"); the files it writes (the result document, CSV, Markdown, hyperfine
# JSON) keep decimal points and parse as they do under C. Skips (77) without de_DE.UTF-8, which
# tools/setup.sh installs when run as root.
set -euo pipefail

cli=${SPEEDUP_LAB_CLI:?}
if ! locale -a 2> /dev/null | grep -qix 'de_DE.utf-\?8'; then
  echo "SKIP: the de_DE.UTF-8 locale is not installed (tools/setup.sh installs it as root)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run () {
  "$cli" run --workload cpu-sum --param n=2000000 --workers 1,2 --repeat 2 --warmup 0 \
    --json "$work/$1.json" --csv "$work/$1.csv" --markdown "$work/$1.md" \
    --hyperfine "$work/$1.hyperfine.json" > "$work/$1.txt"
}

LC_ALL=C.UTF-8 run c
LANGUAGE=de LC_ALL=de_DE.UTF-8 run de

fail () { echo "FAIL: $*"; exit 1; }

# The table and the analysis: German words, decimal commas.
grep -q '^ *Worker ' "$work/de.txt" || fail "no German table header in: $(head -5 "$work/de.txt")"
grep -Eq '[0-9],[0-9]{2}×' "$work/de.txt" || fail "no speedup with a decimal comma in the table"
grep -Eq '[0-9]\.[0-9]{2}×' "$work/de.txt" && fail "a speedup with a decimal point in the German table"
grep -Eq '[0-9]\.[0-9]{2}×' "$work/c.txt" || fail "no speedup with a decimal point under C"

# The files: decimal points only, the same fields as under C.
for f in de.json de-threads.hyperfine.json de-processes.hyperfine.json; do
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/$f" || fail "$f does not parse"
  grep -Eq '"[a-z_]+" *: *-?[0-9]+,[0-9]' "$work/$f" && fail "$f has a number with a decimal comma"
done
head -1 "$work/de.csv" | cmp -s - <(head -1 "$work/c.csv") || fail "the CSV header depends on the locale"
awk -F, 'NR > 1 && NF != n { exit 1 } NR == 1 { n = NF }' "$work/de.csv" \
  || fail "a CSV row of the German run has a field too many: a decimal comma?"
grep -Eq '[0-9]+\.[0-9]+' "$work/de.csv" || fail "the CSV has no decimal point"
grep -Eq '\| *[0-9]+,[0-9]+' "$work/de.md" && fail "the Markdown table has a decimal comma"

echo "German table with decimal commas; JSON, CSV, Markdown and hyperfine files with decimal points"
