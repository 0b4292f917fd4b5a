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
from PySide6.QtCore import QObject, Qt, Signal, Slot
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
        # queued even from its own thread: each thumbnail is its own event (see _thumbs)
        self.thumbs_requested.connect(self._thumbs, Qt.ConnectionType.QueuedConnection)
        self.latest_batch: dict[str, int] = {}  # page → its newest thumbnail batch
        self._batches = 0
        self._thumb_source = (None, None)

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

    def new_batch(self, channel: str) -> int:
        """A batch id for one page's thumbnails (`channel`): unique across pages, and a
        newer batch of the same channel makes that channel's older ones stale."""
        with self._lock:
            self._batches += 1
            self.latest_batch[channel] = self._batches
            return self._batches

    def submit_thumbs(self, batch: int, items, spec: StyleSpec | None, size: int) -> None:
        """Restyled thumbnails: items are (key, photo path or picture) in `spec`, or (key, path,
        spec) each in its own; a newer batch of the same page skips the rest of this one."""
        self.thumbs_requested.emit(batch, items, spec, size)

    @Slot(int, object, object, int)
    def _thumbs(self, batch: int, items, spec: StyleSpec | None, size: int) -> None:
        """One thumbnail per turn of this thread's event loop, the rest sent on behind any
        preview queued meanwhile: a gallery of 27 styles never holds up the live preview."""
        if not items:
            return
        with self._lock:
            if batch not in self.latest_batch.values():
                return
        entry, rest = items[0], items[1:]
        key, path, item_spec = entry if len(entry) == 3 else (*entry, spec)
        try:
            photo = self._thumb_photo(path, size)
            image = photo if item_spec is None else self.stylizer().render(photo, item_spec)
            self.thumb_ready.emit(batch, key, to_qimage(image))
        except (BadImage, ValueError, RuntimeError):
            pass
        if rest:
            self.thumbs_requested.emit(batch, rest, spec, size)

    def _thumb_photo(self, path, size: int) -> Image.Image:
        """The gallery renders one photo in every style: decoded once. `path` may also be
        a picture already in memory (the swatches' still life)."""
        if isinstance(path, Image.Image):
            return fit(path, size)
        if self._thumb_source[0] != (path, size):
            self._thumb_source = ((path, size), fit(open_photo(path, size), size))
        return self._thumb_source[1]

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
