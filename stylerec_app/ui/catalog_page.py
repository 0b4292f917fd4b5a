"""The Catalog area: search and filters, an icon grid of products, and the detail pane."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.catalog import CatalogFacets, CatalogFilter
from stylerec_app.services.catalog import CatalogService
from stylerec_app.services.profiles.queries import ProfileService
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.catalog_model import CatalogListModel, ProductRole
from stylerec_app.ui.detail_pane import ProductDetailPane
from stylerec_app.ui.thumbnails import ThumbnailCache

THUMB = 136
PAGE = 1000  # products fetched per request; more arrive as the grid scrolls


class CatalogPage(QWidget):
    """Queries run in the background; the newest query's answer wins."""

    loaded = Signal(int)  # number of products shown
    detail_loaded = Signal(object)
    profile_loaded = Signal(object)  # (ProductProfileView | None, [ScoredProduct])

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.service: CatalogService | None = None
        self.profiles: ProfileService | None = None
        self._latest_profile = Latest()
        self._latest_list = Latest()
        self._latest_detail = Latest()
        self._facets_latest = Latest()

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, description, category or ID…"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.colour = QComboBox()
        self.min_price = QDoubleSpinBox()
        self.max_price = QDoubleSpinBox()
        for box in (self.min_price, self.max_price):
            box.setDecimals(2)
            box.setRange(0, 1e9)
            box.setSpecialValueText(self.tr("any"))
            box.setMinimumWidth(90)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.colour, 1)
        filters.addWidget(QLabel(self.tr("Price")))
        filters.addWidget(self.min_price)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.max_price)
        filters.addWidget(self.count)

        self.thumbnails = ThumbnailCache(size=THUMB, parent=self)
        self.model = CatalogListModel(self.thumbnails, self)
        self.model.more_wanted.connect(self._fetch_more)
        self._listing = CatalogFilter(limit=PAGE)
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setGridSize(QSize(THUMB + 28, THUMB + 46))
        self.view.setSpacing(4)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(200)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._on_current)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #666; font-size: 12pt; padding: 40px")
        self.grid_stack = QStackedLayout()
        self.grid_stack.addWidget(self.view)
        self.grid_stack.addWidget(self.message)
        grid_holder = QWidget()
        grid_holder.setLayout(self.grid_stack)

        self.detail = ProductDetailPane()
        self.detail.product_activated.connect(lambda p: self.show_product(p.id))
        splitter = QSplitter()
        splitter.addWidget(grid_holder)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 380])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.category, self.colour):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in (self.min_price, self.max_price):
            box.valueChanged.connect(lambda _v: self._debounce.start())
        self._set_facets(CatalogFacets())
        self.show_message(self.tr("Opening the store…"))

    # -- state -------------------------------------------------------------------------------

    def set_service(self, service: CatalogService | None,
                    profiles: ProfileService | None = None) -> None:
        self.service = service
        self.profiles = profiles
        self.thumbnails.clear()
        self.model.set_items([])
        self.detail.show_detail(None)
        if service is None:
            self.show_message(self.tr("No store is open. Use File → Open Store… or "
                                      "File → New Demo Store."))
            return
        self.reload()

    def reload(self) -> None:
        """Refresh facets and the listing (after an import, or on opening a store)."""
        if self.service is None:
            return
        service = self.service
        run_async(service.facets, self._facets_latest.wrap(self._set_facets))
        self.refresh()

    def current_filter(self) -> CatalogFilter:
        def price(box: QDoubleSpinBox) -> float | None:
            return None if box.value() == box.minimum() else box.value()

        return CatalogFilter(
            text=self.search.text(),
            category=self.category.currentData() or "",
            colour=self.colour.currentData() or "",
            min_price=price(self.min_price),
            max_price=price(self.max_price),
        )

    def refresh(self) -> None:
        if self.service is None:
            return
        service, flt = self.service, replace(self.current_filter(), limit=PAGE)
        self._listing = flt
        self.count.setText(self.tr("Searching…"))
        run_async(lambda: (service.products(flt), service.count(flt)),
                  self._latest_list.wrap(self._show_products), self._on_error)

    def _fetch_more(self, after_id: int) -> None:
        if self.service is None:
            return
        service, flt = self.service, self._listing
        generation = self._latest_list.generation
        run_async(lambda: service.products(flt, after_id),
                  lambda page: self._append(generation, after_id, page), self._on_more_failed)

    def _append(self, generation: int, after_id: int, page) -> None:
        if generation == self._latest_list.generation:  # the listing was not replaced since
            self.model.append(after_id, page, has_more=len(page) == PAGE)

    def _on_more_failed(self, exc: Exception) -> None:
        """Keep the rows already shown; say why no more came (scrolling asks again)."""
        self.model.fetch_failed()
        self.count.setText(self.tr("Could not read more products: %1").replace("%1", str(exc)))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.grid_stack.setCurrentWidget(self.message)

    # -- callbacks (GUI thread) -----------------------------------------------------------------

    def _set_facets(self, facets: CatalogFacets) -> None:
        for combo, values, any_label in (
            (self.category, facets.categories, self.tr("All categories")),
            (self.colour, facets.colours, self.tr("All colours")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_label, "")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.blockSignals(False)
        if facets.max_price is not None:
            for box in (self.min_price, self.max_price):
                box.setMaximum(max(facets.max_price, 1.0) * 10)

    def _show_products(self, result) -> None:
        products, n = result
        self.model.set_items(products, has_more=len(products) == PAGE)
        self.view.scrollToTop()  # new results start at their top
        shown = self.detail.detail
        if shown is not None and shown.summary.id not in self.model.row_of:
            self.detail.show_detail(None)  # not a stale product from the last results
        self.count.setText(self.tr("%1 products").replace("%1", f"{n:,}"))
        if n:
            self.grid_stack.setCurrentWidget(self.view)
        elif self.current_filter() == CatalogFilter():
            self.show_message(self.tr("This store has no products yet.\nImport a catalog with "
                                      "File → Import, or drop a catalog folder on this window."))
        else:
            self.show_message(self.tr("No products match these filters."))
        self.loaded.emit(n)

    def _on_error(self, exc: Exception) -> None:
        self.count.setText("")
        self.show_message(self.tr("Could not read the catalog: %1").replace("%1", str(exc)))

    def _on_current(self, current, _previous) -> None:
        product = current.data(ProductRole) if current.isValid() else None
        if product is None or self.service is None:
            self.detail.show_detail(None)
            return
        self.show_product(product.id)

    def show_product(self, product_id: int) -> None:
        """Fill the detail pane (details, then palette and look-alikes) in the background."""
        if self.service is None:
            return
        service, profiles = self.service, self.profiles
        run_async(lambda: service.detail(product_id),
                  self._latest_detail.wrap(self._show_detail), self._on_error)
        if profiles is not None:
            run_async(lambda: (profiles.product_profile(product_id),
                               profiles.similar_to_product(product_id, 8)),
                      self._latest_profile.wrap(self._show_profile), self._on_error)

    def _show_detail(self, detail) -> None:
        self.detail.show_detail(detail)
        self.detail_loaded.emit(detail)

    def _show_profile(self, result) -> None:
        profile, similar = result
        self.detail.show_profile(profile, similar)
        self.profile_loaded.emit(result)
