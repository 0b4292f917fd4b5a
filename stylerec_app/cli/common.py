"""Helpers shared by the CLI commands: the progress bar and Ctrl-C as cancel."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable

from stylerec_app.domain.progress import CancelToken, Progress


def open_store_for(args, create: bool = False):
    """The store named by --db (created only when `create`: import and demo)."""
    from stylerec_app.services.stores import open_store

    return open_store(args.db, create=create)


def engines_for(args):
    """The engines hub on the device chosen by --device, else the settings' device."""
    from stylerec_app.services.engines import Engines

    settings = args.settings
    device = getattr(args, "device", None) or settings.device
    engines = Engines(device, settings.cache_dir)
    return engines


def say_device(engines) -> None:
    if engines.loaded and engines.device.notice:
        print(engines.device.notice, file=sys.stderr)


class ProgressBar:
    """tqdm bar fed from a progress sink: one line at a time, a new bar for each phase
    (a new stage, model or total, or a count that starts again) so it never counts back."""

    def __init__(self, quiet: bool = False, unit: str = "row") -> None:
        self.quiet = quiet
        self.unit = unit
        self.bar = None
        self._phase = None

    def __call__(self, p: Progress) -> None:
        if self.quiet:
            return
        from tqdm import tqdm

        phase = (p.stage, p.model, p.step, p.total)
        if self.bar is None or phase != self._phase or p.done < self.bar.n:
            self.close()
            self._phase = phase
            self.bar = tqdm(total=p.total, unit=self.unit, file=sys.stderr, leave=False,
                            dynamic_ncols=True, position=0)
        self.bar.set_description(p.message or "working", refresh=False)
        self.bar.n = p.done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def with_cancel(work: Callable[[CancelToken], object]):
    """Ctrl-C asks the work to stop after the current batch (a second one kills)."""
    token = CancelToken()

    def on_sigint(signum, frame):
        if token.cancelled:
            raise KeyboardInterrupt
        print("\nCancelling after the current batch… (Ctrl-C again to abort)", file=sys.stderr)
        token.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        return work(token)
    finally:
        signal.signal(signal.SIGINT, previous)
