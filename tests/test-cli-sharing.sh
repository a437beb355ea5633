#!/usr/bin/env bash
# test-cli-sharing.sh: the sharing commands end to end: article (the article's code as written
# and corrected), with bad input refused and no process left behind.
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

finish
