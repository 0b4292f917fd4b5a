"""Small painted widgets for profile cards: share bars, colour swatches, product strips."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSizePolicy, QWidget

from stylerec_app.domain.catalog import ProductSummary
from stylerec_app.domain.profiles import PaletteColour
from stylerec_app.ui.thumbnails import ThumbnailCache, placeholder

ROW = 22


class ShareBars(QWidget):
    """Labelled horizontal bars, e.g. top categories or a style blend."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.icons: list = []  # a swatch per row (None: none), e.g. what a style looks like
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, float]], icons: list | None = None) -> None:
        self.rows = rows
        self.icons = list(icons or [])
        self.setFixedHeight(max(1, len(rows)) * ROW)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(260, max(1, len(self.rows)) * ROW)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_w = min(self.width() // 2, max((metrics.horizontalAdvance(n) for n, _ in self.rows),
                                             default=0) + 12)
        top = max((s for _, s in self.rows), default=1.0) or 1.0
        swatch = ROW - 2 if any(self.icons) else 0
        label_w += swatch + 4 * bool(swatch)
        bar_w = max(10, self.width() - label_w - 52)
        accent = self.palette().highlight().color()
        for i, (name, share) in enumerate(self.rows):
            y = i * ROW
            painter.setPen(self.palette().text().color())
            text_w = label_w - 6 - swatch - 4 * bool(swatch)
            painter.drawText(QRectF(0, y, text_w, ROW),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, text_w))
            icon = self.icons[i] if i < len(self.icons) else None
            if icon is not None:
                painter.drawPixmap(QRectF(text_w + 4, y + 1, swatch, swatch).toRect(), icon)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(accent.red(), accent.green(), accent.blue(), 60))
            painter.drawRoundedRect(QRectF(label_w, y + 5, bar_w, ROW - 10), 3, 3)
            painter.setBrush(accent)
            painter.drawRoundedRect(QRectF(label_w, y + 5, bar_w * share / top, ROW - 10), 3, 3)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(label_w + bar_w + 6, y, 46, ROW),
                             Qt.AlignmentFlag.AlignVCenter, f"{share:.0%}")
        painter.end()


class SwatchRow(QWidget):
    """Colour swatches sized by share, with the colour name under each."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.colours: tuple[PaletteColour, ...] = ()
        self.setFixedHeight(44)

    def set_colours(self, colours) -> None:
        self.colours = tuple(colours)
        self.setToolTip("\n".join(f"{c.name} {c.share:.0%}  #{c.rgb[0]:02x}{c.rgb[1]:02x}"
                                  f"{c.rgb[2]:02x}" for c in self.colours))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = 0.0
        available = self.width() - 4 * max(0, len(self.colours) - 1)
        widths = [max(34.0, available * c.share) for c in self.colours]
        scale = min(1.0, available / sum(widths)) if widths else 1.0
        for c, w in zip(self.colours, widths, strict=True):
            w *= scale
            painter.setPen(QColor(0, 0, 0, 60))
            painter.setBrush(QColor(*c.rgb))
            painter.drawRoundedRect(QRectF(x, 0, w, 24), 4, 4)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x, 26, w, 18), Qt.AlignmentFlag.AlignLeft,
                             QFontMetrics(self.font()).elidedText(
                                 c.name, Qt.TextElideMode.ElideRight, int(w)))
            x += w + 4
        painter.end()


class ProductStrip(QListWidget):
    """A wrapping strip of product thumbnails; a click asks to show that product."""

    product_activated = Signal(object)  # ProductSummary

    def __init__(self, size: int = 84, parent=None) -> None:
        super().__init__(parent)
        self.thumb = size
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(size, size))
        self.setGridSize(QSize(size + 16, size + 34))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)
        self.setFixedHeight(2 * (size + 34) + 8)
        self.cache = ThumbnailCache(size=size, capacity=200, parent=self)
        self.cache.ready.connect(self._on_ready)
        self._loading = QIcon(placeholder(size, "…"))
        self._missing = QIcon(placeholder(size, "—", warn=True))
        self.itemClicked.connect(lambda item: self.product_activated.emit(
            item.data(Qt.ItemDataRole.UserRole)))

    def set_products(self, products: list[ProductSummary], captions: list[str] | None = None
                     ) -> None:
        self.clear()
        for i, product in enumerate(products):
            caption = captions[i] if captions else product.title
            item = QListWidgetItem(caption)
            item.setToolTip(f"{product.title}\n{product.category} · {product.external_id}")
            item.setData(Qt.ItemDataRole.UserRole, product)
            item.setIcon(self._icon_for(product))
            self.addItem(item)

    def _icon_for(self, product: ProductSummary) -> QIcon:
        if not product.image_path or product.image_status != "ok":
            return self._missing
        pix = self.cache.get(product.id, product.image_path)
        return QIcon(pix) if pix is not None else self._loading

    def _on_ready(self, product_id) -> None:
        for row in range(self.count()):
            item = self.item(row)
            product = item.data(Qt.ItemDataRole.UserRole)
            if product.id == product_id:
                item.setIcon(self._icon_for(product))
