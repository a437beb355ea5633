#!/usr/bin/env bash
# test-hardening.sh: speedup-lab-cli against hostile input and faults, one section per cause:
# outputs that are not ours, unbounded input, signals, redirects, a strict command line,
# untrusted text and secrets. Each cause is tried with more than one case.
set -u

source "$(dirname "$0")/sl-test-lib.sh"

loud=(--workload cpu-sum --param n=2000000 --tasks 8 --workers 1,2 --repeat 1 --warmup 0)
small=("${loud[@]}" -q)

# ---- 1. never destroy what is not ours ----
echo original >"$tmp/target.json"
ln -s target.json "$tmp/link.json"
expect_exit 0 "" "output through a symbolic link" -- "$cli" run "${small[@]}" --json "$tmp/link.json"
[ -L "$tmp/link.json" ] && ok "the link stays a link" || fail "the link stays a link"
grep -q '"format"' "$tmp/target.json" && ok "the link's target gets the result" \
  || fail "the link's target gets the result"

mkfifo "$tmp/fifo"
timeout 60 cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
expect_exit 0 "" "output into a FIFO" -- timeout 60 "$cli" run "${small[@]}" --csv "$tmp/fifo"
wait "$reader"
[ -p "$tmp/fifo" ] && ok "the FIFO is still a FIFO" || fail "the FIFO is still a FIFO"
grep -q '^runtime,model' "$tmp/from-fifo" && ok "the FIFO's reader got the CSV" \
  || fail "the FIFO's reader got the CSV"

expect_exit 1 "No space left on device" "output to a full device" -- "$cli" run "${small[@]}" --markdown /dev/full
[ -c /dev/full ] && ok "/dev/full is still a device" || fail "/dev/full is still a device"

expect_exit 2 "name the same file" "two outputs, one file" -- "$cli" run "${small[@]}" --json "$tmp/r.json" --csv "$tmp/r.json"
expect_exit 2 "name the same file" "two outputs, one file through a link" -- "$cli" run "${small[@]}" --json "$tmp/target.json" --markdown "$tmp/link.json"
expect_exit 2 "the file name is empty" "empty output name" -- "$cli" run "${small[@]}" --json ""
expect_exit 2 "too long" "output name of 100 000 characters" -- "$cli" run "${small[@]}" --json "$(head -c 100000 /dev/zero | tr '\0' a)"
expect_exit 2 "Cannot write /proc/x.png" "chart into /proc" -- "$cli" run "${small[@]}" --chart time:/proc/x.png
expect_exit 2 "it is a folder" "output onto a folder" -- "$cli" run "${small[@]}" --csv "$tmp"
# Checked before the sweep: a bad output costs no measuring.
start=$(date +%s%N)
"$cli" run --workload cpu-sum --param n=20000000000 --tasks 64 --workers 1,2 --repeat 5 \
  --json "$tmp/ok.json" --csv "$tmp/ok.json" >/dev/null 2>&1
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 5000 ] && ok "outputs are checked before the sweep" \
  || fail "outputs are checked before the sweep"

"$cli" run "${loud[@]}" >/dev/full 2>"$tmp/err"
code=$?
[ "$code" -eq 1 ] && grep -q "standard output" "$tmp/err" && ok "a table to a full stdout is an error" \
  || fail "a table to a full stdout is an error (exit $code)"
"$cli" list >/dev/full 2>/dev/null
[ $? -ne 0 ] && ok "list to a full stdout is an error" || fail "list to a full stdout is an error"

# A chain of links that ends nowhere is followed to its end; outputs that meet there are one.
mkdir "$tmp/sub"
ln -s chain-2.json "$tmp/chain-1.json"
ln -s sub/../chain-end.json "$tmp/chain-2.json"
expect_exit 0 "" "output through a dangling chain of links" -- "$cli" run "${small[@]}" --json "$tmp/chain-1.json"
[ -L "$tmp/chain-1.json" ] && [ -L "$tmp/chain-2.json" ] && grep -q '"format"' "$tmp/chain-end.json" \
  && ok "the chain stays links and its end gets the result" \
  || fail "the chain stays links and its end gets the result"
ln -s nowhere.json "$tmp/dangling.json"
expect_exit 2 "name the same file" "two outputs, one file through a dangling link" -- "$cli" run "${small[@]}" --json "$tmp/dangling.json" --csv "$tmp/nowhere.json"
ln -s chain-2.json "$tmp/chain-3.json"
expect_exit 2 "name the same file" "two outputs, one file through two dangling chains" -- "$cli" run "${small[@]}" --json "$tmp/chain-3.json" --csv "$tmp/sub/../chain-1.json"
ln -s loop-b "$tmp/loop-a"
ln -s loop-a "$tmp/loop-b"
expect_exit 2 "Too many levels of symbolic links" "output into a loop of links" -- "$cli" run "${small[@]}" --json "$tmp/loop-a"

# Every name the file system takes can be written: the temporary name beside it is short.
long_name=$(head -c 250 /dev/zero | tr '\0' n).json
expect_exit 0 "" "an output name of 255 bytes" -- "$cli" run "${small[@]}" --json "$tmp/$long_name"
grep -q '"format"' "$tmp/$long_name" && ok "the 255-byte name holds the result" \
  || fail "the 255-byte name holds the result"
expect_exit 2 "File name too long" "an output name of 256 bytes" -- "$cli" run "${small[@]}" --json "$tmp/n$long_name"

# A FIFO that no program reads is an error at once; a reader that leaves is a write error, not
# a SIGPIPE that kills a threads-only run with nothing said.
mkfifo "$tmp/unread"
expect_exit 1 "a FIFO that no program reads from" "output into a FIFO without a reader" -- timeout 60 "$cli" run "${small[@]}" --csv "$tmp/unread"
mkfifo "$tmp/leaving"
timeout 60 head -c 10 "$tmp/leaving" >/dev/null &
reader=$!
sleep 0.5
expect_exit 1 "Broken pipe" "a FIFO whose reader leaves" -- timeout 60 "$cli" run --workload cpu-sum --param n=2000 --tasks 30000 --workers 1,2 --models threads --repeat 1 --warmup 0 -q --json "$tmp/leaving"
wait "$reader"

