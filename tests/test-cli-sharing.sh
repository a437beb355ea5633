#!/usr/bin/env bash
# test-cli-sharing.sh: the sharing commands end to end: article (the article's code as written
# and corrected), shared-counter and transfer, with bad input refused and no process left behind.
set -u

source "$(dirname "$0")/sl-test-lib.sh"

# ---- article ----
"$cli" article --list >"$tmp/list" 2>&1
if grep -q "^  queue " "$tmp/list" && grep -q "^  flask-processes " "$tmp/list"; then
  ok "article --list names the checks"
else
  fail "article --list names the checks"
fi
expect_exit 2 "unknown check “nope”" "unknown check" -- "$cli" article nope
expect_exit 2 "--timeout must be" "timeout out of range" -- "$cli" article --timeout 0
expect_exit 2 "--fib 99 is out of range" "fib out of range" -- "$cli" article --fib 99
expect_exit 2 "--requests 0 is out of range" "requests out of range" -- "$cli" article --requests 0

if python_available; then
  "$cli" article --json --timeout 2 --fib 18 counter queue >"$tmp/article.json" 2>"$tmp/err"
  code=$?
  [ "$code" -eq 0 ] && ok "article exits 0 when every corrected version runs" \
    || { fail "article exits $code"; sed 's/^/#   /' "$tmp/err" | head -5; }
  if python3 - "$tmp/article.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "speedup-lab-article/1"
checks = {c["id"]: c for c in d["checks"]}
assert set(checks) == {"counter", "queue"}
queue = checks["queue"]["as_written"]
# The outcome the interpreter gave: recorded with its type and message, never left empty.
assert queue["status"] == "blocked", queue["status"]
assert queue["exception_type"] and queue["exception_message"], queue
assert queue["futures"] == {"total": 3, "failed": 3, "pending": 0}, queue["futures"]
for c in checks.values():
    assert c["corrected"]["status"] == "ok", c["corrected"]
    assert "https://" not in c["as_written"]["code"]
PY
  then ok "article --json records each outcome"; else fail "article --json records each outcome"; fi

  "$cli" article --timeout 2 --fib 18 -o "$tmp/flask.json" flask-processes >"$tmp/out" 2>"$tmp/err"
  if grep -q "^  As written: " "$tmp/out" && grep -q "^  Corrected: *Ran to the end" "$tmp/out" &&
     python3 -c 'import json,sys; json.load(open(sys.argv[1]))["checks"][0]["as_written"]["exception_type"] or sys.exit(1)' "$tmp/flask.json"; then
    ok "article prints both outcomes and writes --output"
  else
    fail "article prints both outcomes and writes --output"; sed 's/^/#   /' "$tmp/out" | head -12
  fi

  # Interrupted while the Queue example waits for ever: stopped, with nothing left behind.
  "$cli" article --timeout 30 queue >/dev/null 2>&1 &
  pid=$!
  sleep 3
  kill -INT $pid
  wait $pid
  code=$?
  sleep 0.5
  [ "$code" -eq 130 ] && ok "article stops on SIGINT (130)" || fail "article on SIGINT exits $code"
  left=$(leftovers '^(speedup-lab-|python)')
  [ "$left" -eq 0 ] && ok "nothing left after an interrupted article run" \
    || fail "$left processes left after an interrupted article run"
else
  echo "# the python runtime is not available: article runs skipped"
fi

# ---- shared-counter ----
"$cli" shared-counter --list >"$tmp/list" 2>&1
if grep -q "^  c-plain " "$tmp/list" && grep -q "^  mp-manager-dict-lock " "$tmp/list"; then
  ok "shared-counter --list names the patterns"
else
  fail "shared-counter --list names the patterns"
fi
expect_exit 2 "--pattern: unknown pattern “nope”" "unknown pattern" -- "$cli" shared-counter --pattern nope
expect_exit 2 "Worker count 0 is out of range 1–64" "zero workers" -- "$cli" shared-counter --workers 0
expect_exit 2 "Repetitions 0 are out of range" "zero repetitions" -- "$cli" shared-counter --repeat 0
expect_exit 2 "Switch interval" "switch interval out of range" -- "$cli" shared-counter --switch-interval 5
expect_exit 2 "whole numbers" "negative updates" -- "$cli" shared-counter --updates -3

