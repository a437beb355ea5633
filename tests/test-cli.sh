#!/usr/bin/env bash
# test-cli.sh: speedup-lab-cli end to end: commands, exit codes, bad input, files written,
# faults in workers and SIGINT, with no process left behind.
set -u

source "$(dirname "$0")/sl-test-lib.sh"

small=(--workload cpu-sum --param n=2000000 --tasks 8 --workers 1,2 --repeat 2 --warmup 0)

# ---- help and listing ----
expect_exit 0 "" "--help" -- "$cli" --help
expect_exit 2 "unknown command" "unknown command" -- "$cli" frobnicate
expect_exit 2 "" "no command" -- "$cli"
"$cli" list >"$tmp/list" 2>&1
if grep -q "cpu-sum" "$tmp/list" && grep -q "seed-cpu" "$tmp/list" && grep -q "seed-io" "$tmp/list"; then
  ok "list names workloads and presets"
else
  fail "list names workloads and presets"
fi
expect_exit 0 "" "info" -- "$cli" info
if "$cli" info --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["usable_cpus"] >= 1' 2>/dev/null; then
  ok "info --json has usable_cpus"
else
  fail "info --json has usable_cpus"
fi

# ---- bad input: exit 2, a message naming the problem, nothing run ----
expect_exit 2 "Unknown workload “nope”" "unknown workload" -- "$cli" run --workload nope
expect_exit 2 "Unknown preset" "unknown preset" -- "$cli" run --preset seed-nope
expect_exit 2 "has no parameter “size”" "unknown parameter" -- "$cli" run --workload cpu-sum --param size=3
expect_exit 2 "out of range" "parameter out of range" -- "$cli" run --workload cpu-sum --param n=0
expect_exit 2 "KEY=VALUE" "malformed parameter" -- "$cli" run --workload cpu-sum --param n
expect_exit 2 "out of range 1–256" "zero workers" -- "$cli" run --workers 0
expect_exit 2 "out of range 1–256" "absurd worker count" -- "$cli" run --workers 100000
expect_exit 2 "Malformed worker list" "malformed worker list" -- "$cli" run --workers 1,x
expect_exit 2 "backwards" "backwards range" -- "$cli" run --workers 8-2
expect_exit 2 "Unknown execution model" "unknown model" -- "$cli" run --models fibers
expect_exit 2 "Unknown runtime" "unknown runtime" -- "$cli" run --runtime java
expect_exit 2 "Repetitions" "zero repetitions" -- "$cli" run --repeat 0
expect_exit 2 "Chunk size" "zero chunk" -- "$cli" run --chunk 0
expect_exit 2 "Timeout" "negative timeout" -- "$cli" run --timeout -3
# The validator's message, with the flag that set the value.
expect_exit 2 "--chunk: Chunk size 0 is out of range 1–1000000" "message names the flag" -- "$cli" run --chunk 0
expect_exit 2 "--chunk: Chunk size 2000000 is out of range 1–1000000" "chunk above the limit" -- "$cli" run --chunk 2000000
expect_exit 2 "--warmup: Warm-up runs 101 are out of range 0–100" "warm-up above the limit" -- "$cli" run --warmup 101
# A setting the CLI parses itself names its flag the same way.
expect_exit 2 "--workers: Worker count 300 is out of range 1–256" "worker list names the flag" -- "$cli" run --workers 1,300
expect_exit 2 "--models: Unknown execution model “fibers”" "model list names the flag" -- "$cli" run --models fibers
expect_exit 2 "--preset: Unknown preset “seed-nope”" "preset names the flag" -- "$cli" run --preset seed-nope
expect_exit 2 "--param: Parameter n = 0 is out of range" "parameter names the flag" -- "$cli" run --workload cpu-sum --param n=0
# A number too large to hold points to --help, which shows the range from the limits.
expect_exit 2 "--chunk: 99999999999 is out of range" "huge chunk" -- "$cli" run --chunk 99999999999
"$cli" run --help >"$tmp/help" 2>&1
grep -qF -- "1–1000000" "$tmp/help" && ok "help shows the chunk range" || fail "help shows the chunk range"
# Negative numbers are errors, never "the default".
expect_exit 2 "--repeat takes a whole number, not “-1”" "negative repetitions" -- "$cli" run --repeat -1
expect_exit 2 "--tasks takes a whole number, not “-1”" "negative tasks" -- "$cli" run --tasks -1
expect_exit 2 "--tasks: Task count 0 is out of range" "zero tasks" -- "$cli" run --tasks 0
expect_exit 2 "--warmup takes a whole number" "negative warm-up" -- "$cli" run --warmup -2
expect_exit 2 "--timeout takes a number of seconds" "timeout not a number" -- "$cli" run --timeout soon
# A huge worker count is a number out of range, not "not a number".
expect_exit 2 "Worker count 99999999999999999999 is out of range 1–256" "huge worker count" -- "$cli" run --workers 99999999999999999999
# The loops of a measured value and the time they are calibrated to: the validator's limits.
expect_exit 2 "--loops: Loops 2000000 are out of range 0–1000000" "loops above the limit" -- "$cli" run --loops 2000000
expect_exit 2 "--loops takes a whole number, not “-1”" "negative loops" -- "$cli" run --loops -1
expect_exit 2 "--min-time: Minimum time 0 s is out of range 0.001–60 s" "zero minimum time" -- "$cli" run --min-time 0
expect_exit 2 "--min-time: Minimum time 61 s is out of range" "minimum time above the limit" -- "$cli" run --min-time 61
expect_exit 2 "--min-time takes a number of seconds" "minimum time not a number" -- "$cli" run --min-time soon
expect_exit 2 "--min-time does nothing with --loops above 0" "minimum time with given loops" -- "$cli" run --loops 2 --min-time 1
# Repetitions until precise, within a budget.
expect_exit 2 "--until-precise: Precision 200 % is out of range 0.1–100 % (0 means off)" "precision above the limit" -- "$cli" run --until-precise 200
expect_exit 2 "--until-precise takes a percentage" "precision not a number" -- "$cli" run --until-precise lots
expect_exit 2 "--budget: Budget 0 s is out of range 0.1–86400 s" "zero budget" -- "$cli" run --until-precise 2 --budget 0
expect_exit 2 "--budget does nothing without --until-precise" "budget alone" -- "$cli" run --budget 5
# Every problem is reported, not only the first.
"$cli" run --chunk 0 --repeat 0 --timeout -1 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -qF -- "--chunk:" "$tmp/err" && grep -qF -- "--repeat:" "$tmp/err" &&
   grep -qF -- "--timeout:" "$tmp/err"; then
  ok "every problem reported"