# A file that is already our standard output is written through it, after the table, and is
# never replaced: /dev/fd/1, /dev/stdout, or its own name.
for target in /dev/fd/1 /dev/stdout "$tmp/stdout.txt"; do
  : >"$tmp/stdout.txt"
  inode=$(stat -c %i "$tmp/stdout.txt")
  "$cli" run "${loud[@]}" --json "$target" >"$tmp/stdout.txt" 2>"$tmp/err"
  code=$?
  if [ "$code" -eq 0 ] && [ "$(stat -c %i "$tmp/stdout.txt")" = "$inode" ] &&
     grep -m1 -v '^$' "$tmp/stdout.txt" | grep -q '^cpu-sum' &&
     python3 -c 'import json,sys; t=open(sys.argv[1]).read(); assert json.loads(t[t.index("\n{\n"):])["format"]' \
       "$tmp/stdout.txt"; then
    ok "--json $target onto a file that is stdout: the table, then the document, same file"
  else
    fail "--json $target onto a file that is stdout (exit $code)"; head -3 "$tmp/err"
  fi
done

# Help and version that cannot reach their reader are errors too.
for args in --help --version "run --help" "history --help"; do
  # shellcheck disable=SC2086
  "$cli" $args >/dev/full 2>"$tmp/err"
  code=$?
  [ "$code" -ne 0 ] && grep -q "cannot write to standard output" "$tmp/err" \
    && ok "$args to a full stdout is an error" || fail "$args to a full stdout is an error (exit $code)"
done

# No output may overwrite what the command reads.
cp "$tmp/target.json" "$tmp/input.json"
expect_exit 2 "would overwrite the input" "compare --json onto an input" -- "$cli" compare "$tmp/input.json" "$tmp/target.json" --json "$tmp/input.json"
ln -s input.json "$tmp/input-link.png"
expect_exit 2 "would overwrite the input" "chart --output onto its input through a link" -- "$cli" chart "$tmp/input.json" --output "$tmp/input-link.png"
cmp -s "$tmp/input.json" "$tmp/target.json" && ok "the inputs are intact" || fail "the inputs are intact"
if python_available; then
  printf 'def task(index, count, **params):\n    return index\n' >"$tmp/mine.py"
  expect_exit 2 "would overwrite the input" "run --markdown onto its --python-file" -- "$cli" run --python-file "$tmp/mine.py" --tasks 2 --workers 1 --repeat 1 --markdown "$tmp/mine.py"
  grep -q "def task" "$tmp/mine.py" && ok "the Python file is intact" || fail "the Python file is intact"
fi

# A replaced file keeps its permissions.
cp "$tmp/target.json" "$tmp/private.json"
chmod 600 "$tmp/private.json"
expect_exit 0 "" "replacing a private file" -- "$cli" run "${small[@]}" --json "$tmp/private.json"
[ "$(stat -c %a "$tmp/private.json")" = 600 ] && ok "the replaced file is still 0600" \
  || fail "the replaced file is still 0600 ($(stat -c %a "$tmp/private.json"))"

# ---- 2. bounded input ----
head -c 100000 /dev/zero | tr '\0' '[' >"$tmp/deep.json"
expect_exit 2 "levels deep" "100 000 nested arrays" -- "$cli" show "$tmp/deep.json"
head -c 100000 /dev/zero | tr '\0' '{' >"$tmp/deep-objects.json"
expect_exit 2 "levels deep" "100 000 nested objects" -- "$cli" chart "$tmp/deep-objects.json" --output "$tmp/deep.png"
expect_exit 2 "larger than 64 MiB" "a device that never ends" -- timeout 60 "$cli" show /dev/zero
{ printf '{"format": "speedup-lab/1", "pad": "'; head -c 70000000 /dev/zero | tr '\0' x; printf '"}'; } >"$tmp/huge.json"
expect_exit 2 "larger than 64 MiB" "a 70 MB file" -- "$cli" show "$tmp/huge.json"
rm -f "$tmp/huge.json"
# A code file is read up to 1 MiB (SL_MAX_CODE_SIZE), whatever it is.
expect_exit 2 "/dev/zero is too large for a task's code: it is larger than 1 MiB" "--python-file /dev/zero" -- \
  timeout 60 "$cli" run --python-file /dev/zero
{ printf 'def task(index, count, **params):\n    return index\n'; head -c 1100000 /dev/zero | tr '\0' '#'; } >"$tmp/large.py"
expect_exit 2 "larger than 1 MiB" "a code file over 1 MiB" -- "$cli" run --python-file "$tmp/large.py"
mkfifo "$tmp/code-fifo"
timeout 60 yes >"$tmp/code-fifo" 2>/dev/null &
writer=$!
expect_exit 2 "larger than 1 MiB" "a FIFO that never ends, as a code file" -- \
  timeout 60 "$cli" run --python-file "$tmp/code-fifo"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
printf 'def task(index, count):\n    return "caf\351"\n' >"$tmp/latin1.py"
expect_exit 2 "is not UTF-8 text" "a code file that is not UTF-8" -- "$cli" run --python-file "$tmp/latin1.py"
if python_available; then
  { printf 'def task(index, count, **params):\n    return index\n'; head -c 1000000 /dev/zero | tr '\0' '#'; } >"$tmp/large.py"
  expect_exit 0 "" "a code file just under 1 MiB runs" -- "$cli" run --python-file "$tmp/large.py" --tasks 2 \
    --workers 1 --models processes --repeat 1 --warmup 0 -q
fi
rm -f "$tmp/large.py"

# What json-glib takes beyond JSON (comments, single-quoted strings) would hide brackets from the
# count of levels: refused, whichever command reads the file.
python3 -c 'print("[" + "/*\"*/[" * 100000)' >"$tmp/deep-comments.json"
expect_exit 2 "holds a comment" "100 000 arrays behind comments" -- "$cli" show "$tmp/deep-comments.json"
python3 -c "print(\"['\\\"',\" + '[' * 100000 + ']' * 100000 + \",'\\\"']\")" >"$tmp/deep-quotes.json"
expect_exit 2 "holds a single-quoted string" "100 000 arrays between single quotes" -- "$cli" chart "$tmp/deep-quotes.json" --output "$tmp/deep.png"
expect_exit 2 "holds a comment" "compare a file of arrays behind comments" -- "$cli" compare "$tmp/deep-comments.json" "$tmp/deep-quotes.json"
mkdir -p "$tmp/hist"
cp "$tmp/deep-quotes.json" "$tmp/hist/2026-01-01-quotes.speedup.json"
expect_exit 0 "" "history list with arrays between single quotes" -- "$cli" history list --dir "$tmp/hist"
grep -q "single-quoted" "$tmp/out" && ok "the file is listed with the reason" \
  || fail "the file is listed with the reason"

