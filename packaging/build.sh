#!/usr/bin/env bash
# Build the StyleRec bundle for this OS with PyInstaller, then prove it with --self-test.
#
#   packaging/build.sh [--variant cuda|cpu] [--installer]
#
# cuda (default): the torch build already installed in .venv (PyPI's Linux wheels are
#                 CUDA builds: about 4.5 GB bundle, runs on any machine, uses an NVIDIA GPU).
# cpu:            reinstall torch/torchvision from the PyTorch CPU wheel index given in
#                 TORCH_CPU_INDEX (about 0.9 GB bundle); needs that index reachable.
# --installer:    also make this OS's installer (Linux tarball; Windows/macOS: see README).
set -euo pipefail
cd "$(dirname "$0")/.."
VARIANT=cuda
INSTALLER=0
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) VARIANT="$2"; shift 2 ;;
    --installer) INSTALLER=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PY=.venv/bin/python
[ -x "$PY" ] || { python3.11 -m venv .venv && .venv/bin/pip install -e .; }
$PY -m pip install -q -e '.[package]'
if [ "$VARIANT" = cpu ]; then
  : "${TORCH_CPU_INDEX:?set TORCH_CPU_INDEX to the PyTorch CPU wheel index URL}"
  $PY -m pip install -q --force-reinstall --no-deps --index-url "$TORCH_CPU_INDEX" \
      "torch==2.14.1" "torchvision==0.29.1"
fi
# Translations: .ts → .qm next to it (the bundle ships the compiled file).
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
rm -rf build/pyinstaller dist/StyleRec
start=$(date +%s)
$PY -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/stylerec.spec
echo "built dist/StyleRec in $(( $(date +%s) - start )) s, $(du -sh dist/StyleRec | cut -f1)"
dist/StyleRec/stylerec --self-test
if [ "$INSTALLER" = 1 ] && [ "$(uname)" = Linux ]; then
  packaging/linux/make_tarball.sh
fi