else
  fail "every problem reported"; sed 's/^/#   /' "$tmp/err" | head -5
fi
expect_exit 2 "does not exist" "unwritable output folder" -- "$cli" run "${small[@]}" --json /nonexistent/dir/x.json
expect_exit 2 "unexpected argument" "stray argument" -- "$cli" run "${small[@]}" extra

# ---- a real run ----
expect_exit 0 "" "small run" -- "$cli" run "${small[@]}" --models threads,processes \
  --json "$tmp/r.speedup.json" --csv "$tmp/r.csv" --markdown "$tmp/r.md" --hyperfine "$tmp/r.hyperfine.json"
if python3 - "$tmp/r.speedup.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "speedup-lab/1"
assert d["system"]["usable_cpus"] >= 1
pts = d["points"]
assert len(pts) == 4, len(pts)
assert {p["model"] for p in pts} == {"threads", "processes"}
for p in pts:
    assert p["workers"] in (1, 2)
    assert p["median_s"] > 0
    assert p["checksum_ok"] is True
    assert p["efficiency"] > 0
    if p["workers"] == 1:
        assert p["speedup"] == 1.0
assert d["analysis"]["best_workers"] in (1, 2)
assert 0 <= d["analysis"]["serial_fraction"] <= 1 or d["analysis"]["serial_fraction"] is None
PY
then ok "result JSON has the documented keys"; else fail "result JSON has the documented keys"; fi
[ "$(wc -l <"$tmp/r.csv")" -eq 5 ] && ok "CSV has a header and 4 rows" || fail "CSV has a header and 4 rows"
grep -q "| Workers |" "$tmp/r.md" && ok "Markdown has the table" || fail "Markdown has the table"
# One hyperfine file per model, each with its two worker counts; the run names them.
python3 -c 'import json,sys; d=[json.load(open(f)) for f in sys.argv[1:]]; assert all(len(x["results"]) == 2 and len(x["results"][0]["times"]) == 2 for x in d)' \
  "$tmp/r-threads.hyperfine.json" "$tmp/r-processes.hyperfine.json" \
  && [ ! -e "$tmp/r.hyperfine.json" ] && grep -q "one file per model: $tmp/r-threads.hyperfine.json, $tmp/r-processes.hyperfine.json" "$tmp/out" \
  && ok "hyperfine JSON has a file per model with results and times" || fail "hyperfine JSON has a file per model with results and times"
grep -q "Workers" "$tmp/out" && ok "run prints the table" || fail "run prints the table"
[ ! -s "$tmp/err" ] && ok "no progress noise on a non-terminal stderr" || fail "no progress noise on a non-terminal stderr"

