"""The Style Studio: a product restyled for a shopper (or by hand), live as sliders move."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.catalog import ProductSummary
from stylerec_app.services.personas import PersonaService
from stylerec_app.services.profiles.queries import ProfileService
from stylerec_app.services.styling import STYLES, StyleSpec, build_spec
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.preview_worker import PreviewRequest, PreviewResult, PreviewWorker
from stylerec_app.ui.search_completer import (
    SearchCompleter,
    persona_in,
    product_search,
    shopper_search,
    typed_id,
)
from stylerec_app.ui.style_gallery import StyleGallery
from stylerec_app.ui.style_names import choice_label, fill_mask_choices, style_name

BLEND_SLIDERS = 4


def _slider(value: int = 100) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(value)
    return slider


class ImagePane(QLabel):
    """Shows a QImage scaled to fit, keeping its aspect ratio."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(280, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("background: #f4f4f4; border-radius: 6px; color: #777")
        self.image = None

    def set_image(self, image) -> None:
        self.image = image
        self._rescale()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self.image is None or self.image.isNull():
            return
        pix = QPixmap.fromImage(self.image)  # QPixmap only on the GUI thread
        self.setPixmap(pix.scaled(self.size() * 0.98, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation))


class StyleStudioPage(QWidget):
    preview_shown = Signal(object)  # PreviewResult
    export_requested = Signal(object, object)  # StyleSpec, product ids (list) or None = this one
    train_requested = Signal()
    picture_style_requested = Signal()

    def __init__(self, worker: PreviewWorker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.profiles: ProfileService | None = None
        self.product: ProductSummary | None = None
        self.shopper_blend: np.ndarray | None = None
        self.choices = []
        self._next_id = 0
        self._latest_lookup = Latest()
        self.last_result: PreviewResult | None = None
        worker.rendered.connect(self._on_rendered)
        worker.styles_ready.connect(self._on_styles)

        self.product_edit = QLineEdit()
        self.product_edit.setPlaceholderText(self.tr("product id, or pick one in the Catalog"))
        self.shopper_edit = QLineEdit()
        self.shopper_edit.setPlaceholderText(self.tr("shopper id or persona"))
        self.source = QComboBox()
        self.source.addItem(self.tr("Shopper's or persona's style blend"), ("shopper", None))
        self.strength = _slider(100)
        self.mask = QComboBox()
        fill_mask_choices(self.mask)
        self.keep_colours = QCheckBox(self.tr("Keep the product's colours"))
        self.blend_labels = [QLabel() for _ in range(BLEND_SLIDERS)]
        self.blend_sliders = [_slider(0) for _ in range(BLEND_SLIDERS)]
        self.blend_styles: list[int] = []

        form = QFormLayout()
        form.addRow(self.tr("Product"), self.product_edit)
        form.addRow(self.tr("Shopper or persona"), self.shopper_edit)
        form.addRow(self.tr("Style"), self.source)
        form.addRow(self.tr("Strength"), self.strength)
        form.addRow(self.tr("Restyle"), self.mask)
        form.addRow("", self.keep_colours)
        self.blend_box = QWidget()
        blend_grid = QGridLayout(self.blend_box)
        blend_grid.setContentsMargins(0, 0, 0, 0)
        for i, (label, slider) in enumerate(zip(self.blend_labels, self.blend_sliders,
                                                strict=True)):
            blend_grid.addWidget(label, i, 0)
            blend_grid.addWidget(slider, i, 1)
        form.addRow(self.tr("Blend"), self.blend_box)
        self.form = form

        self.export_button = QPushButton(self.tr("Export image…"))
        self.export_many_button = QPushButton(self.tr("Export catalog selection…"))
        self.train_button = QPushButton(self.tr("Train a new style…"))
        self.picture_button = QPushButton(self.tr("Use a picture as a style…"))
        buttons = QVBoxLayout()
        for b in (self.export_button, self.export_many_button, self.picture_button,
                  self.train_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        controls = QHBoxLayout()
        controls.addLayout(form, 3)
        controls.addLayout(buttons, 1)

        self.gallery = StyleGallery(worker)  # the current product in every style
        self.gallery.style_picked.connect(self._pick_from_gallery)
        self.original = ImagePane(self.tr("Original"))
        self.restyled = ImagePane(self.tr("Pick a product and a shopper or a style"))
        images = QHBoxLayout()
        images.addWidget(self.original)
        images.addWidget(self.restyled)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.gallery)
        layout.addLayout(images, 1)
        layout.addWidget(self.status)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(40)
        self._debounce.timeout.connect(self.request_preview)
        self._gallery_timer = QTimer(self)  # the gallery follows the look, after a pause
        self._gallery_timer.setSingleShot(True)
        self._gallery_timer.setInterval(400)
        self._gallery_timer.timeout.connect(self.render_gallery)
        for signal in (self.strength.valueChanged, self.mask.currentIndexChanged,
                       self.keep_colours.toggled):
            signal.connect(lambda *_a: self._gallery_timer.start())
        self.strength.valueChanged.connect(self.schedule)
        for slider in self.blend_sliders:
            slider.valueChanged.connect(self.schedule)
        self.mask.currentIndexChanged.connect(self.schedule)
        self.keep_colours.toggled.connect(self.schedule)
        self.source.currentIndexChanged.connect(self._on_source)
        self.product_edit.returnPressed.connect(self._lookup_product)
        self.product_picker = SearchCompleter(self.product_edit)  # search by title or id
        self.product_picker.chosen.connect(lambda _id: self._lookup_product())
        self.shopper_picker = SearchCompleter(self.shopper_edit)
        self.shopper_picker.chosen.connect(self.set_shopper)
        self.shopper_edit.returnPressed.connect(lambda: self.set_shopper(self.shopper_edit.text()))
        self.export_button.clicked.connect(self._export_one)
        self.export_many_button.clicked.connect(
            lambda: self.export_requested.emit(self.current_spec(full=True), None))
        self.train_button.clicked.connect(self.train_requested)
        self.picture_button.clicked.connect(self.picture_style_requested)
        self._update_blend_box()

    # -- store and choices -----------------------------------------------------------------------

    def set_profiles(self, profiles: ProfileService | None, style_service=None) -> None:
        self.profiles = profiles
        self.product_picker.search = product_search(profiles)
        self.shopper_picker.search = shopper_search(profiles)
        if style_service is not None:
            self.worker.sync_requested.emit(style_service)

    def _on_styles(self, choices) -> None:
        if isinstance(choices, Exception):
            self.status.setText(self.tr("The style models could not be loaded: %1")
                                .replace("%1", str(choices)))
            return
        self.choices = choices
        current = self.source.currentData()
        self.source.blockSignals(True)
        while self.source.count() > 1:
            self.source.removeItem(1)
        labels = [choice_label(choice) for choice in choices]
        for choice, label in zip(choices, labels, strict=True):
            self.source.addItem(label, (choice.kind, choice))
        index = max(0, self._source_index(current)) if current else 0
        self.source.setCurrentIndex(index)
        self.source.blockSignals(False)
        self.gallery.set_choices(choices, labels)
        self.render_gallery()

    def set_product(self, product: ProductSummary) -> None:
        self.product = product
        self.product_edit.setText(product.external_id)
        self.schedule()
        self.render_gallery()

    def render_gallery(self) -> None:
        """Every style's tile again: the current product, strength, mask and colours."""
        if self.product is None or self.product.image_status != "ok":
            return
        self.gallery.render_for(self.product.image_path,
                                strength=self.strength.value() / 100.0,
                                mask=self.mask.currentData(),
                                keep_colours=self.keep_colours.isChecked())

    def _source_index(self, data) -> int:
        """Compared in Python: findData cannot compare tuples held as Python objects."""
        return next((i for i in range(self.source.count()) if self.source.itemData(i) == data),
                    -1)

    def _pick_from_gallery(self, choice) -> None:
        index = self._source_index((choice.kind, choice))
        if index >= 0:
            self.source.setCurrentIndex(index)

    def set_shopper(self, external_id: str) -> None:
        external_id = typed_id(external_id)
        self.shopper_edit.setText(external_id)
        if not external_id or self.profiles is None:
            return
        profiles, persona = self.profiles, persona_in(external_id)

        def load():
            if persona is not None:  # the persona's representative blend
                return np.asarray(PersonaService(profiles.store).blend(persona), np.float32)
            view = profiles.shopper_profile(profiles.shopper_id(external_id))
            return np.asarray(view.style_blend, np.float32) if view and view.style_blend else None

        run_async(load, self._latest_lookup.wrap(self._on_blend), self._on_lookup_error)

    def _on_blend(self, blend) -> None:
        self.shopper_blend = blend
        if blend is None:
            self.status.setText(self.tr("This shopper has no style blend yet: build profiles "
                                        "first, or pick a style by hand."))
        self.source.setCurrentIndex(0)
        self._update_blend_box()
        self.schedule()

    def _lookup_product(self) -> None:
        if self.profiles is None:
            return
        profiles, ext = self.profiles, typed_id(self.product_edit.text())
        run_async(lambda: profiles.product_summary(ext), self.set_product,
                  self._on_lookup_error)

    def _on_lookup_error(self, exc: Exception) -> None:
        self.status.setText(str(exc))

    def _on_source(self, _index: int) -> None:
        kind, choice = self.source.currentData()
        if kind == "shopper":
            self.gallery.clearSelection()
        else:
            self.gallery.select_choice(choice)
        self._update_blend_box()
        self.schedule()

    def _update_blend_box(self) -> None:
        kind = self.source.currentData()[0]
        weights = self.shopper_blend if kind == "shopper" else None
        self.blend_styles = ([] if weights is None else
                             [int(i) for i in np.argsort(-weights)[:BLEND_SLIDERS]
                              if weights[i] > 0.005])
        for i, (label, slider) in enumerate(zip(self.blend_labels, self.blend_sliders,
                                                strict=True)):
            used = i < len(self.blend_styles)
            label.setVisible(used)
            slider.setVisible(used)
            if used:
                style = self.blend_styles[i]
                label.setText(style_name(style))
                slider.blockSignals(True)
                slider.setValue(int(round(100 * weights[style] / weights.max())))
                slider.blockSignals(False)
        self.blend_box.setVisible(bool(self.blend_styles))
        label = self.form.labelForField(self.blend_box)
        if label is not None:
            label.setVisible(bool(self.blend_styles))

    # -- previews --------------------------------------------------------------------------------

    def current_spec(self, full: bool = False) -> StyleSpec | None:
        kind, choice = self.source.currentData()
        options = {"strength": self.strength.value() / 100.0, "mask": self.mask.currentData(),
                   "keep_colours": self.keep_colours.isChecked(),
                   "max_side": None if full else 512}
        if kind == "shopper":
            weights = np.zeros(STYLES, np.float32)
            for style, slider in zip(self.blend_styles, self.blend_sliders, strict=False):
                weights[style] = slider.value() / 100.0
            return build_spec("blend", weights=weights, **options)
        kind = {"builtin": "bank", "trained": "bank"}.get(kind, kind)
        return build_spec(kind, index=choice.index, vector=choice.vector, **options)

    def schedule(self, *_args) -> None:
        self._debounce.start()

    def request_preview(self) -> None:
        spec = self.current_spec()
        if self.product is None or spec is None:
            return
        if not self.product.image_path or self.product.image_status != "ok":
            self.status.setText(self.tr("This product has no usable photo."))
            return
        self._next_id += 1
        self.worker.submit(PreviewRequest(self._next_id, self.product.image_path, spec))
        self.status.setText(self.tr("Rendering…"))

    def _on_rendered(self, result: PreviewResult) -> None:
        if result.request.id != self._next_id:
            return  # a newer preview is on its way
        self.last_result = result
        if result.error:
            self.status.setText(self.tr("Could not restyle: %1").replace("%1", result.error))
        else:
            self.original.set_image(result.original)
            self.restyled.set_image(result.restyled)
            self.status.setText(self.tr("%1 ms on %2").replace("%1", f"{result.millis:.0f}")
                                .replace("%2", result.device))
        self.preview_shown.emit(result)

    def _export_one(self) -> None:
        spec = self.current_spec(full=True)
        if self.product is None or spec is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export restyled image"),
                                              f"{self.product.external_id}-restyled.png",
                                              self.tr("Images (*.png *.jpg)"))
        if path:
            self.export_requested.emit(spec, [self.product.external_id, Path(path)])

