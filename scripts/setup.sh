#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Inventra Desktop: the system libraries Qt
# needs, a virtual environment in .venv, and the project installed into it.
#   scripts/setup.sh            runtime only
#   scripts/setup.sh --test     with the test tools
#   scripts/setup.sh --display  also the X11 libraries a real window needs (and Xvfb, xdotool: its test)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
want_display=0
want_test_tools=0
for arg in "$@"; do
  case "$arg" in
    --test) extras="[test]"; want_test_tools=1 ;;
    --display) want_display=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# Qt needs these even offscreen (QT-NOTES.md); a real window adds the xcb ones.
packages=(libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libx11-6 libdbus-1-3)
# The count sheet PDF embeds TrueType-outline fonts only (reportlab refuses CFF, so not fonts-noto-cjk):
# DejaVu (Latin, Greek, Cyrillic, Hebrew, Arabic), WenQuanYi Zen Hei (Chinese, Japanese, Korean), Loma (Thai).
packages+=(fonts-dejavu-core fonts-wqy-zenhei fonts-tlwg-loma-ttf)
if [ "$want_display" = 1 ]; then
  packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
             libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
             xvfb xauth xdotool)  # the real-window smoke test: an X server, and a finger to click with
fi

if [ "$want_test_tools" = 1 ]; then
  packages+=(poppler-utils)  # pdftoppm: the tests render the count-sheet PDF to PNG
  packages+=(desktop-file-utils appstream)  # the packaging tests validate the .desktop file and the metainfo
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  packages+=(python3 python3-venv)
elif ! "$PYTHON" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11) or sys.version_info >= (3, 14))' 2>/dev/null; then
  if "$PYTHON" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info < (3, 14)))'; then
    packages+=(python3-venv)
  else
    echo "setup.sh: Inventra needs Python 3.11, 3.12 or 3.13; $PYTHON is $("$PYTHON" -V 2>&1). Set PYTHON=/path/to/python3.x" >&2
    exit 1
  fi
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup.sh: installing system packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup.sh: these system packages are missing. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
echo "setup.sh: ready (.venv)"