# A batch of 5 ms is calibrated to the minimum time, and the table says how; times stay per batch.
sleep_run=(--workload io-sleep --param latency_ms=5 --tasks 1 --models threads --workers 1 --repeat 2)
expect_exit 0 "" "calibrated run" -- "$cli" run "${sleep_run[@]}" --min-time 0.05 --json "$tmp/cal.json"
grep -qE "median of 2 · [0-9]+ loops per value \(calibrated to 0.05 s\)" "$tmp/out" \
  && ok "the header says the calibrated loops" || fail "the header says the calibrated loops"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["points"][0]
assert d["loops"] >= 5 and d["spec"]["loops"] == 0 and d["spec"]["min_time_s"] == 0.05, d["loops"]
assert 0.005 <= p["median_s"] < 0.02, p["median_s"]' "$tmp/cal.json" \
  && ok "the document has the loops, times per batch" || fail "the document has the loops, times per batch"
expect_exit 0 "" "run with given loops" -- "$cli" run "${sleep_run[@]}" --loops 3
grep -qF "median of 2 · 3 loops per value" "$tmp/out" && ok "the header says the given loops" \
  || fail "the header says the given loops"
expect_exit 0 "" "run with one loop" -- "$cli" run "${sleep_run[@]}" --loops 1
grep -q "median of 2$" "$tmp/out" && ok "one loop per value is not mentioned" \
  || fail "one loop per value is not mentioned"
# A point whose budget runs out before its median is precise says so, in the table and the file.
expect_exit 0 "" "run until precise" -- "$cli" run --workload io-sleep --param latency_ms=150 \
  --tasks 1 --models threads --workers 1 --repeat 1 --warmup 0 --loops 1 --until-precise 0.1 \
  --budget 0.1 --json "$tmp/budget.json"
grep -qF "median of 1 · repeated until the median’s 95 % interval is within 0.1 % (0.1 s a point at most)" "$tmp/out" \
  && ok "the header says the precision asked" || fail "the header says the precision asked"
grep -qF "threads W=1 stopped on its budget of 0.1 s after 1 repetition" "$tmp/out" \
  && ok "the point that stopped on its budget is named" || fail "the point that stopped on its budget is named"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["points"][0]["stopped_on_budget"] is True and d["spec"]["until_precise_pct"] == 0.1' "$tmp/budget.json" \
  && ok "the document says it stopped on its budget" || fail "the document says it stopped on its budget"

expect_exit 0 "" "show a saved result" -- "$cli" show "$tmp/r.speedup.json"
grep -q "processes" "$tmp/out" && ok "show prints the table" || fail "show prints the table"
printf 'not json' >"$tmp/bad.json"
expect_exit 2 "not a JSON file" "show a malformed file" -- "$cli" show "$tmp/bad.json"
echo '{"format": "other/1"}' >"$tmp/foreign.json"
expect_exit 2 "not a Speedup Lab result" "show a foreign file" -- "$cli" show "$tmp/foreign.json"
expect_exit 2 "" "show a missing file" -- "$cli" show "$tmp/missing.json"

# ---- faults: the point fails with its reason, the sweep goes on, results are written ----
expect_exit 1 "" "crashing worker" -- "$cli" run --workload test-crash --param at=3 --models processes \
  --workers 1,2 --repeat 1 --warmup 0 --tasks 8 --json "$tmp/crash.json"
if python3 - "$tmp/crash.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "partial"
assert all(p["status"] == "failed" and "signal" in p["error"] for p in d["points"])
PY
then ok "crash recorded per point"; else fail "crash recorded per point"; fi
grep -q "failed" "$tmp/out" && ok "failed points shown in the table" || fail "failed points shown in the table"
expect_exit 1 "" "hanging worker" -- "$cli" run --workload test-hang --models processes --workers 2 \
  --repeat 1 --warmup 0 --tasks 4 --timeout 0.3 --json "$tmp/hang.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "timeout" in d["points"][0]["error"]' "$tmp/hang.json" \
  && ok "hang recorded as a timeout" || fail "hang recorded as a timeout"
expect_exit 2 "only with processes" "fault workload refused in threads" -- "$cli" run --workload test-crash --models threads
[ "$(leftovers)" -eq 0 ] && ok "no worker left after faults" || fail "no worker left after faults"

# ---- SIGINT: exit 130, partial results written, workers gone ----
"$cli" run --workload cpu-sum --param n=20000000000 --tasks 64 --workers 1,2 --models processes \
  --repeat 3 --warmup 0 --json "$tmp/int.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 1.5
kill -INT "$pid"
wait "$pid"
code=$?
[ "$code" -eq 130 ] && ok "SIGINT exits 130" || fail "SIGINT exits 130 (got $code)"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"] == "cancelled"' "$tmp/int.json" \
  && ok "SIGINT writes partial results" || fail "SIGINT writes partial results"
sleep 0.2
[ "$(leftovers)" -eq 0 ] && ok "no worker left after SIGINT" || fail "no worker left after SIGINT"

finish
