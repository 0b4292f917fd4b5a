"""The catalog list model: product summaries with thumbnails that arrive asynchronously."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

from stylerec_app.domain.catalog import FLAGGED_IMAGE_STATUSES, ProductSummary
from stylerec_app.ui.thumbnails import ThumbnailCache, placeholder, with_badge

ProductRole = Qt.ItemDataRole.UserRole + 1
BadgeRole = Qt.ItemDataRole.UserRole + 2  # the family badge's text ("5 colours")
_ROOT = QModelIndex()


def format_price(price: float | None) -> str:
    if price is None:
        return "—"
    return f"{price:,.2f}" if price >= 1 else f"{price:.4f}"


class CatalogListModel(QAbstractListModel):
    """Rows arrive a page at a time: when the view scrolls near the end it asks for more
    (`fetchMore`), the page fetches the next page in the background and appends it."""

    more_wanted = Signal(int)  # the last product id shown

    def __init__(self, thumbnails: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.items: list[ProductSummary] = []
        self.row_of: dict[int, int] = {}
        self.has_more = False
        self._asked = False
        self.thumbnails = thumbnails
        thumbnails.ready.connect(self._on_thumbnail)
        self._loading = placeholder(thumbnails.size, "…")
        self._no_photo = placeholder(thumbnails.size, self.tr("No photo"), warn=True)
        self._bad_photo = placeholder(thumbnails.size, self.tr("Photo missing or damaged"),
                                      warn=True)
        self._badges: dict[tuple, object] = {}  # (product, thumbnail) → with its badge

    def set_items(self, items: list[ProductSummary], has_more: bool = False) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.row_of = {p.id: i for i, p in enumerate(self.items)}
        self.has_more, self._asked = has_more, False
        self.endResetModel()

    def append(self, after_id: int, items: list[ProductSummary], has_more: bool) -> None:
        """Add the page that follows `after_id`; a page for a list no longer shown is dropped."""
        if not self.items or self.items[-1].id != after_id:
            return  # the rows were replaced (a new search) or this page was already added
        first = len(self.items)
        if items:
            self.beginInsertRows(_ROOT, first, first + len(items) - 1)
            self.items += items
            self.row_of.update((p.id, first + i) for i, p in enumerate(items))
            self.endInsertRows()
        self.has_more, self._asked = has_more, False

    def fetch_failed(self) -> None:
        """The next page could not be read: let the view ask again when it scrolls."""
        self._asked = False

    def canFetchMore(self, parent=_ROOT) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and self.has_more and not self._asked

    def fetchMore(self, parent=_ROOT) -> None:  # noqa: N802 (Qt API)
        if self.canFetchMore(parent) and self.items:
            self._asked = True  # one request in flight; append() clears it
            self.more_wanted.emit(self.items[-1].id)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        product = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return product.title
        if role == Qt.ItemDataRole.DecorationRole:
            return self._badged(product)
        if role == BadgeRole:
            return self.colours_text(product)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [product.title, product.category, product.colour,
                     format_price(product.price), self.colours_text(product),
                     product.external_id]
            return "\n".join(p for p in parts if p)
        if role == ProductRole:
            return product
        return None

    def colours_text(self, product: ProductSummary) -> str:
        """The family badge: "5 colours" for a product that comes in five (else empty)."""
        if product.family_size <= 1:
            return ""
        return self.tr("%1 colours").replace("%1", str(product.family_size))

    def _badged(self, product: ProductSummary):
        pix = self._decoration(product)
        text = self.colours_text(product)
        if not text or pix is self._loading:
            return pix
        key = (product.id, pix.cacheKey())
        if key not in self._badges:
            if len(self._badges) > 2000:
                self._badges.clear()
            self._badges[key] = with_badge(pix, text)
        return self._badges[key]

    def _decoration(self, product: ProductSummary):
        if product.image_status in FLAGGED_IMAGE_STATUSES:
            return self._bad_photo
        if not product.image_path:
            return self._no_photo
        pix = self.thumbnails.get(product.id, product.image_path)
        if pix is not None:
            return pix
        return self._bad_photo if self.thumbnails.failed(product.id) else self._loading

    def _on_thumbnail(self, product_id) -> None:
        row = self.row_of.get(product_id)
        if row is not None:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])