# A FIFO in the history folder is listed as what it is, never opened.
mkfifo "$tmp/hist/2026-01-02-fifo.speedup.json"
expect_exit 0 "" "history list with a FIFO in the folder" -- timeout 20 "$cli" history list --dir "$tmp/hist"
grep -q "not a regular file (a FIFO)" "$tmp/out" && ok "the FIFO is listed with the reason" \
  || fail "the FIFO is listed with the reason"
expect_exit 2 "not a regular file" "history show of a FIFO" -- timeout 20 "$cli" history show 2026-01-02-fifo --dir "$tmp/hist"

# Memory while loading stays within a few times the file: the latencies, most of a large
# document, are not made into json-glib's tree; a document denser than any we write is refused
# before it is parsed.
max_rss_kb() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
"$cli" run "${small[@]}" --json "$tmp/small.json"
python3 - "$tmp/small.json" "$tmp/latencies.json" <<'PY'
import copy, json, random, sys
d = json.load(open(sys.argv[1]))
random.seed(1)
points = []
for model in ("threads", "processes"):
    for workers in range(1, 129):
        p = copy.deepcopy(d["points"][0])
        p["model"], p["workers"] = model, workers
        p["latencies_100ns"] = [random.randint(10, 99) for _ in range(10000)]
        points.append(p)
d["points"] = points
d["spec"]["models"], d["spec"]["workers"] = ["threads", "processes"], list(range(1, 129))
json.dump(d, open(sys.argv[2], "w"), separators=(",", ":"))
PY
size_kb=$(( $(stat -c %s "$tmp/latencies.json") / 1024 ))
rss_kb=$(max_rss_kb "$cli" show "$tmp/latencies.json")
# AddressSanitizer's own bookkeeping doubles what any allocation costs: the bound holds for the
# program, not for a sanitizer's build of it.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  skip "a ${size_kb} KB document of latencies loads in ${rss_kb} KB (not measured under AddressSanitizer)"
elif [ "$rss_kb" -lt $(( size_kb * 10 )) ]; then
  ok "a ${size_kb} KB document of latencies loads in ${rss_kb} KB"
else
  fail "a ${size_kb} KB document of latencies loads in ${rss_kb} KB (10× its size at most)"
fi
expect_exit 0 "" "the document of latencies loads" -- "$cli" show "$tmp/latencies.json"
python3 -c 'print("{\"format\": \"speedup-lab/1\", \"x\": [" + "1," * 9000000 + "1]}")' >"$tmp/dense.json"
expect_exit 2 "more than 8000000 values" "a document of 9 million values" -- "$cli" show "$tmp/dense.json"
rss_kb=$(max_rss_kb "$cli" show "$tmp/dense.json")
[ "$rss_kb" -lt $(( $(stat -c %s "$tmp/dense.json") / 1024 * 3 )) ] \
  && ok "it is refused before it is parsed (${rss_kb} KB)" || fail "it is refused before it is parsed (${rss_kb} KB)"
rm -f "$tmp/dense.json" "$tmp/latencies.json"

# ---- 3. every wait has a deadline, and Ctrl+C always works ----
# expect_interrupted PID LIMIT_MS WHAT: Ctrl+C to PID ends it with status 130 within LIMIT_MS.
expect_interrupted() {
  local start code
  start=$(date +%s%N)
  kill -INT "$1"
  wait "$1"
  code=$?
  [ "$code" -eq 130 ] && [ "$(elapsed_ms "$start")" -lt "$2" ] && ok "$3" \
    || fail "$3 (exit $code, $(elapsed_ms "$start") ms)"
}

# expect_ended CODE NEEDLE LIMIT_MS WHAT -- COMMAND...: COMMAND ends by itself within LIMIT_MS,
# with exit status CODE and NEEDLE in its stderr.
expect_ended() {
  local code=$1 needle=$2 limit=$3 what=$4 start got
  shift 5
  start=$(date +%s%N)
  timeout 120 "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -eq "$code" ] && [ "$(elapsed_ms "$start")" -lt "$limit" ] &&
     { [ -z "$needle" ] || grep -qF -- "$needle" "$tmp/err"; }; then
    ok "$what"
  else
    fail "$what (exit $got, $(elapsed_ms "$start") ms)"; sed 's/^/#   /' "$tmp/err" | head -5
  fi
}

# A worker of this test's fork server, once one runs.
forked_worker_pid() {
  local server
  server=$(fork_server_pid)
  [ -n "$server" ] && pgrep -P "$server" | head -1
}

printf '#!/bin/sh\nexec sleep 1000\n' >"$tmp/silent-worker"
chmod +x "$tmp/silent-worker"
SPEEDUP_LAB_WORKER="$tmp/silent-worker" "$cli" run "${small[@]}" >/dev/null 2>&1 &
pid=$!
sleep 2
expect_interrupted "$pid" 5000 "Ctrl+C stops a wait for a worker that never answers"
sleep 0.2
[ "$(leftovers 'sleep')" -eq 0 ] && ok "the silent worker is gone" || fail "the silent worker is gone"

"$cli" run --workload cpu-sum --param n=20000000000 --tasks 8 --workers 1,2 --models processes \
  --repeat 20 --warmup 0 -q >/dev/null 2>&1 &
pid=$!
for i in $(seq 50); do server=$(fork_server_pid); [ -n "$server" ] && break; sleep 0.1; done
kill -STOP "$server"
sleep 1
expect_interrupted "$pid" 10000 "Ctrl+C works with the fork server stopped from outside"
sleep 0.3
[ "$(leftovers)" -eq 0 ] && ok "the stopped fork server and its workers are gone" \
  || fail "the stopped fork server and its workers are gone"

# A worker stopped from outside, without --timeout: it is killed after a grace, not waited for.
timeout 120 "$cli" run --workload cpu-sum --param n=20000000000 --tasks 2 --workers 1 --models processes \
  --repeat 1 --warmup 0 -q >"$tmp/out" 2>"$tmp/err" &
pid=$!
for i in $(seq 100); do worker=$(forked_worker_pid); [ -n "$worker" ] && break; sleep 0.1; done
kill -STOP "$worker"
start=$(date +%s%N)
wait "$pid"
code=$?
[ "$code" -eq 1 ] && [ "$(elapsed_ms "$start")" -lt 15000 ] && grep -q "was stopped (SIGSTOP) while running task" "$tmp/err" \
  && ok "a worker stopped from outside fails its point" \
  || fail "a worker stopped from outside fails its point (exit $code, $(elapsed_ms "$start") ms)"
