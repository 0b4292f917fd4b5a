"""Before Qt starts: are the system libraries its X11 (xcb) platform needs there?

Without them Qt prints a long message and aborts the process. On Linux, when the xcb
platform would be used, we ask the dynamic linker (``ldd``) which libraries the xcb plugin
cannot find and turn that into one line naming the packages to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# Library → package, for the systems whose names we know (Debian/Ubuntu, Fedora).
DEBIAN = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
          "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
          "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-xkb.so.1": "libxcb-xkb1",
          "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxcb-shape.so.0": "libxcb-shape0",
          "libxcb-randr.so.0": "libxcb-randr0", "libxcb-xfixes.so.0": "libxcb-xfixes0",
          "libxcb-sync.so.1": "libxcb-sync1", "libxcb-render.so.0": "libxcb-render0",
          "libxcb-shm.so.0": "libxcb-shm0", "libxcb-xinput.so.0": "libxcb-xinput0",
          "libxkbcommon.so.0": "libxkbcommon0", "libX11-xcb.so.1": "libx11-xcb1",
          "libxcb.so.1": "libxcb1", "libEGL.so.1": "libegl1", "libfontconfig.so.1":
          "libfontconfig1", "libdbus-1.so.3": "libdbus-1-3", "libGL.so.1": "libgl1"}
FEDORA = {"libxcb-cursor.so.0": "xcb-util-cursor", "libxcb-icccm.so.4": "xcb-util-wm",
          "libxcb-keysyms.so.1": "xcb-util-keysyms", "libxcb-image.so.0": "xcb-util-image",
          "libxcb-render-util.so.0": "xcb-util-renderutil",
          "libxkbcommon-x11.so.0": "libxkbcommon-x11"}


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt would start its X11 platform (Linux, no other platform asked for)."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(":")[0].split(";")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """The xcb platform plugin Qt would load (PySide6's own)."""
    import PySide6

    found = sorted(Path(PySide6.__file__).parent.glob("Qt/plugins/platforms/libqxcb.so"))
    return found[0] if found else None


def missing_libraries(plugin: Path, run: Callable[[list[str]], str] | None = None) -> list[str]:
    """Libraries the plugin links to that the system cannot find, per ``ldd``."""
    if run is None:
        if shutil.which("ldd") is None:
            return []

        def run(cmd):
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout

    out = run(["ldd", str(plugin)])
    return sorted({line.split("=>")[0].strip() for line in out.splitlines()
                   if "not found" in line})


def advice(missing: list[str]) -> str:
    """One actionable line: the packages to install (Debian/Ubuntu and Fedora names)."""
    debian = sorted({DEBIAN.get(lib, lib) for lib in missing})
    fedora = sorted({FEDORA.get(lib, DEBIAN.get(lib, lib)) for lib in missing})
    return ("StyleRec cannot open its window: Qt's X11 platform needs system libraries that "
            f"are missing ({', '.join(missing)}). Install them with: sudo apt-get install "
            f"{' '.join(debian)}  (Fedora: sudo dnf install {' '.join(fedora)}), or run "
            "without a display: QT_QPA_PLATFORM=offscreen.")


def check_or_exit(environ=os.environ, plugin: Path | None = None, run=None,
                  stream=sys.stderr) -> None:
    """Exit with status 1 and the advice line instead of letting Qt abort."""
    if not uses_xcb(environ):
        return
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return
    missing = missing_libraries(plugin, run)
    if missing:
        print(advice(missing), file=stream, flush=True)
        raise SystemExit(1)
