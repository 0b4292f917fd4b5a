"""Thumbnails decoded off the GUI thread, with a bounded cache and placeholders.

Workers decode through the guarded photo loader (regular files only, size and pixel
caps, JPEG decoded reduced to the thumbnail size) into QImage (thread-safe); the GUI
thread turns them into QPixmaps and keeps the most recently used ones. Newer requests
run first, so scrolling shows what is on screen before what scrolled past.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRect, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap

from stylerec_app.services.photos import BadImage, open_photo


class _Signals(QObject):
    loaded = Signal(object, object)  # key, QImage (null when undecodable)


class _Decode(QRunnable):
    def __init__(self, key, path: str, size: int, signals: _Signals) -> None:
        super().__init__()
        self.key, self.path, self.size, self.signals = key, path, size, signals

    def run(self) -> None:
        try:
            image = to_qimage(open_photo(self.path, self.size))
        except (BadImage, OSError, ValueError):
            image = QImage()
        self.signals.loaded.emit(self.key, image)


def to_qimage(image) -> QImage:
    """A PIL image as a QImage that owns its pixels (safe to hand to another thread)."""
    rgb = image.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width,
                  QImage.Format.Format_RGB888).copy()


def with_badge(pix: QPixmap, text: str, left: bool = False) -> QPixmap:
    """A copy of a thumbnail with a small label in its lower right (or left) corner, e.g.
    the number of colours a product comes in, or "restyled"."""
    out = QPixmap(pix)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPointSizeF(8.0)
    font.setBold(True)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    w, h = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
    scale = out.devicePixelRatio() or 1.0
    right, bottom = out.width() / scale, out.height() / scale
    rect = QRect(4 if left else int(right - w - 4), int(bottom - h - 4), w, h)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(30, 30, 30, 190))
    painter.drawRoundedRect(rect, h / 2, h / 2)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return out


def placeholder(size: int, text: str, dpr: float = 1.0, warn: bool = False) -> QPixmap:
    pix = QPixmap(int(size * dpr), int(size * dpr))
    pix.setDevicePixelRatio(dpr)
    pix.fill(QColor("#f1ece6") if warn else QColor("#eceef1"))
    painter = QPainter(pix)
    painter.setPen(QColor("#a05a2c") if warn else QColor("#8a8f98"))
    font = QFont()
    font.setPointSizeF(max(7.0, size / 16))
    painter.setFont(font)
    area = QRect(4, 4, size - 8, size - 8)  # logical coordinates
    painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return pix


class ThumbnailCache(QObject):
    """request(key, path) → pixmap or None; emits `ready(key)` when a decode lands."""

    ready = Signal(object)

    def __init__(self, size: int = 160, capacity: int = 1500, parent=None) -> None:
        super().__init__(parent)
        self.size = size
        self.capacity = capacity
        self.dpr = 1.0
        self._pixmaps: OrderedDict = OrderedDict()
        self._pending: set = set()
        self._failed: set = set()
        self._order = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, min(4, QThreadPool.globalInstance().maxThreadCount())))
        self._signals = _Signals()
        self._signals.loaded.connect(self._on_loaded)

    def set_device_pixel_ratio(self, dpr: float) -> None:
        if dpr != self.dpr:
            self.dpr = dpr
            self.clear()

    def set_budget_mb(self, megabytes: int) -> None:
        """Capacity from a memory budget (a decoded thumbnail is size² × dpr² × 4 bytes)."""
        per_item = (self.size * self.dpr) ** 2 * 4
        self.capacity = max(50, int(megabytes * 1024 * 1024 / per_item))
        while len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)

    def clear(self) -> None:
        self._pixmaps.clear()
        self._failed.clear()

    def failed(self, key) -> bool:
        return key in self._failed

    def get(self, key, path: str | None) -> QPixmap | None:
        pix = self._pixmaps.get(key)
        if pix is not None:
            self._pixmaps.move_to_end(key)
            return pix
        if path and key not in self._pending and key not in self._failed:
            self._pending.add(key)
            self._order += 1
            # Higher priority runs first: the newest request is what the user looks at.
            self._pool.start(_Decode(key, path, int(self.size * self.dpr), self._signals),
                             self._order % 1_000_000)
        return None

    def _on_loaded(self, key, image: QImage) -> None:
        self._pending.discard(key)
        if image.isNull():
            self._failed.add(key)
        else:
            pix = QPixmap.fromImage(image)
            pix.setDevicePixelRatio(self.dpr)
            self._pixmaps[key] = pix
            while len(self._pixmaps) > self.capacity:
                self._pixmaps.popitem(last=False)
        self.ready.emit(key)

    def wait_idle(self, ms: int = 10000) -> bool:
        return self._pool.waitForDone(ms)

    def pending(self) -> int:
        return len(self._pending)