sleep 0.3
[ "$(leftovers)" -eq 0 ] && ok "the stopped worker is gone" || fail "the stopped worker is gone"

# The fork server stopped from outside: the point whose workers it serves fails with the reason,
# the server is killed, and the sweep goes on with a fresh one.
timeout 120 "$cli" run --workload cpu-sum --param n=400000000 --tasks 4 --workers 1,2 --models processes \
  --repeat 3 --warmup 0 -q --json "$tmp/server-stopped.json" >/dev/null 2>"$tmp/err" &
pid=$!
for i in $(seq 100); do server=$(fork_server_pid); [ -n "$server" ] && break; sleep 0.05; done
kill -STOP "$server"
wait "$pid"
code=$?
python3 - "$tmp/server-stopped.json" <<'PY' && [ "$code" -eq 1 ] && ! grep -q WARNING "$tmp/err" \
  && ok "a stopped fork server fails one point, and the sweep goes on" \
  || fail "a stopped fork server fails one point, and the sweep goes on (exit $code)"
import json, sys
d = json.load(open(sys.argv[1]))
statuses = sorted(p["status"] for p in d["points"])
assert statuses == ["done", "failed"], statuses
failed = [p for p in d["points"] if p["status"] == "failed"][0]
assert "fork server" in failed["error"] and "stopped (SIGSTOP)" in failed["error"], failed["error"]
PY
sleep 0.3
[ "$(leftovers)" -eq 0 ] && ok "no fork server or worker left after it was stopped" \
  || fail "no fork server or worker left after it was stopped"

# The code check runs under the same signal handling as the sweep, SIGINT ignored on entry or not.
printf 'import time\ntime.sleep(30)\ndef task(index, count, **params):\n    return index\n' >"$tmp/slow-load.py"
(trap '' INT; exec "$cli" run --python-file "$tmp/slow-load.py" --tasks 2 --workers 1 -q) >/dev/null 2>&1 &
pid=$!
sleep 1.5
if python_available; then
  expect_interrupted "$pid" 5000 "Ctrl+C stops the code check, though SIGINT was ignored on entry"
else
  wait "$pid"
  ok "# SKIP the code check: no python runtime"
fi

# nohup: SIGHUP ignored on entry stays ignored.
(trap '' HUP; exec "$cli" run --workload cpu-sum --param n=400000000 --tasks 4 --workers 1,2 \
  --models processes --repeat 2 --warmup 0 -q --json "$tmp/nohup.json") >/dev/null 2>&1 &
pid=$!
sleep 1
kill -HUP "$pid"
wait "$pid"
code=$?
[ "$code" -eq 0 ] && grep -q '"status" *: *"complete"' "$tmp/nohup.json" && ok "under nohup, SIGHUP does not stop the run" \
  || fail "under nohup, SIGHUP does not stop the run (exit $code)"

if python_available; then
  cat >"$tmp/stopper.py" <<'PY'
import os, signal
def task(index, count, **params):
    if index == 0:
        os.kill(os.getppid(), signal.SIGSTOP)
    return index
PY
  # With the fork server the parent is the server: it is killed and the point fails; a worker
  # started as a program has a keeper for parent, which is resumed.
  expect_ended 1 "the fork server (pid" 30000 "a task that stops its parent does not hang the sweep" -- \
    "$cli" run --python-file "$tmp/stopper.py" --tasks 4 --workers 1,2 --models processes --repeat 1 --warmup 0 -q
  SPEEDUP_LAB_NO_FORK_SERVER=1 expect_ended 0 "" 30000 "a task that stops its keeper does not hang the sweep" -- \
    "$cli" run --python-file "$tmp/stopper.py" --tasks 4 --workers 1,2 --models processes,threads --repeat 1 --warmup 0 -q
  sleep 0.3
  [ "$(leftovers '.')" -eq 0 ] && ok "no stopped process stays behind" || fail "no stopped process stays behind"

  printf 'import os, signal\ndef task(index, count, **params):\n    if index == 1:\n        os.kill(os.getpid(), signal.SIGSTOP)\n    return index\n' >"$tmp/self-stop.py"
  expect_ended 1 "worker 1 (pid" 30000 "python threads: a task that stops its worker fails the point" -- \
    "$cli" run --python-file "$tmp/self-stop.py" --tasks 4 --workers 2 --models threads --repeat 1 --warmup 0 -q
  # The task that stops its worker runs on one of its threads; what the other one did then
  # depends on the moment: "while running task …" or "between tasks".
  grep -qE "was stopped \(SIGSTOP\) (while running|between tasks)" "$tmp/err" \
    && ok "python threads: the point says its worker was stopped" \
    || fail "python threads: the point says its worker was stopped"
  printf 'import os, signal\ndef task(index, count, **params):\n    os.killpg(0, signal.SIGSTOP)\n    return index\n' >"$tmp/group-stop.py"
  for nofs in 0 1; do
    SPEEDUP_LAB_NO_FORK_SERVER=$nofs expect_ended 1 "was stopped (SIGSTOP)" 30000 \
      "a task that stops its process group stops its worker only (no fork server: $nofs)" -- \
      "$cli" run --python-file "$tmp/group-stop.py" --tasks 2 --workers 1 --models processes --repeat 1 --warmup 0 -q
  done
  sleep 0.3
  [ "$(leftovers '.')" -eq 0 ] && ok "no stopped worker stays behind" || fail "no stopped worker stays behind"

  # A check that cannot run is not the code's fault.
  printf '#!/bin/sh\nexit 3\n' >"$tmp/failing-worker"
  printf '#!/bin/sh\nkill -SEGV $$\n' >"$tmp/crashing-worker"
  chmod +x "$tmp/failing-worker" "$tmp/crashing-worker"
  SPEEDUP_LAB_WORKER="$tmp/failing-worker" expect_exit 2 "The code could not be checked: speedup-lab-worker exited with status 3 before it loaded the code" \
    "a worker that cannot start fails the check, not the code" -- "$cli" run --python-file "$tmp/stopper.py"
  SPEEDUP_LAB_WORKER="$tmp/crashing-worker" expect_exit 2 "could not be checked: speedup-lab-worker was killed by signal 11" \
    "a worker that crashes before loading fails the check, not the code" -- "$cli" run --python-file "$tmp/stopper.py"
  grep -q "Your code" "$tmp/err" && fail "the code is not blamed" || ok "the code is not blamed"
  printf 'import os\nos._exit(4)\n' >"$tmp/exits.py"
  expect_exit 2 "Your code: loading the code ended the worker process: it exited with status 4" \
    "code that ends the worker while it loads is the code's problem" -- "$cli" run --python-file "$tmp/exits.py"
