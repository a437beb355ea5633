#!/usr/bin/env bash
# test-data-files.sh DESKTOP METAINFO MIME ICONDIR: the desktop integration files agree with
# one another and are read as meant: the MIME type of result documents (update-mime-database
# takes it: *.speedup.json, a kind of application/json) is the one the desktop entry and the
# metainfo declare; the icon the desktop entry names exists, scalable and symbolic; both render;
# the symbolic one is single-coloured filled shapes, as GTK recolours it.
set -u

source "$(dirname "$0")/sl-test-lib.sh"

desktop=$1 metainfo=$2 mime=$3 icons=$4
app_id=io.github.speeduplab.SpeedupLab
type=application/x-speedup-lab-result

# ---- the MIME type ----
mkdir -p "$tmp/mime/packages"
cp "$mime" "$tmp/mime/packages/$app_id.xml"
if update-mime-database "$tmp/mime" 2>"$tmp/err"; then
  ok "update-mime-database reads the MIME file"
else
  fail "update-mime-database reads the MIME file"; sed 's/^/#   /' "$tmp/err"
fi
grep -qx "[0-9]*:$type:\*\.speedup\.json" "$tmp/mime/globs2" \
  && ok "*.speedup.json is $type" || fail "*.speedup.json is $type"
grep -qx "$type application/json" "$tmp/mime/subclasses" \
  && ok "$type is a kind of application/json" || fail "$type is a kind of application/json"

grep -qx "MimeType=$type;" "$desktop" \
  && ok "the desktop entry opens $type" || fail "the desktop entry opens $type"
grep -qF "<mediatype>$type</mediatype>" "$metainfo" \
  && ok "the metainfo provides $type" || fail "the metainfo provides $type"
grep -q '^Exec=speedup-lab %[FU]$' "$desktop" \
  && ok "the desktop entry passes files on" || fail "the desktop entry passes files on"

# ---- the icons ----
grep -qx "Icon=$app_id" "$desktop" && ok "the desktop entry names the app's icon" \
  || fail "the desktop entry names the app's icon"
grep -qF "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
  && ok "the metainfo launches the desktop entry" || fail "the metainfo launches the desktop entry"

scalable=$icons/hicolor/scalable/apps/$app_id.svg
symbolic=$icons/hicolor/symbolic/apps/$app_id-symbolic.svg
for size in 16 32 64 128; do
  if rsvg-convert -w "$size" -h "$size" "$scalable" -o "$tmp/icon.png" 2>"$tmp/err" \
     && [ "$(head -c 24 "$tmp/icon.png" | od -An -tu1 -j16 -N8 | tr -s ' ')" = \
          " 0 0 0 $size 0 0 0 $size" ]; then
    ok "the icon renders at $size px"
  else
    fail "the icon renders at $size px"; sed 's/^/#   /' "$tmp/err"
  fi
done
rsvg-convert -w 16 -h 16 "$symbolic" -o "$tmp/symbolic.png" 2>"$tmp/err" \
  && ok "the symbolic icon renders" || fail "the symbolic icon renders"
grep -qE 'stroke|<(line|polyline|text|image)|gradient' "$symbolic" \
  && fail "the symbolic icon is filled shapes only" || ok "the symbolic icon is filled shapes only"
[ "$(grep -oE 'fill="#[0-9a-fA-F]+"' "$symbolic" | sort -u | wc -l)" -eq 1 ] \
  && ok "the symbolic icon has one colour" || fail "the symbolic icon has one colour"
grep -q 'width="16" height="16" viewBox="0 0 16 16"' "$symbolic" \
  && ok "the symbolic icon is drawn on the 16 px grid" || fail "the symbolic icon is drawn on the 16 px grid"

finish
