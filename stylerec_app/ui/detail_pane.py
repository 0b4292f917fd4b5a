"""The product detail pane: large photo, fields, attributes, activity counts, reviews."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.catalog import FLAGGED_IMAGE_STATUSES, ProductDetail
from stylerec_app.ui.catalog_model import format_price
from stylerec_app.ui.profile_widgets import ProductStrip, SwatchRow
from stylerec_app.ui.thumbnails import ThumbnailCache, placeholder

PHOTO = 360


class ProductDetailPane(QScrollArea):
    product_activated = Signal(object)  # a similar product was clicked
    restyle_requested = Signal(object)  # ProductSummary

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(320)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.photos = ThumbnailCache(size=PHOTO, capacity=24, parent=self)
        self.photos.ready.connect(self._on_photo)
        self.detail: ProductDetail | None = None

        body = QWidget()
        layout = QVBoxLayout(body)
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setMinimumHeight(PHOTO)
        # the photo may be wider than a narrow pane: it is cropped, the text never is
        self.photo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restyle = QPushButton(self.tr("Restyle in the Style Studio"))
        self.restyle.clicked.connect(
            lambda: self.detail and self.restyle_requested.emit(self.detail.summary))
        self.flag = QLabel()
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet("color: #a05a2c")
        self.fields = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in (("id", self.tr("Product ID")), ("category", self.tr("Category")),
                           ("colour", self.tr("Colour")), ("price", self.tr("Price")),
                           ("activity", self.tr("Shopper activity"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            self.fields.addRow(label, value)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.attributes = QTableWidget(0, 2)
        self.attributes.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.attributes.horizontalHeader().setStretchLastSection(True)
        self.attributes.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.attributes.setWordWrap(True)
        self.attributes.verticalHeader().hide()
        self.attributes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.palette_label = QLabel(self.tr("Colours of the product"))
        self.swatches = SwatchRow()
        self.family_label = QLabel()
        self.family = ProductStrip(72)
        self.family.product_activated.connect(self.product_activated)
        self.similar_label = QLabel(self.tr("Looks similar"))
        self.similar = ProductStrip(72)
        self.similar.product_activated.connect(self.product_activated)
        self.profile_hint = QLabel()
        self.profile_hint.setWordWrap(True)
        self.profile_hint.setStyleSheet("color: #666")
        self.reviews_label = QLabel()
        self.reviews = QListWidget()
        self.reviews.setWordWrap(True)
        self.empty = QLabel(self.tr("Select a product to see its photo, details, activity "
                                    "and reviews."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        for w in (self.photo, self.title, self.restyle, self.flag):
            layout.addWidget(w)
        layout.addLayout(self.fields)
        layout.addWidget(self.description)
        for w in (self.family_label, self.family, self.palette_label, self.swatches, self.similar_label, self.similar,
                  self.profile_hint):
            layout.addWidget(w)
        layout.addWidget(self.attributes)
        layout.addWidget(self.reviews_label)
        layout.addWidget(self.reviews)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.setWidget(body)
        self.show_detail(None)

    def show_detail(self, detail: ProductDetail | None) -> None:
        self.detail = detail
        showing = detail is not None
        for w in (self.photo, self.title, self.restyle, self.description, self.attributes,
                  self.reviews_label, self.reviews, self.family_label, self.family):
            w.setVisible(showing)
        for i in range(self.fields.rowCount()):
            self.fields.setRowVisible(i, showing)
        self.empty.setVisible(not showing)
        self.flag.setVisible(False)
        if detail is None or (self.detail_profile_for != detail.summary.id):
            self.show_profile(None, [])
        if detail is None:
            return
        s = detail.summary
        self.title.setText(s.title)
        self.values["id"].setText(s.external_id)
        self.values["category"].setText(s.category or "—")
        self.values["colour"].setText(s.colour or "—")
        self.values["price"].setText(format_price(s.price))
        counts = detail.event_counts
        self.values["activity"].setText(
            self.tr("views %1 · clicks %2 · carts %3 · purchases %4 · ratings %5")
            .replace("%1", str(counts.get("view", 0))).replace("%2", str(counts.get("click", 0)))
            .replace("%3", str(counts.get("cart", 0))).replace("%4", str(counts.get("purchase", 0)))
            .replace("%5", str(counts.get("rating", 0)))
        )
        self.description.setText(detail.description or self.tr("No description."))
        self.family_label.setText(self.tr("Other colours and variants (%1)")
                                  .replace("%1", str(max(len(detail.family),
                                                         s.family_size - 1))))
        self.family.set_products(list(detail.family), [p.colour for p in detail.family])
        for w in (self.family_label, self.family):
            w.setVisible(bool(detail.family))
        self.attributes.setRowCount(len(detail.attributes))
        for row, (key, value) in enumerate(sorted(detail.attributes.items())):
            self.attributes.setItem(row, 0, QTableWidgetItem(str(key)))
            self.attributes.setItem(row, 1, QTableWidgetItem(str(value)))
        self.attributes.setFixedHeight(min(260, 30 + 26 * max(1, len(detail.attributes))))
        self.reviews.clear()
        for review in detail.reviews:
            stars = "★" * int(round(review.rating or 0))
            self.reviews.addItem(f"{stars}  {review.text}".strip())
        self.reviews_label.setText(self.tr("Reviews (%1)").replace("%1", str(len(detail.reviews))))
        self.reviews.setVisible(bool(detail.reviews))
        if s.image_status in FLAGGED_IMAGE_STATUSES:
            self.flag.setText(self.tr("The photo for this product is missing or damaged: %1")
                              .replace("%1", s.image_path or ""))
            self.flag.setVisible(True)
            self.photo.setPixmap(placeholder(PHOTO, self.tr("Photo missing or damaged"),
                                             warn=True))
        elif not s.image_path:
            self.photo.setPixmap(placeholder(PHOTO, self.tr("No photo"), warn=True))
        else:
            pix = self.photos.get(s.id, s.image_path)
            self.photo.setPixmap(pix if pix is not None else placeholder(PHOTO, "…"))

    detail_profile_for: int | None = None

    def show_profile(self, profile, similar) -> None:
        """Palette and look-alikes, or a hint when profiles were not built yet."""
        has = profile is not None and profile.status == "ok"
        self.detail_profile_for = profile.product_id if profile is not None else None
        for w in (self.palette_label, self.swatches):
            w.setVisible(has)
        for w in (self.similar_label, self.similar):
            w.setVisible(bool(similar))
        if has:
            self.swatches.set_colours(profile.palette)
        self.similar.set_products([s.product for s in similar],
                                  [f"{s.score:.2f}" for s in similar])
        if profile is None:
            self.profile_hint.setText(self.tr("No profile yet: run Profiles → Build Profiles to "
                                              "see this product's colours and look-alikes."))
        elif profile.status != "ok":
            self.profile_hint.setText(self.tr("No colours or look-alikes: the photo could not "
                                              "be used (%1).").replace("%1", profile.note or
                                                                       profile.status))
        self.profile_hint.setVisible(self.detail is not None and not has)

    def _on_photo(self, product_id) -> None:
        if self.detail is not None and self.detail.summary.id == product_id:
            self.show_detail(self.detail)
