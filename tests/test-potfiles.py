#!/usr/bin/env python3
# test-potfiles.py: po/POTFILES.in names every source with a translatable string, and nothing
# else. A file that marks a string (_("…"), N_("…"), C_("…", "…"), NG_("…", …), g_dngettext
# (…, "…"), translatable="yes") but is missing from the list would leave that string out of
# the translation template; a listed file that is gone breaks xgettext.
#
#   test-potfiles.py SOURCE_ROOT
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')

# A marker with a string literal as its message: `_(info->help)` translates a string marked
# where it is defined, and sl-i18n.h only defines NG_().
C_MARK = re.compile(r'\b(?:_|N_|C_|NC_|NG_|ngettext|g_dgettext|g_dngettext|g_dpgettext2)\s*\(\s*'
                    r'(?:GETTEXT_PACKAGE\s*,\s*)?"')
UI_MARK = re.compile(r'translatable="yes"')
# Desktop files and AppStream metainfo are translated whole, through i18n.merge_file().
MERGED = re.compile(r'\.(?:desktop|metainfo\.xml|appdata\.xml)\.in(?:\.in)?$')


def marked(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith(('.c', '.h')):
        return C_MARK.search(text) is not None
    if path.endswith('.ui'):
        return UI_MARK.search(text) is not None
    return MERGED.search(path) is not None


def sources():
    for top in ('src', 'data'):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                if name.endswith(('.c', '.h', '.ui')) or MERGED.search(name):
                    yield os.path.relpath(path, root)


def listed():
    names = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                names.append(line)
    return names


def main():
    names = listed()
    problems = []

    for name in sorted(set(n for n in names if names.count(n) > 1)):
        problems.append('%s is listed twice' % name)
    for name in names:
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            problems.append('%s is listed but does not exist' % name)
        elif not marked(path):
            problems.append('%s is listed but marks no string: take it out' % name)
    for name in sources():
        if name not in names and marked(os.path.join(root, name)):
            problems.append('%s marks strings for translation but is missing' % name)

    for problem in problems:
        print('po/POTFILES.in: ' + problem)
    if problems:
        return 1
    print('po/POTFILES.in lists the %d sources with translatable strings' % len(names))
    return 0


if __name__ == '__main__':
    sys.exit(main())
