#!/usr/bin/env bash
# Adds StyleRec to the desktop menu of the current user (run from the unpacked folder),
# and says which system libraries Qt's X11 window still needs (see SYSTEM-REQUIREMENTS).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$HOME/.local/share/applications"
sed "s#@INSTALL_DIR@#$here#g" "$here/stylerec.desktop" > "$HOME/.local/share/applications/stylerec.desktop"
echo "StyleRec added to the applications menu."
missing=()
while read -r lib package; do
  [ -z "$lib" ] || [ "${lib:0:1}" = "#" ] && continue
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("$package")
done < "$here/SYSTEM-REQUIREMENTS"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Before the first start, install: sudo apt-get install ${missing[*]}"
  echo "(Fedora names are in $here/SYSTEM-REQUIREMENTS.)"
fi
