#!/usr/bin/env bash
# test-cli-history.sh: speedup-lab-cli run --save, history and compare end to end, in a history
# folder of the test's own: listing, showing, renaming, deleting, comparing with an overlay
# chart, and malformed or foreign files (exit 2, a message that says what is wrong).
set -u

source "$(dirname "$0")/sl-test-lib.sh"

export XDG_DATA_HOME="$tmp/data"
history="$XDG_DATA_HOME/speedup-lab/experiments"
small=(--workload cpu-sum --param n=2000000 --tasks 8 --workers 1,2 --repeat 4 --warmup 0 --quiet)

# ---- an empty history ----
expect_exit 0 "" "list an empty history" -- "$cli" history list
grep -q "^0 experiments in $history" "$tmp/out" && ok "an empty history says so" || fail "an empty history says so"
[ ! -e "$history" ] && ok "listing creates no folder" || fail "listing creates no folder"

# ---- run --save keeps every run ----
expect_exit 0 "" "run --save" -- "$cli" run "${small[@]}" --save
expect_exit 0 "" "run --save again" -- "$cli" run "${small[@]}" --param n=4000000 --save
[ "$(ls "$history" | grep -c '\.speedup\.json$')" -eq 2 ] && ok "two documents kept" || fail "two documents kept"
ls "$history" | grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z-cpu-sum(-2)?\.speedup\.json$' \
  && ok "named by date and workload" || fail "named by date and workload"
[ "$(stat -c %a "$history")" = 700 ] && ok "the folder is private" || fail "the folder is private"

# A folder that cannot be made is found before the sweep.
touch "$tmp/a-file"
XDG_DATA_HOME="$tmp/a-file" expect_exit 2 "--save: cannot create the history folder" \
  "unwritable history refused before running" -- "$cli" run "${small[@]}" --save

# ---- list and show ----
expect_exit 0 "" "history list" -- "$cli" history list
grep -q "^2 experiments in $history" "$tmp/out" && ok "list counts them" || fail "list counts them"
grep -qE "^   1  .*Sum of integers · native · threads, processes" "$tmp/out" && ok "list shows the experiment" \
  || fail "list shows the experiment"
grep -qE "best [0-9.]+× at [0-9] workers? \((threads|processes)\) · .*-cpu-sum" "$tmp/out" && ok "list shows the best point and the ID" \
  || fail "list shows the best point and the ID"

"$cli" history list --json >"$tmp/list.json"
if python3 - "$tmp/list.json" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))
assert len(entries) == 2
assert entries[0]["created"] >= entries[1]["created"]
for e in entries:
    assert e["error"] is None and e["workload"] == "cpu-sum" and e["runtime"] == "native"
    assert e["models"] == ["threads", "processes"] and e["best_workers"] in (1, 2)
PY
then ok "list --json"; else fail "list --json"; fi
newest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$tmp/list.json")
oldest_path=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["path"])' "$tmp/list.json")

expect_exit 0 "" "show by number" -- "$cli" history show 1
grep -q "n=4000000" "$tmp/out" && ok "number 1 is the newest" || fail "number 1 is the newest"
expect_exit 0 "" "show by ID" -- "$cli" history show "$newest"
expect_exit 0 "" "show by path" -- "$cli" history show "$oldest_path"
grep -q "n=2000000" "$tmp/out" && ok "show prints the table" || fail "show prints the table"
expect_exit 2 "There is no experiment #7" "show a number out of range" -- "$cli" history show 7
expect_exit 2 "No file or experiment “nope”" "show an unknown ID" -- "$cli" history show nope
expect_exit 2 "unknown history action" "unknown action" -- "$cli" history frobnicate
expect_exit 2 "wrong number of arguments" "show without an ID" -- "$cli" history show
expect_exit 2 "needs an action" "history alone" -- "$cli" history

