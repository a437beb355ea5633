#!/usr/bin/env bash
# test-translations.sh: every translation in po/LINGUAS is complete for the sources as they are
# now. The template is extracted afresh from POTFILES.in into a temporary folder (as
# `meson compile speedup-lab-pot` would, with the glib preset's keywords and po/meson.build's
# NG_), each LANG.po is merged against it there, and any untranslated or fuzzy message fails the
# test, listed, so that a string added without its translation cannot land. po/ is not touched:
# `meson compile -C _build speedup-lab-update-po` brings the new strings into po/LANG.po.
#
#   test-translations.sh SOURCE_ROOT
set -euo pipefail

top=$(cd "${1:-$(dirname "$0")/..}" && pwd)

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" > /dev/null; then
    echo "SKIP: $tool is missing (Debian package gettext)"
    exit 77
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The glib preset of meson's i18n module, and po/meson.build's own keyword.
xgettext --package-name=speedup-lab --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --keyword=NG_:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  --directory="$top" --files-from="$top/po/POTFILES.in" --output="$work/speedup-lab.pot"

n_messages=$(grep -c '^msgid ' "$work/speedup-lab.pot")
failed=0
checked=0

while read -r lang; do
  case "$lang" in ''|'#'*) continue ;; esac
  po="$top/po/$lang.po"
  checked=$((checked + 1))
  if [ ! -f "$po" ]; then
    echo "FAIL: po/LINGUAS names $lang, but po/$lang.po does not exist"
    failed=1
    continue
  fi

  # The file as it is must be well formed: formats that match their msgid, a plural header.
  if ! msgfmt --check --output-file=/dev/null "$po" 2> "$work/check"; then
    echo "FAIL: po/$lang.po does not compile:"
    cat "$work/check"
    failed=1
    continue
  fi

  msgmerge --quiet --previous --output-file="$work/$lang.po" "$po" "$work/speedup-lab.pot"
  msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" > "$work/untranslated"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" > "$work/fuzzy"
  untranslated=$(grep -c '^msgid ' "$work/untranslated" || true)
  fuzzy=$(grep -c '^msgid ' "$work/fuzzy" || true)
  # Each listing starts with the header entry (msgid "").
  untranslated=$((untranslated > 0 ? untranslated - 1 : 0))
  fuzzy=$((fuzzy > 0 ? fuzzy - 1 : 0))
  msgfmt --check --statistics --output-file=/dev/null "$work/$lang.po" 2>&1 | sed "s|^|po/$lang.po: |"

  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "FAIL: po/$lang.po has $untranslated untranslated and $fuzzy fuzzy of $((n_messages - 1)) messages:"
    grep -h -A1 '^msgid ' "$work/untranslated" "$work/fuzzy" | grep -v -e '^--$' -e '^msgid ""$' -e '^msgstr ""$' | head -40
    echo "Run \`meson compile -C _build speedup-lab-update-po\`, translate them, and clear the fuzzy marks."
    failed=1
  fi
done < "$top/po/LINGUAS"

if [ "$checked" -eq 0 ]; then
  echo "FAIL: po/LINGUAS names no language"
  exit 1
fi
[ "$failed" -eq 0 ] && echo "$checked translation(s) complete for $((n_messages - 1)) messages"
exit "$failed"
