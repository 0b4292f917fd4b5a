#!/usr/bin/env bash
# Linux installer: dist/StyleRec-<version>-linux-x86_64.tar.gz with a .desktop file and icon.
# Unpack anywhere (e.g. /opt) and run ./install-desktop-entry.sh to add the menu entry.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(.venv/bin/python -c "import sys; sys.path.insert(0, 'packaging'); import bundle_data; print(bundle_data.version())")
cp packaging/linux/stylerec.desktop packaging/linux/install-desktop-entry.sh \
   packaging/linux/SYSTEM-REQUIREMENTS dist/StyleRec/
cp resources/icons/stylerec.png dist/StyleRec/stylerec.png
tar -C dist -czf "dist/StyleRec-$VERSION-linux-x86_64.tar.gz" StyleRec
echo "dist/StyleRec-$VERSION-linux-x86_64.tar.gz ($(du -sh "dist/StyleRec-$VERSION-linux-x86_64.tar.gz" | cut -f1))"