"$cli" shared-counter --pattern c-plain,c-atomic,c-mutex --updates 100000 --repeat 2 \
  -o "$tmp/counter.json" >"$tmp/out" 2>"$tmp/err"
code=$?
if [ "$code" -eq 0 ] && grep -q "^  c-atomic " "$tmp/out" && python3 - "$tmp/counter.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "speedup-lab-shared-counter/1"
p = {x["id"]: x for x in d["patterns"]}
assert [x["id"] for x in d["patterns"]] == ["c-plain", "c-atomic", "c-mutex"]
for id in ("c-atomic", "c-mutex"):
    assert p[id]["lost"]["total"] == 0, p[id]
    assert all(r["observed"] == p[id]["expected"] == 400000 for r in p[id]["repetitions"])
assert all(r["lost"] == 400000 - r["observed"] for r in p["c-plain"]["repetitions"])
PY
then ok "shared-counter prints its table and writes --output"
else fail "shared-counter exits $code or its document is wrong"; sed 's/^/#   /' "$tmp/err" | head -5
fi

if python_available; then
  "$cli" shared-counter --json --pattern py-attr,py-attr-lock,mp-value-lock --updates 2000 \
    --repeat 2 --switch-interval 0.0001 >"$tmp/py.json" 2>"$tmp/err"
  if python3 - "$tmp/py.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
# The interpreter keeps it in microseconds: 9.999999999999999e-05 reads back.
assert abs(float(d["runtime"]["switch_interval_s"]) - 0.0001) < 1e-9, d["runtime"]
assert d["settings"]["switch_interval_s"] == 0.0001
p = {x["id"]: x for x in d["patterns"]}
for id in ("py-attr-lock", "mp-value-lock"):
    assert p[id]["lost"]["total"] == 0, p[id]
assert len(p["py-attr"]["repetitions"]) == 2
PY
  then ok "shared-counter runs the Python patterns with the switch interval asked"
  else fail "shared-counter's Python patterns"; sed 's/^/#   /' "$tmp/err" | head -5
  fi
fi
left=$(leftovers '^(speedup-lab-|python)')
[ "$left" -eq 0 ] && ok "nothing left after shared-counter" || fail "$left processes left after shared-counter"

# ---- transfer ----
"$cli" transfer --list >"$tmp/list" 2>&1
grep -q "^  c-shm-ring " "$tmp/list" && grep -q "^  shared-memory " "$tmp/list" \
  && ok "transfer --list names the channels" || fail "transfer --list names the channels"
expect_exit 2 "--channel: unknown channel “nope”" "unknown channel" -- "$cli" transfer --channel nope
expect_exit 2 "--size: “4X” is not a size" "bad size" -- "$cli" transfer --size 100,4X
expect_exit 2 "Payload size 8 bytes" "size below the header" -- "$cli" transfer --size 8
expect_exit 2 "--budget" "bad budget" -- "$cli" transfer --budget lots

channels=c-pipe,c-shm-ring
python_available && channels=$channels,queue,pipe,shared-memory,manager,futures
"$cli" transfer --channel "$channels" --size 100,64K,1M --budget 2M --max-messages 50 \
  -o "$tmp/transfer.json" >"$tmp/out" 2>"$tmp/err"
code=$?
if [ "$code" -eq 0 ] && grep -q "^  c-shm-ring " "$tmp/out" && python3 - "$tmp/transfer.json" "$channels" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "speedup-lab-transfer/1"
assert {p["channel"] for p in d["points"]} == set(sys.argv[2].split(","))
for p in d["points"]:
    # Every byte arrived: the count and the checksum of what the parent read.
    assert p["complete"] and p["checksum"] == p["expected_checksum"], p
    assert p["bytes"] == p["expected_bytes"] == p["size"] * p["messages"], p
PY
then ok "transfer delivers every byte on every channel"
else fail "transfer exits $code or its document is wrong"; sed 's/^/#   /' "$tmp/err" | head -5
fi
left=$(leftovers '^(speedup-lab-|python)')
[ "$left" -eq 0 ] && ok "nothing left after transfer" || fail "$left processes left after transfer"

finish
