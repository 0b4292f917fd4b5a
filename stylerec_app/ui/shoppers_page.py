"""The Shoppers area: a searchable list and a profile card for the chosen shopper."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.profiles import ShopperProfileView
from stylerec_app.services.profiles.queries import ProfileService
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.catalog_model import format_price
from stylerec_app.ui.profile_widgets import ProductStrip, ShareBars, SwatchRow
from stylerec_app.ui.style_names import style_name

PAGE = 200  # shoppers per request; more arrive as the list scrolls


def show_blend(bars: ShareBars, blend, swatches=None) -> list:
    """A style blend's strongest styles (1 % or more) by name, each with its swatch."""
    top = [(i, w) for i, w in sorted(enumerate(blend), key=lambda kv: -kv[1])[:6] if w >= 0.01]
    bars.set_rows([(style_name(i), w) for i, w in top],
                  [swatches.icon(i) if swatches is not None else None for i, _ in top])
    return top


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 8px")
    return label


class ShopperCard(QScrollArea):
    product_activated = Signal(object)
    restyle_requested = Signal(str)  # shopper external id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.restyle = QPushButton(self.tr("Restyle products for this shopper"))
        self.restyle.clicked.connect(
            lambda: self.view and self.restyle_requested.emit(self.view.shopper.external_id))
        self.badge = QLabel()
        self.badge.setWordWrap(True)
        self.badge.setStyleSheet("color: #a05a2c")
        self.categories = ShareBars()
        self.colours = SwatchRow()
        self.price = QLabel()
        self.styles = ShareBars()
        self.history = ProductStrip(80)
        self.similar = ProductStrip(80)
        for strip in (self.history, self.similar):
            strip.product_activated.connect(self.product_activated)
        self.sections = [
            (_heading(self.tr("Top categories")), self.categories),
            (_heading(self.tr("Colours they like")), self.colours),
            (_heading(self.tr("Price band")), self.price),
            (_heading(self.tr("Style blend (built-in styles)")), self.styles),
            (_heading(self.tr("Recent history")), self.history),
            (_heading(self.tr("Similar products (by look)")), self.similar),
        ]
        self.empty = QLabel(self.tr("Choose a shopper on the left to see their profile."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.title, self.subtitle, self.restyle, self.badge):
            layout.addWidget(w)
        for heading, widget in self.sections:
            layout.addWidget(heading)
            layout.addWidget(widget)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.setWidget(body)
        self.swatches = None  # SwatchBank: what each style looks like, beside its name
        self.show_profile(None, [])

    def set_swatches(self, bank) -> None:
        self.swatches = bank
        bank.ready.connect(lambda: self.view and show_blend(self.styles, self.view.style_blend,
                                                            bank))

    def show_profile(self, view: ShopperProfileView | None, similar) -> None:
        self.view = view
        visible = view is not None
        for w in (self.title, self.subtitle, self.restyle):
            w.setVisible(visible)
        self.empty.setVisible(not visible)
        self.badge.setVisible(False)
        if view is None:
            for heading, widget in self.sections:
                heading.setVisible(False)
                widget.setVisible(False)
            return
        shopper = view.shopper
        self.title.setText(shopper.external_id if len(shopper.external_id) <= 24
                           else shopper.external_id[:20] + "…")
        self.title.setToolTip(shopper.external_id)
        attrs = " · ".join(f"{k}: {v}" for k, v in sorted(view.attributes.items())[:6])
        self.subtitle.setText(self.tr("%1 events in the profile").replace(
            "%1", str(view.events_used)) + (f"\n{attrs}" if attrs else ""))
        profiled = shopper.profiled
        if not profiled:
            self.badge.setText(self.tr("No profile yet: run Profiles → Build Profiles."))
        elif view.is_default:
            self.badge.setText(self.tr("New shopper without history: showing the store's "
                                       "default taste (best sellers)."))
        self.badge.setVisible(not profiled or view.is_default)
        self.categories.set_rows(list(view.categories))
        self.colours.set_colours(view.colours)
        band = view.price_band
        self.price.setText(
            self.tr("usually %1 (from %2 to %3)").replace("%1", format_price(band["typical"]))
            .replace("%2", format_price(band["low"])).replace("%3", format_price(band["high"]))
            if band else self.tr("no purchases or carts with a price yet"))
        top_styles = show_blend(self.styles, view.style_blend, self.swatches)
        self.history.set_products([h.product for h in view.history],
                                  [f"{h.kind} {h.when}" for h in view.history])
        self.similar.set_products([s.product for s in similar])
        shown = {
            self.categories: bool(view.categories) and profiled,
            self.colours: bool(view.colours) and profiled,
            self.price: profiled,
            self.styles: bool(top_styles) and profiled,
            self.history: bool(view.history),
            self.similar: bool(similar),
        }
        for heading, widget in self.sections:
            heading.setVisible(shown[widget])
            widget.setVisible(shown[widget])


class ShoppersPage(QWidget):
    profile_loaded = Signal(object)
    shoppers_loaded = Signal(int)
    product_activated = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.service: ProfileService | None = None
        self._latest_list = Latest()
        self._latest_card = Latest()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search shopper id…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.count = QLabel()
        self.count.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count)
        self.card = ShopperCard()
        self.card.product_activated.connect(self.product_activated)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setSizes([300, 900])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.list.currentItemChanged.connect(self._on_current)
        self._has_more = False
        self.list.verticalScrollBar().valueChanged.connect(self._maybe_fetch_more)

    def set_service(self, service: ProfileService | None) -> None:
        self.service = service
        self.list.clear()
        self.card.show_profile(None, [])
        self.refresh()

    def refresh(self) -> None:
        if self.service is None:
            self.count.setText(self.tr("No store is open."))
            return
        service, text = self.service, self.search.text()
        self._has_more = False
        run_async(lambda: (service.shoppers(text, PAGE), service.shopper_count(text)),
                  self._latest_list.wrap(self._show_list))

    def _maybe_fetch_more(self, value: int) -> None:
        bar = self.list.verticalScrollBar()
        if not self._has_more or self.service is None or value < bar.maximum() - 2:
            return
        self._has_more = False  # one request in flight
        service, text = self.service, self.search.text()
        last = self.list.item(self.list.count() - 1).toolTip()
        generation = self._latest_list.generation
        run_async(lambda: service.shoppers(text, PAGE, after=last),
                  lambda page: self._append(generation, page))

    def _append(self, generation: int, shoppers) -> None:
        if generation == self._latest_list.generation:
            self._add_items(shoppers, None)
            self._has_more = len(shoppers) == PAGE

    def _show_list(self, result) -> None:
        shoppers, total = result
        current = self.card.view.shopper.id if self.card.view else None
        self.list.blockSignals(True)
        self.list.clear()
        self._add_items(shoppers, current)
        self.list.blockSignals(False)
        self._has_more = len(shoppers) == PAGE
        note = self.tr("%1 shoppers").replace("%1", f"{total:,}")
        if shoppers and not any(s.profiled for s in shoppers):
            note += "\n" + self.tr("Profiles are not built yet: Profiles → Build Profiles.")
        self.count.setText(note)
        self.shoppers_loaded.emit(total)

    def _add_items(self, shoppers, current) -> None:
        for s in shoppers:
            item = QListWidgetItem(self.tr("%1 · %2 events").replace("%1", s.external_id[:18])
                                   .replace("%2", str(s.events)))
            item.setToolTip(s.external_id)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
            if s.id == current:
                self.list.setCurrentItem(item)

    def select_shopper(self, shopper_id: int) -> None:
        if self.service is None:
            return
        service = self.service
        run_async(lambda: (service.shopper_profile(shopper_id),
                           service.similar_for_shopper(shopper_id, 12)),
                  self._latest_card.wrap(self._show_card))

    def _on_current(self, item, _previous) -> None:
        if item is not None:
            self.select_shopper(item.data(Qt.ItemDataRole.UserRole))

    def _show_card(self, result) -> None:
        view, similar = result
        self.card.show_profile(view, similar)
        self.profile_loaded.emit(view)