else
  ok "# SKIP tasks that stop their parent or their worker: no python runtime"
fi

# ---- 4. nothing left behind, including what a task started ----
if python_available; then
  cat >"$tmp/leaker.py" <<'PY'
import os, subprocess
def task(index, count, **params):
    subprocess.Popen(["sleep", "1000"])                 # a child
    if os.fork() == 0:                                  # a daemon: double fork and setsid
        os.setsid()
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "1001"])
        os._exit(0)
    return index
PY
  # warns FILE: the result in FILE warns that processes tasks left were stopped.
  warns() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any("they were stopped" in w or "it was stopped" in w for w in d["system"]["warnings"]), d["system"]["warnings"]' "$1"
  }
  for model in processes threads; do
    "$cli" run --python-file "$tmp/leaker.py" --tasks 3 --workers 1,2 --models "$model" \
      --repeat 1 --warmup 1 -q --json "$tmp/leak-$model.json" >/dev/null 2>&1
    sleep 0.3
    [ "$(leftovers '^sleep$')" -eq 0 ] && ok "python $model: no process a task started is left" \
      || fail "python $model: no process a task started is left ($(leftovers '^sleep$'))"
    warns "$tmp/leak-$model.json" && ok "python $model: the result warns about them" \
      || fail "python $model: the result warns about them"
  done

  # A worker killed at its timeout: what its tasks started is stopped and said, in both models,
  # forked or started as a program.
  cat >"$tmp/leak-then-hang.py" <<'PY'
import subprocess, time
def task(index, count, **params):
    subprocess.Popen(["sleep", "1000"])
    time.sleep(1000)
    return index
PY
  for run in processes:0 threads:0 processes:1 threads:1; do
    model=${run%%:*}
    SPEEDUP_LAB_NO_FORK_SERVER=${run##*:} "$cli" run --python-file "$tmp/leak-then-hang.py" --tasks 2 \
      --workers 2 --models "$model" --repeat 1 --warmup 0 --timeout 1 -q --json "$tmp/timeout.json" >/dev/null 2>&1
    sleep 0.3
    [ "$(leftovers '^sleep$')" -eq 0 ] && warns "$tmp/timeout.json" \
      && ok "python $model (no fork server: ${run##*:}): a timeout stops and reports what the tasks started" \
      || fail "python $model (no fork server: ${run##*:}): a timeout stops and reports what the tasks started ($(leftovers '^sleep$'))"
  done

  # A task that kills its parent (the fork server, or its worker's keeper) takes that cleanup
  # with it: the process group its worker leads is still ended.
  printf 'import os, signal, subprocess\ndef task(index, count, **params):\n    subprocess.Popen(["sleep", "1000"])\n    os.kill(os.getppid(), signal.SIGKILL)\n    return index\n' >"$tmp/parent-killer.py"
  for nofs in 0 1; do
    SPEEDUP_LAB_NO_FORK_SERVER=$nofs "$cli" run --python-file "$tmp/parent-killer.py" --tasks 2 --workers 1 \
      --models processes --repeat 1 --warmup 0 -q >/dev/null 2>&1 </dev/null
    sleep 0.3
    [ "$(leftovers '^sleep$')" -eq 0 ] && ok "a task that kills its parent leaves nothing (no fork server: $nofs)" \
      || fail "a task that kills its parent leaves nothing (no fork server: $nofs): $(leftovers '^sleep$')"
  done

  # The code check runs the top level: what it starts is stopped when the check ends, and said.
  cat >"$tmp/top-level-leaker.py" <<'PY'
import os, subprocess
subprocess.Popen(["sleep", "1000"])
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "1001"])
    os._exit(0)
PY
  # Two sleeps, and the first child of the double fork while it has not exited yet: 2 or 3.
  expect_exit 2 "the top level of your code left" "the code check warns about processes its top level left" -- \
    "$cli" run --python-file "$tmp/top-level-leaker.py"
  grep -qE "the top level of your code left [23] processes running" "$tmp/err" \
    && ok "and counts them" || fail "and counts them: $(head -1 "$tmp/err")"
  grep -q "no function task" "$tmp/err" && ok "and still says what is wrong with the code" \
    || fail "and still says what is wrong with the code"
  sleep 0.3
  [ "$(leftovers '^sleep$')" -eq 0 ] && ok "the code check leaves no process behind" \
    || fail "the code check leaves no process behind ($(leftovers '^sleep$'))"
  printf 'import subprocess, time\nsubprocess.Popen(["sleep", "1000"])\ntime.sleep(30)\n' >"$tmp/top-level-hang.py"
  "$cli" run --python-file "$tmp/top-level-hang.py" >/dev/null 2>&1 &
  pid=$!
  sleep 1.5
  expect_interrupted "$pid" 5000 "Ctrl+C stops a code check whose top level started a process"
  sleep 0.3
  [ "$(leftovers '^sleep$')" -eq 0 ] && ok "an interrupted code check leaves no process behind" \
    || fail "an interrupted code check leaves no process behind ($(leftovers '^sleep$'))"
else
  ok "# SKIP processes tasks leave: no python runtime"
fi

