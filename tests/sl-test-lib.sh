# sl-test-lib.sh: what the shell tests share (sourced): counting, expectations, leftovers.
# Prints TAP; the sourcing test ends with `finish`.

cli=${SPEEDUP_LAB_CLI:?}
data=${G_TEST_SRCDIR:-$(dirname "$0")}/data
tmp=$(mktemp -d)
# Every process this test starts carries this token, so leftovers can be found reliably.
export SL_CLI_TEST_TOKEN="cli-test-$$-$RANDOM"
failures=0
count=0

cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

ok()   { count=$((count + 1)); echo "ok $count - $1"; }
fail() { count=$((count + 1)); failures=$((failures + 1)); echo "not ok $count - $1"; }
skip() { count=$((count + 1)); echo "ok $count - # SKIP $1"; }

# expect_exit CODE NEEDLE DESCRIPTION -- COMMAND...: the exit code and a phrase in stderr.
expect_exit() {
  local code=$1 needle=$2 what=$3
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$code" ]; then
    fail "$what: exit $got, expected $code"; sed 's/^/#   /' "$tmp/err" | head -5
  elif [ -n "$needle" ] && ! grep -qF -- "$needle" "$tmp/err"; then
    fail "$what: stderr lacks “$needle”"; sed 's/^/#   /' "$tmp/err" | head -5
  else
    ok "$what"
  fi
}

# leftovers [REGEX]: how many processes this test started (they carry its token) are still
# there and have a name matching REGEX (default: speedup-lab's own programs).
leftovers() {
  local pattern=${1:-'^speedup-lab-'} pid found=0
  for pid in /proc/[0-9]*; do
    [ "${pid#/proc/}" = "$$" ] && continue
    if tr '\0' '\n' <"$pid/environ" 2>/dev/null | grep -qx "SL_CLI_TEST_TOKEN=$SL_CLI_TEST_TOKEN"; then
      # A zombie waits for init to reap it: it runs nothing.
      grep -q '^State:.*Z' "$pid/status" 2>/dev/null && continue
      if cat "$pid/comm" 2>/dev/null | grep -qE -- "$pattern"; then
        found=$((found + 1))
      fi
    fi
  done
  echo $found
}

# The pid of this test's fork server, once it runs.
fork_server_pid() {
  local pid
  for pid in $(pgrep -f -- '--fork-server'); do
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "SL_CLI_TEST_TOKEN=$SL_CLI_TEST_TOKEN"; then
      echo "$pid"
      return
    fi
  done
}

# elapsed_ms START: milliseconds since START, a `date +%s%N`.
elapsed_ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# Whether this build's worker embeds CPython (the python runtime).
python_available() {
  "$cli" list | tr -s ' \n' ' ' | grep -q "embedded in speedup-lab-worker ([^)]*): available"
}

finish() {
  echo "1..$count"
  [ "$failures" -eq 0 ]
}
