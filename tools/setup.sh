# tools/setup.sh: shared by tools/run and tools/test (sourced, not run).
# Installs what is missing from Debian's apt (when root), then configures and builds in _build/.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SPEEDUP_LAB_BUILD_DIR:-$top/_build}

# Build and test dependencies, as Debian 12 names them.
packages=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libjson-glib-dev libcurl4-openssl-dev libsoup-3.0-dev
  libcairo2-dev libpango1.0-dev libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  python3 python3-dev
  xvfb xauth x11-utils imagemagick librsvg2-bin libxml2-utils
  desktop-file-utils appstream gettext itstool locales shared-mime-info flatpak-builder
)

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || printf '%s\n' "$p"
  done
}

install_dependencies() {
  local missing
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi

  echo "Installing ${#missing[@]} missing packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || return 1
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || return 1
}

# The German locale that the translation and number-format tests run under (they skip without it).
install_locale() {
  locale -a 2> /dev/null | grep -qix 'de_DE.utf-\?8' && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "The de_DE.UTF-8 locale is missing: its tests will skip. As root: enable" >&2
    echo "  de_DE.UTF-8 UTF-8 in /etc/locale.gen and run locale-gen" >&2
    return 0
  fi
  echo "Generating the de_DE.UTF-8 locale for the translation tests" >&2
  sed -i 's/^# *\(de_DE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen >&2 || return 1
}

build_project() {
  local options=(--buildtype=debugoptimized)
  [ -n "${CI:-}" ] && options+=(-Dwerror=true)

  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$top" "${options[@]}" >&2 || return 1
  fi
  ninja -C "$build_dir" >&2 || return 1
}