# ---- rename ----
expect_exit 0 "" "rename" -- "$cli" history rename 1 "Before the upgrade"
"$cli" history list >"$tmp/out"
grep -qE "^   1  .*Before the upgrade · native" "$tmp/out" && ok "the title is listed" || fail "the title is listed"
expect_exit 0 "" "show a renamed one" -- "$cli" history show 1
head -1 "$tmp/out" | grep -qx "Before the upgrade" && ok "show prints the title" || fail "show prints the title"
expect_exit 0 "" "remove the title" -- "$cli" history rename 1 ""
"$cli" history list | grep -q "Before the upgrade" && fail "the title is gone" || ok "the title is gone"

# ---- compare ----
expect_exit 0 "" "compare two" -- "$cli" compare 1 2 --chart speedup:"$tmp/overlay.png" \
  --chart time:"$tmp/overlay.svg" --chart efficiency:"$tmp/overlay.pdf" --json "$tmp/compare.json"
grep -q "^  A  n=4000000" "$tmp/out" && grep -q "^  B  n=2000000" "$tmp/out" \
  && ok "labels say what differs" || fail "labels say what differs"
grep -q "B (n=2000000) against A (n=4000000):" "$tmp/out" && ok "the table is headed" || fail "the table is headed"
[ "$(grep -cE '^  (threads|processes) +[12] ' "$tmp/out")" -eq 4 ] && ok "a row per model and worker count" \
  || fail "a row per model and worker count"
grep -q "Mann–Whitney" "$tmp/out" && ok "the rule is stated" || fail "the rule is stated"
grep -q "different machines" "$tmp/out" && fail "no machine warning on one machine" || ok "no machine warning on one machine"
if python3 - "$tmp/overlay.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read(32)
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1200, 800), (w, h)
PY
then ok "overlay PNG of 1200×800"; else fail "overlay PNG of 1200×800"; fi
if command -v rsvg-convert >/dev/null; then
  rsvg-convert "$tmp/overlay.svg" -o "$tmp/overlay-svg.png" 2>"$tmp/err" && [ -s "$tmp/overlay-svg.png" ] \
    && ok "overlay SVG renders" || fail "overlay SVG renders"
fi
grep -q "<title>Wall time — Sum of integers</title>" "$tmp/overlay.svg" && ok "SVG has the title" || fail "SVG has the title"
head -c 4 "$tmp/overlay.pdf" | grep -q "%PDF" && ok "overlay PDF" || fail "overlay PDF"
if python3 - "$tmp/compare.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "speedup-lab-comparison/1"
assert d["rule"]["alpha"] == 0.05 and d["rule"]["min_change"] == 0.05
assert [e["label"] for e in d["experiments"]] == ["n=4000000", "n=2000000"]
assert len(d["rows"]) == 4
for r in d["rows"]:
    assert r["b"] == 1 and r["runs_a"] == 4 and r["runs_b"] == 4
    assert r["time_a_s"] > 0 and r["time_b_s"] > 0
    assert abs(r["ratio"] - r["time_b_s"] / r["time_a_s"]) < 1e-9
    assert 0 < r["p_value"] <= 1 and isinstance(r["significant"], bool)
assert d["different_machines"] is False and d["warning"] is None
PY
then ok "compare --json"; else fail "compare --json"; fi

# Another machine: compared, with a warning.
python3 - "$oldest_path" "$tmp/elsewhere.speedup.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["system"]["cpu_model"] = "Other CPU 9000"
d["system"]["usable_cpus"] = 64
json.dump(d, open(sys.argv[2], "w"))
PY
expect_exit 0 "" "compare across machines" -- "$cli" compare "$oldest_path" "$tmp/elsewhere.speedup.json"
grep -q "^Warning: Compared across different machines" "$tmp/out" && grep -q "Other CPU 9000 (64 usable" "$tmp/out" \
  && ok "the machine warning" || fail "the machine warning"
grep -q "^  B  Other CPU 9000" "$tmp/out" && ok "the label names the machine" || fail "the label names the machine"

