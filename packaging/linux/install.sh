#!/usr/bin/env bash
# Installs the bundle that packaging/build.py built (dist/inventra-desktop/) with its desktop
# integration: the launcher entry, the icons and the AppStream metainfo.
#   packaging/linux/install.sh                       for this user, under ~/.local
#   sudo packaging/linux/install.sh --prefix /opt/inventra   (or /usr/local) for everyone
#   packaging/linux/install.sh --uninstall [--prefix P]
# Layout under PREFIX: lib/inventra-desktop/ (the bundle), bin/inventra-desktop and bin/inventra
# (symlinks), share/applications, share/icons/hicolor, share/metainfo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="${HOME}/.local"
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=1; shift ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

app_id=io.inventra.InventraDesktop
bundle="$prefix/lib/inventra-desktop"
desktop="$prefix/share/applications/inventra-desktop.desktop"
metainfo="$prefix/share/metainfo/$app_id.metainfo.xml"
icons="$prefix/share/icons/hicolor"

if [ "$uninstall" = 1 ]; then
  rm -rf "$bundle"
  rm -f "$prefix/bin/inventra-desktop" "$prefix/bin/inventra" "$desktop" "$metainfo"
  find "$icons" -name 'inventra-desktop.*' -path '*/apps/*' -delete 2>/dev/null || true
  echo "install.sh: removed Inventra Desktop from $prefix"
  exit 0
fi

if [ ! -x "$root/dist/inventra-desktop/inventra-desktop" ]; then
  echo "install.sh: no bundle in $root/dist/inventra-desktop: run python3 packaging/build.py first" >&2
  exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin"
rm -rf "$bundle"
cp -a "$root/dist/inventra-desktop" "$bundle"
ln -sfn "$bundle/inventra-desktop" "$prefix/bin/inventra-desktop"
ln -sfn "$bundle/inventra" "$prefix/bin/inventra"

# The launcher names the installed executable by its full path: ~/.local/bin is not on every PATH.
install -d "$(dirname "$desktop")"
sed -e "s|^Exec=inventra-desktop|Exec=$prefix/bin/inventra-desktop|" \
    -e "s|^TryExec=inventra-desktop|TryExec=$prefix/bin/inventra-desktop|" \
    "$root/resources/linux/inventra-desktop.desktop" > "$desktop"
chmod 644 "$desktop"
install -Dm644 "$root/resources/linux/$app_id.metainfo.xml" "$metainfo"
for png in "$root"/resources/icons/hicolor/*/apps/inventra-desktop.*; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  install -Dm644 "$png" "$icons/$size/apps/$(basename "$png")"
done

command -v update-desktop-database >/dev/null && update-desktop-database -q "$(dirname "$desktop")" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$icons" || true
echo "install.sh: installed in $prefix (start it from the applications menu or with $prefix/bin/inventra-desktop)"
