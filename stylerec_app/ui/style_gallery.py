"""Styles with faces: the Studio's gallery (the current product in every style) and the
small swatches beside style names on shopper and persona cards."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from stylerec_app.services.styling import STYLES, build_spec
from stylerec_app.ui.thumbnails import placeholder

GALLERY_THUMB = 88
SWATCH = 40


def choice_spec(choice, max_side: int, **options):
    """The StyleSpec of one style choice (built-in, trained, picture or vintage)."""
    kind = {"builtin": "bank", "trained": "bank"}.get(choice.kind, choice.kind)
    return build_spec(kind, index=choice.index, vector=choice.vector, max_side=max_side,
                      **options)


class StyleGallery(QListWidget):
    """One tile per style: its name under the current product rendered in it. Tiles render
    on the inference thread, newest request first; a click picks the style."""

    style_picked = Signal(object)  # StyleChoice

    def __init__(self, worker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.choices: list = []
        self.thumbnails: dict[int, object] = {}  # row → QImage, as rendered
        self._batch = -1
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setIconSize(QSize(GALLERY_THUMB, GALLERY_THUMB))
        self.setGridSize(QSize(GALLERY_THUMB + 34, GALLERY_THUMB + 40))
        self.setWordWrap(True)
        self.setFixedHeight(GALLERY_THUMB + 62)
        self.setHorizontalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self._waiting = QIcon(placeholder(GALLERY_THUMB, "…"))
        worker.thumb_ready.connect(self._on_thumb)
        self.itemClicked.connect(lambda item: self.style_picked.emit(
            self.choices[item.data(Qt.ItemDataRole.UserRole)]))

    def set_choices(self, choices, labels: list[str]) -> None:
        self.clear()
        self.thumbnails = {}
        self.choices = list(choices)
        for row, label in enumerate(labels):
            item = QListWidgetItem(self._waiting, label)
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.addItem(item)

    def render_for(self, image_path: str | None, **options) -> None:
        """Every tile again for this photo (strength, mask and colours as `options`)."""
        if not image_path or not self.choices:
            return
        self.thumbnails = {}
        for row in range(self.count()):
            self.item(row).setIcon(self._waiting)
        items = [(row, image_path, choice_spec(c, GALLERY_THUMB, **options))
                 for row, c in enumerate(self.choices)]
        self._batch = self.worker.new_batch("gallery")
        self.worker.submit_thumbs(self._batch, items, None, GALLERY_THUMB)

    def select_choice(self, choice) -> None:
        for row, c in enumerate(self.choices):
            if c == choice:
                self.setCurrentRow(row)
                return
        self.clearSelection()

    def _on_thumb(self, batch: int, key, image) -> None:
        if batch == self._batch and 0 <= key < self.count():
            self.thumbnails[key] = image
            self.item(key).setIcon(QIcon(QPixmap.fromImage(image)))


def _reference_picture() -> Image.Image:
    """A small still life (sky, ground, a round and a square shape) that every built-in
    style is shown on: the same picture for all, so swatches compare styles only."""
    h = w = 96
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    sky = np.stack([200 - y, 215 - 0.5 * y, 240 - 0.3 * y], -1)
    ground = np.stack([120 + 0 * y, 150 - 0.3 * (y - 60), 110 + 0 * y], -1)
    img = np.where((y > 60)[..., None], ground, sky)
    disc = (x - 34) ** 2 + (y - 42) ** 2 < 16**2
    img[disc] = (230, 120, 60)
    img[52:80, 56:82] = (70, 90, 160)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


class SwatchBank(QObject):
    """The 26 built-in styles as small swatches, rendered once (on first need)."""

    ready = Signal()

    def __init__(self, worker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.swatches: dict[int, QPixmap] = {}
        self._batch = -1
        worker.thumb_ready.connect(self._on_thumb)

    def icon(self, index: int) -> QPixmap | None:
        if not self.swatches and self._batch < 0:
            self.request()
        return self.swatches.get(index)

    def request(self) -> None:
        picture = _reference_picture()  # in memory: no file to share or clean up
        items = [(i, picture, build_spec("bank", index=i, max_side=SWATCH))
                 for i in range(STYLES)]
        self._batch = self.worker.new_batch("swatches")
        self.worker.submit_thumbs(self._batch, items, None, SWATCH)

    def _on_thumb(self, batch: int, key, image) -> None:
        if batch != self._batch:
            return
        self.swatches[key] = QPixmap.fromImage(image)
        if len(self.swatches) == STYLES:
            self.ready.emit()
