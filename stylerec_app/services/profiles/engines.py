"""The models a profiling run needs, loaded only when something is actually out of date."""

from __future__ import annotations

import logging
from functools import cached_property

import numpy as np

from stylerec_app.engine.device import DeviceChoice, pick_device
from stylerec_app.engine.style_signature import (
    PREDICTOR_VERSION,
    StylePredictor,
    builtin_style_signatures,
)
from stylerec_app.engine.text_embedding import TextEmbedder
from stylerec_app.services import app_paths

log = logging.getLogger(__name__)
STYLE_BANK_VERSION = f"{PREDICTOR_VERSION}+multistyle26+ref1"


class ProfileEngines:
    def __init__(self, device_setting: str = "auto") -> None:
        self.device_setting = device_setting

    @cached_property
    def device(self) -> DeviceChoice:
        choice = pick_device(self.device_setting)
        if choice.notice:
            log.warning(choice.notice)
        return choice

    @cached_property
    def image(self):
        from stylerec_app.engine.image_embedding import ImageEmbedder  # loads torch

        return ImageEmbedder(self.device.device)

    @cached_property
    def text(self) -> TextEmbedder:
        return TextEmbedder(str(self.device.device))

    @cached_property
    def style(self) -> StylePredictor:
        return StylePredictor()

    @cached_property
    def style_bank(self) -> np.ndarray:
        """26×100 signatures of the built-in styles, cached on disk (they never change)."""
        path = app_paths.cache_dir() / f"style_bank-{STYLE_BANK_VERSION.replace('/', '_')}.npy"
        if path.exists():
            bank = np.load(path)
            if bank.shape == (26, 100):
                return bank
        bank = builtin_style_signatures(self.style)
        np.save(path, bank)
        return bank
