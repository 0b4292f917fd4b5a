"""The engines hub: one owner for the compute device and every loaded network.

The device is picked (and proven) once; each network — image embedding, text embedding,
the style predictor and its bank of built-in style signatures, the restyling generators,
VGG for training — is loaded on first use and then handed out to everything that needs
it. In the app the hub belongs to the one inference thread: previews, profiling, ranking
with style affinity and training all run there as jobs. Every hand-out records the thread
that asked (``used_on``), which is how a test proves that.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import cached_property
from pathlib import Path

import numpy as np

from stylerec_app.engine.device import DeviceChoice, pick_device
from stylerec_app.engine.style_signature import PREDICTOR_VERSION

log = logging.getLogger(__name__)
STYLE_BANK_VERSION = f"{PREDICTOR_VERSION}+multistyle26+ref1"


def _beside_predictor() -> int:
    """CPU threads for a network that profiling runs beside the style predictor (image
    and text embeddings): the cores the predictor leaves (see `Engines._style`)."""
    cores = os.cpu_count() or 2
    return cores - max(1, cores // 2) or 1


class Engines:
    def __init__(self, device_setting: str = "auto", cache_dir: Path | None = None) -> None:
        self.device_setting = device_setting
        self.cache_dir = cache_dir
        self.used_on: dict[str, set[str]] = {}  # network → names of the threads that used it
        self._lock = threading.Lock()

    def _note(self, what: str) -> None:
        with self._lock:
            self.used_on.setdefault(what, set()).add(threading.current_thread().name)

    def threads(self) -> set[str]:
        """Every thread any network was handed to."""
        with self._lock:
            return set().union(*self.used_on.values()) if self.used_on else set()

    @cached_property
    def device(self) -> DeviceChoice:
        choice = pick_device(self.device_setting)
        if choice.notice:
            log.warning(choice.notice)
        return choice

    @property
    def loaded(self) -> bool:
        """Whether the device was already picked (so reading it costs nothing)."""
        return "device" in vars(self)

    # Each network: loaded once (cached_property), noted on every hand-out.
    @cached_property
    def _image(self):
        from stylerec_app.engine.image_embedding import ImageEmbedder  # loads torch

        return ImageEmbedder(self.device.device, threads=_beside_predictor(),
                             cache_dir=self.cache_dir)

    @property
    def image(self):
        self._note("image")
        return self._image

    @cached_property
    def _text(self):
        from stylerec_app.engine.text_embedding import TextEmbedder

        return TextEmbedder(str(self.device.device), threads=_beside_predictor(),
                            cache_dir=self.cache_dir)

    @property
    def text(self):
        self._note("text")
        return self._text

    @cached_property
    def _style(self):
        from stylerec_app.engine.style_signature import StylePredictor

        # Profiling runs it beside the embedding network: on a CPU they share the cores
        # half and half; next to a GPU it has the CPU to itself.
        cores = os.cpu_count() or 2
        return StylePredictor(cores if self.device.is_gpu else max(1, cores // 2))

    @property
    def style(self):
        """The style predictor (a photo's 100-d style signature)."""
        self._note("style-predictor")
        return self._style

    @cached_property
    def style_bank(self) -> np.ndarray:
        """26×100 signatures of the built-in styles, cached on disk (they never change)."""
        from stylerec_app.engine.style_signature import builtin_style_signatures

        path = (self.cache_dir / f"style_bank-{STYLE_BANK_VERSION.replace('/', '_')}.npy"
                if self.cache_dir is not None else None)
        if path is not None and path.exists():
            bank = np.load(path, allow_pickle=False)
            if bank.shape == (26, 100):
                return bank
        bank = builtin_style_signatures(self.style)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, bank)
        return bank

    @cached_property
    def _stylizer(self):
        from stylerec_app.engine.stylize import Stylizer

        return Stylizer(self.device.device)

    @property
    def stylizer(self):
        """The restyling generators (26-style bank, trained rows, picture styles, vintage)."""
        self._note("stylizer")
        return self._stylizer

    @cached_property
    def _vgg(self):
        from stylerec_app.engine.vgg import load_vgg

        return load_vgg(self.device.device)

    @property
    def vgg(self):
        """VGG19 features for the style-training losses."""
        self._note("vgg")
        return self._vgg
