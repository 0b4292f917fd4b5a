"""Restyled previews on the inference thread: debounced by the page, latest wins here.

The page sends every request; the worker skips any request that is already stale
when its turn comes, and the page ignores late answers, so a fast slider drag
costs one render at a time and always ends on the last value.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from stylerec_app.services.engines import Engines
from stylerec_app.services.photos import BadImage, open_photo
from stylerec_app.services.styling import StyleService, StyleSpec, fit
from stylerec_app.ui.thumbnails import to_qimage

log = logging.getLogger(__name__)
PREVIEW_SIDE = 512


@dataclass(frozen=True)
class PreviewRequest:
    id: int
    image_path: str
    spec: StyleSpec


@dataclass(frozen=True)
class PreviewResult:
    request: PreviewRequest
    original: QImage
    restyled: QImage
    millis: float
    device: str
    error: str = ""


class PreviewWorker(QObject):
    """Lives on the inference thread; restyles with the hub's generators (its device)."""

    requested = Signal(object)  # PreviewRequest (GUI → worker)
    rendered = Signal(object)  # PreviewResult (worker → GUI)
    styles_ready = Signal(object)  # list[StyleChoice]
    sync_requested = Signal(object)  # StyleService
    thumbs_requested = Signal(int, object, object, int)  # batch id, [(key, path)], spec, size
    thumb_ready = Signal(int, object, object)  # batch id, key, QImage

    def __init__(self, engines: Engines) -> None:
        super().__init__()
        self.engines = engines
        self.latest = 0
        self._lock = threading.Lock()
        self._photos: dict[str, Image.Image] = {}
        self.requested.connect(self._render)
        self.sync_requested.connect(self._sync)
        self.thumbs_requested.connect(self._thumbs)
        self.latest_batch = 0

    def submit(self, request: PreviewRequest) -> None:
        with self._lock:
            self.latest = request.id
        self.requested.emit(request)

    def stylizer(self):
        return self.engines.stylizer

    @property
    def device_label(self) -> str:
        if not self.engines.loaded:
            return ""
        choice = self.engines.device
        return f"{choice.label} ({choice.notice})" if choice.notice else choice.label

    def _photo(self, path: str) -> Image.Image:
        if path not in self._photos:
            if len(self._photos) > 32:
                self._photos.clear()
            self._photos[path] = fit(open_photo(path, PREVIEW_SIDE), PREVIEW_SIDE)
        return self._photos[path]

    @Slot(object)
    def _sync(self, service: StyleService) -> None:
        try:
            self.styles_ready.emit(service.sync(self.stylizer()))
        except Exception as exc:
            log.exception("could not load the style bank")
            self.styles_ready.emit(exc)

    def submit_thumbs(self, batch: int, items, spec: StyleSpec, size: int) -> None:
        """Restyled thumbnails for a list of products; a newer batch cancels older ones."""
        with self._lock:
            self.latest_batch = batch
        self.thumbs_requested.emit(batch, items, spec, size)

    @Slot(int, object, object, int)
    def _thumbs(self, batch: int, items, spec: StyleSpec, size: int) -> None:
        for key, path in items:
            with self._lock:
                if batch != self.latest_batch:
                    return
            try:
                photo = fit(open_photo(path, size), size)
                image = self.stylizer().render(photo, spec)
            except (BadImage, ValueError, RuntimeError):
                continue
            self.thumb_ready.emit(batch, key, to_qimage(image))

    @Slot(object)
    def _render(self, request: PreviewRequest) -> None:
        with self._lock:
            if request.id != self.latest:
                return  # a newer request is queued: skip this one
        empty = QImage()
        try:
            photo = self._photo(request.image_path)
            start = time.perf_counter()
            image = self.stylizer().render(photo, request.spec)
            millis = (time.perf_counter() - start) * 1000
            result = PreviewResult(request, to_qimage(photo), to_qimage(image), millis,
                                   self.device_label)
        except (BadImage, ValueError, RuntimeError) as exc:
            result = PreviewResult(request, empty, empty, 0.0, self.device_label, str(exc))
        self.rendered.emit(result)
