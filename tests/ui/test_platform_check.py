"""Launch check: a missing X11 library is one actionable line and a clean exit, not Qt's abort."""

import subprocess
import sys

from stylerec_app.ui.platform_check import advice, missing_libraries, uses_xcb, xcb_plugin

LDD = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibQt6Gui.so.6 => /venv/PySide6/Qt/lib/libQt6Gui.so.6 (0x00007f)
"""


def test_missing_libraries_are_read_from_the_linker_and_named_as_packages():
    missing = missing_libraries(xcb_plugin(), run=lambda _cmd: LDD)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    line = advice(missing)
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in line
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in line and "\n" not in line
    assert isinstance(missing_libraries(xcb_plugin()), list)  # the real linker answers too


def test_only_the_x11_platform_is_checked():
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({}, "win32") and not uses_xcb({"WAYLAND_DISPLAY": "w"}, "linux")


def test_the_app_exits_with_the_advice_when_a_library_is_missing(tmp_path):
    script = ("import stylerec_app.ui.platform_check as pc\n"
              "pc.missing_libraries = lambda plugin, run=None: ['libxcb-cursor.so.0']\n"
              "from stylerec_app.ui.app import main\n"
              "main([])\n")
    env = {"QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "STYLEREC_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "sudo apt-get install libxcb-cursor0" in done.stderr
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert "could not load the Qt platform plugin" not in done.stderr.lower()
