"""Type-ahead pickers for id fields: search products or shoppers as the user types."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from stylerec_app.ui.background import Latest, run_async

Search = Callable[[str], list[tuple[str, str]]]  # text → (id, label) rows
SHOWN = 15


class SearchCompleter(QObject):
    """As the user types (two characters or more), a background search fills a popup with
    "ID — label" rows; picking one leaves just the id in the field and emits `chosen(id)`."""

    chosen = Signal(str)

    def __init__(self, edit: QLineEdit, search: Search | None = None) -> None:
        super().__init__(edit)
        self.edit, self.search = edit, search
        self.rows: dict[str, str] = {}
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(self.completer)
        edit.textEdited.connect(self._typed)
        self.completer.activated.connect(self._picked)
        self._latest = Latest()

    def _typed(self, text: str) -> None:
        text = text.strip()
        if self.search is None or len(text) < 2:
            return
        search = self.search
        run_async(lambda: search(text)[:SHOWN], self._latest.wrap(self._show), lambda _e: None)

    def _show(self, rows) -> None:
        self.rows = {f"{ident} — {label}" if label else ident: ident for ident, label in rows}
        self.model.setStringList(list(self.rows))
        if self.rows and self.edit.hasFocus():
            self.completer.complete()

    def _picked(self, text: str) -> None:
        ident = self.rows.get(text, text)

        def apply() -> None:  # after the completer has put its whole row in the field
            self.edit.setText(ident)
            self.chosen.emit(ident)

        QTimer.singleShot(0, apply)


def product_search(profiles) -> Search | None:
    """Products whose title, description or id match (the catalog's search)."""
    if profiles is None:
        return None
    from stylerec_app.domain.catalog import CatalogFilter
    from stylerec_app.services.catalog import CatalogService

    catalog = CatalogService(profiles.store)
    return lambda text: [(p.external_id, p.title)
                         for p in catalog.products(CatalogFilter(text=text, limit=SHOWN))]


def shopper_search(profiles) -> Search | None:
    """Shoppers whose id matches, with their number of events."""
    if profiles is None:
        return None
    events = QCoreApplication.translate("SearchCompleter", "%1 events")
    return lambda text: [(s.external_id, events.replace("%1", f"{s.events:,}"))
                         for s in profiles.shoppers(text, limit=SHOWN)]