# ---- malformed, foreign and missing files: exit 2, what is wrong ----
printf '{"format": "speedup-lab/1", "spec": {' >"$tmp/truncated.speedup.json"
expect_exit 2 "not-json.json is not a JSON file" "compare a malformed file" -- "$cli" compare 1 "$data/not-json.json"
expect_exit 2 "is not a JSON file: line 1" "compare a truncated file" -- "$cli" compare "$tmp/truncated.speedup.json" 1
expect_exit 2 "foreign.json is not a Speedup Lab result" "compare a foreign file" -- "$cli" compare 1 "$data/foreign.json"
expect_exit 2 "newer version of Speedup Lab" "compare a future file" -- "$cli" compare 1 "$data/newer-version.json"
expect_exit 2 "Cannot read $tmp/missing.speedup.json" "compare a missing file" -- "$cli" compare 1 "$tmp/missing.speedup.json"
expect_exit 2 "two experiments or more" "compare one" -- "$cli" compare 1
expect_exit 2 "the tasks chart shows one point of one experiment" "no overlay of tasks" -- \
  "$cli" compare 1 2 --chart tasks:"$tmp/t.png"
expect_exit 2 "Unknown chart kind" "unknown chart kind" -- "$cli" compare 1 2 --chart pie:"$tmp/p.png"
expect_exit 2 "does not exist" "unwritable chart" -- "$cli" compare 1 2 --chart time:/nonexistent/x.png
[ ! -e "$tmp/t.png" ] && ok "nothing written on bad usage" || fail "nothing written on bad usage"
expect_exit 2 "foreign.json is not a Speedup Lab result" "show a foreign file" -- "$cli" history show "$data/foreign.json"
expect_exit 2 "not a JSON file" "show a truncated file" -- "$cli" history show "$tmp/truncated.speedup.json"

# Unreadable files in the folder: listed with the reason, never removed.
cp "$data/foreign.json" "$history/2020-01-01T00-00-00Z-foreign.speedup.json"
cp "$tmp/truncated.speedup.json" "$history/2020-01-02T00-00-00Z-truncated.speedup.json"
cp "$data/newer-version.json" "$history/2020-01-03T00-00-00Z-future.speedup.json"
expect_exit 0 "" "list with unreadable files" -- "$cli" history list
grep -q "^5 experiments" "$tmp/out" && grep -q "^3 cannot be read" "$tmp/out" && ok "unreadable ones counted" \
  || fail "unreadable ones counted"
grep -q "unreadable: 2020-01-01T00-00-00Z-foreign.speedup.json" "$tmp/out" && grep -q "is not a Speedup Lab result" "$tmp/out" \
  && ok "foreign file listed with the reason" || fail "foreign file listed with the reason"
grep -q "made by a newer version" "$tmp/out" && ok "future file listed with the reason" || fail "future file listed with the reason"
[ "$(ls "$history" | wc -l)" -eq 5 ] && ok "nothing removed" || fail "nothing removed"
expect_exit 2 "is not a Speedup Lab result" "show an unreadable entry by number" -- "$cli" history show 5
expect_exit 2 "is not a JSON file" "rename an unreadable entry" -- "$cli" history rename 2020-01-02T00-00-00Z-truncated x

# ---- delete ----
expect_exit 2 "is not an experiment of the history" "delete a file outside the history" -- \
  "$cli" history delete "$tmp/elsewhere.speedup.json"
[ -e "$tmp/elsewhere.speedup.json" ] && ok "a file outside stays" || fail "a file outside stays"
expect_exit 0 "" "delete an unreadable one" -- "$cli" history delete 2020-01-01T00-00-00Z-foreign
expect_exit 0 "" "delete by number" -- "$cli" history delete 1
grep -q "^Deleted $history/$newest.speedup.json" "$tmp/out" && ok "delete names the file" || fail "delete names the file"
[ "$(ls "$history" | wc -l)" -eq 3 ] && ok "two deleted" || fail "two deleted"
expect_exit 2 "No file or experiment" "delete it again" -- "$cli" history delete "$newest"

# ---- another folder ----
mkdir -p "$tmp/other"
cp "$oldest_path" "$tmp/other/mine.speedup.json"
expect_exit 0 "" "list --dir" -- "$cli" history list --dir "$tmp/other"
grep -q "^1 experiment in $tmp/other" "$tmp/out" && ok "--dir lists that folder" || fail "--dir lists that folder"
expect_exit 0 "" "compare IDs from --dir" -- "$cli" compare --dir "$tmp/other" mine "$oldest_path"

finish
