#!/usr/bin/env python3
"""test-flatpak-manifest.py MANIFEST SRCDIR BUILDDIR: the Flatpak manifest as flatpak-builder reads it.

No Flatpak runtime can be downloaded where the tests run, so the bundle itself is not built
here; this checks what can be checked without one: flatpak-builder parses the manifest
(--show-manifest), the runtime is GNOME's, the app's module builds this source tree with meson
and sets every option of meson_options.txt, each to a value the option takes (read from the
build folder's introspection, the options as meson understood them), any other module is
pinned by a checksum, and the sandbox gets exactly the permissions the app needs.
Skips (77) without flatpak-builder.
"""

import json
import os
import shutil
import subprocess
import sys

APP_ID = "io.github.speeduplab.SpeedupLab"
RUNTIME = ("org.gnome.Platform", "org.gnome.Sdk", "49")
# The network because user-given URLs are fetched; the display; nothing of the files: they go
# through the portal's file chooser.
FINISH_ARGS = ["--share=network", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
               "--share=ipc"]

count = 0
failures = 0


def check(condition, what, detail=None):
    global count, failures
    count += 1
    if condition:
        print(f"ok {count} - {what}")
    else:
        failures += 1
        print(f"not ok {count} - {what}")
        if detail:
            for line in str(detail).splitlines():
                print(f"#   {line}")
    return condition


def valid_value(option, value):
    """Whether meson would take `value` for `option` (an entry of intro-buildoptions.json)."""
    kind = option["type"]
    if kind in ("combo", "feature"):
        return value in option.get("choices", ["enabled", "disabled", "auto"])
    if kind == "boolean":
        return value in ("true", "false")
    if kind == "integer":
        try:
            number = int(value)
        except ValueError:
            return False
        low, high = option.get("min"), option.get("max")
        return (low is None or number >= low) and (high is None or number <= high)
    if kind == "array":
        choices = option.get("choices")
        return not choices or all(v in choices for v in value.split(",") if v)
    return True    # a string


def config_options(opts):
    """{name: value} of the -Dname=value and --name=value items of config-opts."""
    found = {}
    for opt in opts:
        body = opt[2:] if opt.startswith("-D") else opt[2:] if opt.startswith("--") else None
        if body is None or "=" not in body:
            check(False, f"config-opts item {opt!r} is an option with a value")
            continue
        name, value = body.split("=", 1)
        found[name] = value
    return found


def main():
    manifest_path, source_dir, build_dir = sys.argv[1:4]
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("1..0 # SKIP flatpak-builder is not installed (tools/setup.sh installs it)")
        return 77

    shown = subprocess.run([builder, "--show-manifest", manifest_path],
                           capture_output=True, text=True)
    if not check(shown.returncode == 0, "flatpak-builder parses the manifest", shown.stderr):
        return 1
    manifest = json.loads(shown.stdout)

    check(manifest.get("id", manifest.get("app-id")) == APP_ID, f"the app id is {APP_ID}")
    check((manifest.get("runtime"), manifest.get("sdk"), manifest.get("runtime-version")) ==
          RUNTIME, "the runtime is org.gnome.Platform 49 with its SDK")
    check(manifest.get("command") == "speedup-lab", "it runs speedup-lab")

    args = manifest.get("finish-args", [])
    check(sorted(args) == sorted(FINISH_ARGS) and len(set(args)) == len(args),
          "finish-args are exactly network, wayland, fallback-x11, dri and ipc", args)

    modules = manifest.get("modules", [])
    app = [m for m in modules if isinstance(m, dict) and m.get("name") == "speedup-lab"]
    if not check(len(app) == 1 and modules[-1] is app[0],
                 "the last module is speedup-lab"):
        return 1
    app = app[0]
    check(app.get("buildsystem") == "meson", "speedup-lab builds with meson")

    sources = app.get("sources", [])
    roots = [os.path.normpath(os.path.join(os.path.dirname(manifest_path), s["path"]))
             for s in sources if s.get("type") == "dir"]
    check(len(roots) == 1 and os.path.isdir(roots[0]) and os.path.samefile(roots[0], source_dir),
          "speedup-lab is built from this source tree", roots)

    for other in modules[:-1]:
        pinned = all(("sha256" in s or "commit" in s) and ("url" in s)
                     for s in other.get("sources", []))
        check(pinned, f"module {other.get('name')} is fetched by URL and pinned by a checksum")

    with open(os.path.join(build_dir, "meson-info", "intro-buildoptions.json")) as f:
        known = {o["name"]: o for o in json.load(f)}
    project = {name for name, o in known.items() if o["section"] == "user"}

    opts = config_options(app.get("config-opts", []))
    for name, value in opts.items():
        option = known.get(name)
        if check(option is not None, f"config-opts sets {name}, an option meson knows"):
            check(valid_value(option, value), f"{name}={value} is a value {name} takes",
                  option.get("choices"))
    missing = sorted(project - opts.keys())
    check(not missing, "config-opts decides every option of meson_options.txt",
          f"not set: {', '.join(missing)}")

    print(f"1..{count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
