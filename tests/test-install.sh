#!/usr/bin/env bash
# test-install.sh MESON BUILDDIR SRCDIR BINDIR LIBEXECDIR DATADIR LOCALEDIR: `meson install
# --destdir` of this build into a temporary folder gives a tree that works on its own: the
# programs, the worker, the schema, the icons, the desktop entry, the metainfo, the MIME type
# and the translations are where the desktop looks for them; the installed CLI runs presets on
# the installed worker (not the build tree's); the installed window starts, draws and finds its
# worker, its schema and its icon there. The directories are absolute, as configured.
set -u

source "$(dirname "$0")/sl-test-lib.sh"

meson=$1 build=$2 src=$3
dest=$tmp/dest
bindir=$dest$4 libexecdir=$dest$5 datadir=$dest$6 localedir=$dest$7
app_id=io.github.speeduplab.SpeedupLab
# Nothing of the build tree: the installed programs find what they need by themselves.
unset SPEEDUP_LAB_WORKER SPEEDUP_LAB_CLI GSETTINGS_SCHEMA_DIR
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
export G_MESSAGES_DEBUG=sl-process-pool,sl-application

# The build is up to date: `meson test` built it, and this test depends on every program.
if "$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$tmp/out" 2>"$tmp/err"; then
  ok "meson install --destdir"
else
  fail "meson install --destdir"; sed 's/^/#   /' "$tmp/err"
fi

# ---- the tree ----
for f in "$bindir/speedup-lab" "$bindir/speedup-lab-cli" "$libexecdir/speedup-lab-worker"; do
  [ -x "$f" ] && ok "installed: ${f#"$dest"}" || fail "installed: ${f#"$dest"}"
done
for f in "glib-2.0/schemas/$app_id.gschema.xml" \
         "icons/hicolor/scalable/apps/$app_id.svg" \
         "icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
         "applications/$app_id.desktop" \
         "metainfo/$app_id.metainfo.xml" \
         "mime/packages/$app_id.xml"; do
  [ -f "$datadir/$f" ] && ok "installed: ${datadir#"$dest"}/$f" \
    || fail "installed: ${datadir#"$dest"}/$f"
done
# One catalogue for each language po/LINGUAS lists (none until there is a po/).
if [ -f "$src/po/LINGUAS" ]; then
  for lang in $(grep -v '^#' "$src/po/LINGUAS"); do
    [ -f "$localedir/$lang/LC_MESSAGES/speedup-lab.mo" ] && ok "installed: the $lang translation" \
      || fail "installed: the $lang translation"
  done
fi

# ---- the installed CLI, on the installed worker ----
cli=$bindir/speedup-lab-cli
worker_line="Worker: $libexecdir/speedup-lab-worker"
quick=(--workers 1,2 --models threads,processes --repeat 1 --warmup 0 --quiet)

# expect_worker DESCRIPTION -- COMMAND...: exit 0, and the debug messages (on stdout, with
# --quiet the only output) name the installed worker.
expect_worker() {
  local what=$1
  shift
  expect_exit 0 "" "$what" "$@"
  grep -qF "$worker_line" "$tmp/out" "$tmp/err" && ok "$what: on the installed worker" \
    || { fail "$what: on the installed worker"; grep -h 'Worker:' "$tmp/out" "$tmp/err" | sed 's/^/#   /'; }
}

expect_worker "the installed CLI runs preset seed-cpu" -- \
  "$cli" run --preset seed-cpu "${quick[@]}" --json "$tmp/seed-cpu.speedup.json"
grep -q '"format" *: *"speedup-lab/1"' "$tmp/seed-cpu.speedup.json" \
  && ok "and writes its result" || fail "and writes its result"
expect_worker "the installed CLI runs a quick sum" -- \
  "$cli" run --workload cpu-sum --param n=1000000 --tasks 8 "${quick[@]}"
if python_available; then
  expect_worker "the installed CLI runs preset seed-cpu-py in the worker's Python" -- \
    "$cli" run --preset seed-cpu-py --param n=1000000 "${quick[@]}"
else
  ok "# SKIP this build has no python runtime"
fi

# ---- the installed window ----
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  ok "# SKIP no display for the installed window (tools/test starts Xvfb)"
elif ! glib-compile-schemas --strict "$datadir/glib-2.0/schemas" 2>"$tmp/err"; then
  fail "the installed schema compiles"; sed 's/^/#   /' "$tmp/err"
else
  ok "the installed schema compiles"
  # --first-frame: quits once the window has drawn. The settings go to memory, the schema
  # comes from the installed tree only, and the icon from its hicolor theme.
  GSETTINGS_SCHEMA_DIR=$datadir/glib-2.0/schemas GSETTINGS_BACKEND=memory \
    XDG_DATA_DIRS=$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share} \
    GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
    timeout 60 "$bindir/speedup-lab" --first-frame >"$tmp/out" 2>"$tmp/err"
  status=$?
  [ $status -eq 0 ] && grep -qx first-frame "$tmp/out" \
    && ok "the installed window starts and draws" \
    || { fail "the installed window starts and draws: exit $status"; sed 's/^/#   /' "$tmp/err" | head -20; }
  grep -qF "$worker_line" "$tmp/out" "$tmp/err" \
    && ok "the installed window finds the installed worker" \
    || fail "the installed window finds the installed worker"
  grep -qF "Icon $app_id from the icon theme" "$tmp/out" "$tmp/err" \
    && ok "the installed window finds its icon" || fail "the installed window finds its icon"
fi

finish
