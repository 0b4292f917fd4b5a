#!/usr/bin/env bash
# Adds StyleRec to the desktop menu of the current user (run from the unpacked folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$HOME/.local/share/applications"
sed "s#@INSTALL_DIR@#$here#g" "$here/stylerec.desktop" > "$HOME/.local/share/applications/stylerec.desktop"
echo "StyleRec added to the applications menu."
