"""Compiled (numba) kernels: built once per process, cached on disk where that is allowed.

An installed app's package folder is read-only, so numba's on-disk cache cannot be
written there; the kernels are then compiled without it (a second or two per process).
"""

from __future__ import annotations

from collections.abc import Callable


class Kernel:
    """`factory(cache: bool)` returns the njit-compiled function (or a tuple of them);
    `get()` builds it once, `kernel(*args)` calls a single one."""

    def __init__(self, factory: Callable[[bool], object]) -> None:
        self._factory = factory
        self._compiled: object | None = None

    def get(self):
        if self._compiled is None:
            try:
                self._compiled = self._factory(True)
            except RuntimeError:  # numba: no writable cache locator
                self._compiled = self._factory(False)
        return self._compiled

    def __call__(self, *args):
        return self.get()(*args)