# ---- 5. every terminating signal is handled like Ctrl+C ----
for sig in TERM:143 HUP:129; do
  name=${sig%%:*}
  expected=${sig##*:}
  mkdir -p "$tmp/tmpdir-$name"
  TMPDIR="$tmp/tmpdir-$name" "$cli" run --workload io-file --tasks 64 --workers 1,2 \
    --repeat 50 --json "$tmp/sig-$name.json" -q >/dev/null 2>&1 &
  pid=$!
  sleep 2
  kill -"$name" "$pid"
  wait "$pid"
  code=$?
  [ "$code" -eq "$expected" ] && ok "SIG$name exits $expected" || fail "SIG$name exits $expected (got $code)"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"] == "cancelled"' \
    "$tmp/sig-$name.json" 2>/dev/null && ok "SIG$name writes partial results" \
    || fail "SIG$name writes partial results"
  [ -z "$(ls -A "$tmp/tmpdir-$name")" ] && ok "SIG$name removes io-file's folder" \
    || fail "SIG$name removes io-file's folder: $(ls -A "$tmp/tmpdir-$name")"
done
sleep 0.2
[ "$(leftovers)" -eq 0 ] && ok "no worker left after signals" || fail "no worker left after signals"

# ---- 6. redirects go to http and https only, in both runtimes ----
if python_available; then
  python3 - "$tmp/redirect-port" <<'PY' &
import http.server, socketserver, sys
class Redirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        target = "ftp://127.0.0.1/secret" if "ftp" in self.path else "file:///etc/passwd"
        self.send_response(302)
        self.send_header("Location", target)
        self.end_headers()
    def log_message(self, *args):
        pass
with socketserver.TCPServer(("127.0.0.1", 0), Redirect) as server:
    open(sys.argv[1], "w").write(str(server.server_address[1]))
    server.timeout = 60
    for _ in range(40):
        server.handle_request()
PY
  server=$!
  for i in $(seq 50); do [ -s "$tmp/redirect-port" ] && break; sleep 0.1; done
  port=$(cat "$tmp/redirect-port")
  for target in ftp file; do
    for runtime in python native; do
      "$cli" run --workload io-http --runtime "$runtime" -p urls="http://127.0.0.1:$port/$target" \
        --tasks 2 --workers 1 --models processes --repeat 1 --warmup 0 --json "$tmp/redir.json" \
        >/dev/null 2>&1
      python3 - "$tmp/redir.json" "$runtime" <<'PY' && ok "$runtime: a redirect to $target is refused" \
        || fail "$runtime: a redirect to $target is refused"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["points"][0]
assert p["status"] == "failed", p["status"]
if sys.argv[2] == "python":
    # ftp is refused by our redirect handler, file:// by urllib itself.
    assert "not an http or https URL" in p["error"] or "is not allowed" in p["error"], p["error"]
PY
    done
  done
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
else
  ok "# SKIP redirects: this build has no python runtime"
fi

# ---- 7. a strict, honest command line ----
: >"$tmp/empty.py"
expect_exit 2 "is empty" "empty --python-file" -- "$cli" run --python-file "$tmp/empty.py"
printf 'def task(index, count):\n    return index\n\0junk\n' >"$tmp/nul.py"
expect_exit 2 "NUL byte" "--python-file with a NUL byte" -- "$cli" run --python-file "$tmp/nul.py"
if python_available; then
  printf 'def task(index, count):\n    return (\n' >"$tmp/syntax.py"
  expect_exit 2 "SyntaxError" "a SyntaxError is reported before anything runs" -- "$cli" run --python-file "$tmp/syntax.py"
  expect_exit 2 "is not Python source" "a program file is not Python" -- "$cli" run --python-file "$(type -P true)"
  expect_exit 2 "no function task" "code without task()" -- "$cli" run --python-code 'x = 1'
fi
SPEEDUP_LAB_TEST_WORKLOADS=1 "$cli" run --workload test-fail --param at=1 --models processes --workers 1 \
  --repeat 1 --warmup 0 --tasks 4 -q >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" -eq 1 ] && grep -q "simulated failure" "$tmp/err" && ok "--quiet still reports a failed point" \
  || fail "--quiet still reports a failed point (exit $code)"
expect_exit 2 "unexpected argument “extra”" "info refuses extra arguments" -- "$cli" info --json extra
expect_exit 2 "unexpected argument" "list refuses extra arguments" -- "$cli" list args
expect_exit 2 "unexpected argument" "serve refuses extra arguments" -- "$cli" serve extra
"$cli" run "${small[@]}" --json "$tmp/good.json" >/dev/null 2>&1
python3 - "$tmp/good.json" "$tmp" <<'PY'
import json, sys, copy
d = json.load(open(sys.argv[1]))
tmp = sys.argv[2]
dup = copy.deepcopy(d); dup["points"] = [d["points"][0]] * 10000
json.dump(dup, open(tmp + "/dup.json", "w"))
big = copy.deepcopy(d); big["spec"]["workers"] = [1, 1e30]
json.dump(big, open(tmp + "/big-workers.json", "w"))
neg = copy.deepcopy(d); neg["points"][0]["repetitions"][0]["wall_s"] = -5
json.dump(neg, open(tmp + "/negative.json", "w"))
neg2 = copy.deepcopy(d); neg2["points"][1]["repetitions"][0]["user_s"] = -0.5
json.dump(neg2, open(tmp + "/negative-user.json", "w"))
PY
expect_exit 2 "repeats an earlier point" "10 000 identical points" -- "$cli" show "$tmp/dup.json"
expect_exit 2 "is out of range 1–256" "workers 10^30 in a file" -- "$cli" show "$tmp/big-workers.json"
expect_exit 2 "no point “threads:999” (it has: threads:1" "--point that the result lacks" -- "$cli" chart "$tmp/good.json" --kind tasks --point threads:999 --output "$tmp/p.png"
# Numbers are decimal, for every option and parameter: strtod() reads 0x10 as 16 and takes inf
# and nan, GOption's strtol() reads 010 as 8.
for case in "run --timeout 0x10" "run --timeout inf" "run --timeout nan" "run --tasks 0x10" \
            "run --repeat 1e1" "run --workload cpu-sum --param n=0x10" \
            "run --workload io-http --param timeout_s=0x1p4" "chart $tmp/good.json -o $tmp/n.png --width 0x100" \
            "chart $tmp/good.json -o $tmp/n.png --scale 0x2" "serve --port 0x50" "serve --duration inf"; do
  read -r -a words <<<"$case"
  expect_exit 2 "decimal" "$case is refused as not decimal" -- "$cli" "${words[@]}"
done
expect_exit 2 "--timeout: 1e999 is out of range" "a timeout beyond a double is out of range, as written" -- \
  "$cli" run --timeout 1e999
expect_exit 2 "n = 1e999 is out of range" "a parameter beyond a double is out of range, as written" -- \
  "$cli" run --workload cpu-sum --param n=1e999
# Every subcommand, and every action of history, refuses what it would not use, by name.
hist7="$tmp/strict-history"
mkdir -p "$hist7"
cp "$tmp/good.json" "$hist7/one.speedup.json"
expect_exit 2 "--json does nothing with show" "history show refuses --json" -- "$cli" history show 1 --json --dir "$hist7"
expect_exit 2 "--json does nothing with delete" "history delete refuses --json" -- "$cli" history delete one --json --dir "$hist7"
[ -e "$hist7/one.speedup.json" ] && ok "a refused delete deletes nothing" || fail "a refused delete deletes nothing"
expect_exit 2 "--json does nothing with rename" "history rename refuses --json" -- "$cli" history rename one T --json --dir "$hist7"
expect_exit 2 "unexpected argument “extra”" "history list names an extra argument" -- "$cli" history list extra --dir "$hist7"
expect_exit 2 "unexpected argument “more”" "history show names an extra argument" -- "$cli" history show 1 more --dir "$hist7"
expect_exit 2 "unexpected argument “b.json”" "show names an extra argument" -- "$cli" show "$tmp/good.json" b.json
expect_exit 2 "unexpected argument “x”" "chart names an extra argument" -- "$cli" chart "$tmp/good.json" x -o "$tmp/c.png"
expect_exit 2 "--point does nothing with --kind speedup" "chart refuses --point but for the tasks chart" -- \
  "$cli" chart "$tmp/good.json" -o "$tmp/c.png" --point threads:1
expect_exit 2 "--no-fits does nothing with --kind tasks" "chart refuses --no-fits where there are no fits" -- \
  "$cli" chart "$tmp/good.json" -o "$tmp/c.png" --kind tasks --no-fits
expect_exit 0 "" "history list --json is still list's" -- "$cli" history list --json --dir "$hist7"
# A number out of range in a file is said to be out of range, never shown as the value a
# parser made of it: json-glib wraps an integer written beyond 64 bits (10^30 reads as -1).
python3 - "$tmp/good.json" "$tmp" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
text = json.dumps(d)
for name, field, value in [("tasks-int", '"tasks": %d' % d["spec"]["tasks"], '"tasks": ' + "1" + "0" * 30),
                           ("tasks-float", '"tasks": %d' % d["spec"]["tasks"], '"tasks": 1e30'),
                           ("repeat-int", '"repeat": %d' % d["spec"]["repeat"], '"repeat": 18446744073709551617')]:
    assert field in text, field
    open(sys.argv[2] + "/range-" + name + ".json", "w").write(text.replace(field, value, 1))
d["spec"]["workers"] = [1]
d["points"] = [p for p in d["points"] if p["workers"] == 1]
t = json.dumps(d).replace('"workers": [1]', '"workers": [1, 99999999999999999999]', 1)
open(sys.argv[2] + "/range-workers-int.json", "w").write(t)
PY
for name in tasks-int tasks-float repeat-int workers-int; do
  expect_exit 2 "out of range" "$name: out of range in a file is said so" -- "$cli" show "$tmp/range-$name.json"
  grep -qE -- "= -[0-9]|not -[0-9]|= 18446744073709551617" "$tmp/err" && fail "$name: no overflowed value shown" \
    || ok "$name: no overflowed value shown"
done
grep -qF "= 1e+30 is out of range" <("$cli" show "$tmp/range-tasks-float.json" 2>&1) \
  && ok "1e30 in a file is shown as the number it is" || fail "1e30 in a file is shown as the number it is"
expect_exit 2 "--python-file: the file name is empty" "an empty --python-file name" -- "$cli" run --python-file ""

# ---- 8. untrusted text and secrets ----
python3 - "$tmp/good.json" "$tmp/hostile.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["system"]["cpu_model"] = "\u001b[2J\u001b[31mHACKED\u0007"
d["points"][0]["status"] = "failed"
d["points"][0]["error"] = "boom\u001b]0;title\u0007\u009b31m"
json.dump(d, open(sys.argv[2], "w"))
PY
"$cli" show "$tmp/hostile.json" >"$tmp/out" 2>&1
if grep -q HACKED "$tmp/out" && ! LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$tmp/out"; then
  ok "show writes no control character from a file"
else
  fail "show writes no control character from a file"; cat -v "$tmp/out" | head -5
fi
# clean WHAT FILE: FILE holds no control character but newlines and tabs, and no invisible
# format character (bidi embeddings, overrides and isolates, zero-width characters, BOM).
clean() {
  if LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf' "$2"; then
    fail "$1"; cat -v "$2" | head -5 | sed 's/^/#   /'
  else
    ok "$1"
  fi
}
python3 - "$tmp/good.json" "$tmp/bidi.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["system"]["cpu_model"] = "CPU \u202egnp.exe\u202c \u2066isolated\u2069 zero\u200bwidth\ufeff"
d["title"] = "title \u202e\u001b[31m"
json.dump(d, open(sys.argv[2], "w"))
PY
"$cli" show "$tmp/bidi.json" >"$tmp/out" 2>&1
grep -qF "CPU <U+202E>gnp.exe<U+202C> <U+2066>isolated<U+2069>" "$tmp/out" \
  && ok "show writes a bidi override as its code point" || fail "show writes a bidi override as its code point"
clean "show writes no invisible format character from a file" "$tmp/out"
# File names in the history are anyone's who can write to the folder.
hist="$tmp/hostile-history"
mkdir -p "$hist"
cp "$tmp/good.json" "$hist/$(printf 'evil\033[2J\a\xe2\x80\xae.speedup.json')"
printf 'not json' >"$hist/$(printf 'broken\033]0;title\a\xe2\x81\xa6.speedup.json')"
cp "$tmp/bidi.json" "$hist/$(printf 'line\nbreak.speedup.json')"
expect_exit 0 "" "history list of hostile file names" -- "$cli" history list --dir "$hist"
grep -q "evil␛\[2J␇<U+202E>" "$tmp/out" && ok "history list escapes a file name" \
  || fail "history list escapes a file name"
clean "history list writes no control character from a file name" "$tmp/out"
grep -q "^break" "$tmp/out" && fail "a newline in a file name starts no line" || ok "a newline in a file name starts no line"
"$cli" history list --json --dir "$hist" >"$tmp/list.json"
clean "history list --json writes no control or format character" "$tmp/list.json"
python3 - "$tmp/list.json" <<'PY' && ok "history list --json keeps the names as they are, escaped" \
  || fail "history list --json keeps the names as they are, escaped"
import json, sys
ids = {e["id"] for e in json.load(open(sys.argv[1]))}
assert "evil\x1b[2J\x07\u202e" in ids and "broken\x1b]0;title\x07\u2066" in ids, ids
PY
expect_exit 0 "" "history show of a hostile file" -- \
  "$cli" history show --dir "$hist" "$(printf 'line\nbreak')"
clean "history show writes no control character from a file or its name" "$tmp/out"
expect_exit 0 "" "history delete of a hostile file name" -- \
  "$cli" history delete --dir "$hist" "$(printf 'evil\033[2J\a\xe2\x80\xae')"
grep -q "^Deleted .*evil␛\[2J␇<U+202E>" "$tmp/out" && ok "history delete escapes the file name" \
  || fail "history delete escapes the file name"
clean "history delete writes no control character" "$tmp/out"
expect_exit 2 "" "history show of an unknown hostile name" -- \
  "$cli" history show --dir "$hist" "$(printf 'no\033[2Jsuch\xe2\x80\xae')"
clean "a refused name is escaped in the message" "$tmp/err"
"$cli" compare "$tmp/bidi.json" "$hist/$(printf 'line\nbreak.speedup.json')" >"$tmp/out" 2>&1
clean "compare escapes titles and file names" "$tmp/out"
expect_exit 2 "must be a duration of 0 seconds or more" "a negative time" -- "$cli" show "$tmp/negative.json"
expect_exit 2 "user_s must be a duration" "a negative CPU time" -- "$cli" show "$tmp/negative-user.json"
url_server=$( { "$cli" serve --duration 60 --latency-ms 1 & echo $! >"$tmp/serve.pid"; } | head -1)
secret_url=$(echo "$url_server" | sed 's#http://#http://alice:S3cret@#')page/0
"$cli" run --workload io-http -p urls="$secret_url" --tasks 2 --workers 1 --models threads --repeat 1 \
  --warmup 0 --json "$tmp/cred.json" --markdown "$tmp/cred.md" --csv "$tmp/cred.csv" \
  --chart speedup:"$tmp/cred.svg" >"$tmp/out" 2>"$tmp/err"
if grep -q "alice:\*\*\*@" "$tmp/cred.json" && ! grep -q S3cret "$tmp/cred.json" "$tmp/cred.md" \
   "$tmp/cred.csv" "$tmp/cred.svg" "$tmp/out" "$tmp/err"; then
  ok "a URL's password is neither printed nor stored"
else
  fail "a URL's password is neither printed nor stored"; grep -l S3cret "$tmp"/cred.* "$tmp/out" "$tmp/err"
fi
expect_exit 2 "alice:***@" "a password in a bad URL is not echoed" -- "$cli" run --workload io-http -p urls="ftp://alice:S3cret@host/"
grep -q S3cret "$tmp/err" && fail "no password in the message" || ok "no password in the message"
# no_secret WHAT FILE...: no file holds the password "S3cret" or a piece of "S3c@ret".
no_secret() {
  local what=$1
  shift
  if grep -qE 'S3cret|S3c@|@ret@' "$@" 2>/dev/null; then
    fail "$what"; grep -hoE '.{0,40}(S3cret|S3c@|@ret@).{0,20}' "$@" | head -3 | sed 's/^/#   /'
  else
    ok "$what"
  fi
}
# A password with "@" in it, whole in the table, the messages and every file.
at_url=$(echo "$url_server" | sed 's#http://#http://alice:S3c@ret@#')page/0
"$cli" run --workload io-http -p urls="$at_url" --tasks 2 --workers 1 --models threads --repeat 1 \
  --warmup 0 --json "$tmp/at.json" --csv "$tmp/at.csv" >"$tmp/out" 2>"$tmp/err"
no_secret "a password with @ in it is redacted whole" "$tmp/at.json" "$tmp/at.csv" "$tmp/out" "$tmp/err"
# Without a scheme, a URL is refused, and its password is not echoed in the refusal.
expect_exit 2 "alice:***@host" "a scheme-less user:password@host is refused without its password" -- \
  "$cli" run --workload io-http -p urls="alice:S3cret@host"
no_secret "no password in the refusal of a scheme-less URL" "$tmp/err" "$tmp/out"
expect_exit 2 "alice:***@host" "the same in a list of URLs" -- \
  "$cli" run --workload io-http -p urls="http://127.0.0.1/ alice:S3cret@host"
# Python's http.client cuts http://user:password@host (no port) at the wrong colon and says
# "nonnumeric port: 'password@host'": the failure a worker sends back is redacted too.
if python_available; then
  for url in "http://alice:S3cret@127.0.0.1/" "http://alice:S3c@ret@127.0.0.1/"; do
    "$cli" run --workload io-http --runtime python -p urls="$url" --tasks 2 --workers 1 \
      --models processes --repeat 1 --warmup 0 --json "$tmp/py-cred.json" >"$tmp/out" 2>"$tmp/err"
    grep -q "port" "$tmp/py-cred.json" && no_secret "python: a password a worker's failure echoes is redacted ($url)" \
      "$tmp/py-cred.json" "$tmp/out" "$tmp/err" \
      || fail "python: a password a worker's failure echoes is redacted ($url): no failure about the port"
  done
fi
kill "$(cat "$tmp/serve.pid")" 2>/dev/null

# Times and latencies from a file are durations: not endless, not negative, not absurd.
python3 - "$tmp/good.json" "$tmp" <<'PY'
import copy, json, sys
d = json.load(open(sys.argv[1]))
tmp = sys.argv[2]
def save(name, change):
    e = copy.deepcopy(d)
    change(e["points"][0])
    json.dump(e, open(tmp + "/" + name, "w"))
save("huge-wall.json", lambda p: p["repetitions"][0].update(wall_s=1e308))
save("huge-sys.json", lambda p: p["repetitions"][0].update(sys_s=2e9))
save("negative-latency.json", lambda p: p.update(latencies_100ns=[5, -3]))
save("negative-latencies.json", lambda p: p.update(latencies_100ns=[1000] * 20 + [-3]))
save("huge-latency.json", lambda p: p.update(latencies_100ns=[1000] * 20 + [10 ** 17]))
PY
expect_exit 2 "repetitions[0].wall_s must be a duration of at most 1000000000 seconds" "a time of 1e308 s" -- "$cli" show "$tmp/huge-wall.json"
expect_exit 2 "repetitions[0].sys_s must be a duration of at most" "a CPU time of 63 years" -- "$cli" show "$tmp/huge-sys.json"
expect_exit 2 "latencies_100ns[1] must be a duration of 0 seconds or more" "a negative latency" -- "$cli" show "$tmp/negative-latency.json"
expect_exit 2 "latencies_100ns[20] must be a duration of 0 seconds or more" "a negative latency in a long list" -- "$cli" chart "$tmp/negative-latencies.json" --kind tasks --output "$tmp/lat.png"
expect_exit 2 "latencies_100ns[20] must be a duration of at most" "a latency of 10^10 s" -- "$cli" compare "$tmp/huge-latency.json" "$tmp/good.json"

sleep 0.2
[ "$(leftovers)" -eq 0 ] && ok "no worker left" || fail "no worker left"
finish
