"""Type-ahead pickers for id fields: search products or shoppers as the user types."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from stylerec_app.services.photos import BadImage, open_photo
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.thumbnails import to_qimage

# text → (id, label) rows, or (id, label, photo path) rows shown with a thumbnail
Search = Callable[[str], list[tuple]]
SHOWN = 15
ICON = 40


class SearchCompleter(QObject):
    """As the user types (two characters or more), a background search fills a popup with
    "ID — label" rows; picking one leaves just the id in the field and emits `chosen(id)`."""

    chosen = Signal(str)

    def __init__(self, edit: QLineEdit, search: Search | None = None) -> None:
        super().__init__(edit)
        self.edit, self.search = edit, search
        self.rows: dict[str, str] = {}
        self.model = QStandardItemModel(self)
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
        run_async(lambda: _with_thumbnails(search(text)[:SHOWN]), self._latest.wrap(self._show),
                  lambda _e: None)

    def _show(self, rows) -> None:
        self.rows = {}
        self.model.clear()
        for ident, label, image in rows:
            text = f"{ident} — {label}" if label else ident
            self.rows[text] = ident
            item = QStandardItem(text)
            if image is not None:
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            self.model.appendRow(item)
        self.completer.popup().setIconSize(QSize(ICON, ICON))
        if self.rows and self.edit.hasFocus():
            self.completer.complete()

    def texts(self) -> list[str]:
        """The rows the popup offers now."""
        return list(self.rows)

    def _picked(self, text: str) -> None:
        ident = self.rows.get(text, text)

        def apply() -> None:  # after the completer has put its whole row in the field
            self.edit.setText(ident)
            self.chosen.emit(ident)

        QTimer.singleShot(0, apply)


def _with_thumbnails(rows) -> list[tuple]:
    """(id, label, QImage or None): photos decoded here, on the worker thread."""
    out = []
    for row in rows:
        image = None
        if len(row) > 2 and row[2]:
            try:
                image = to_qimage(open_photo(row[2], ICON))
            except (BadImage, OSError, ValueError):
                image = None
        out.append((row[0], row[1], image))
    return out


def product_search(profiles) -> Search | None:
    """Products whose title, description or id match (the catalog's search)."""
    if profiles is None:
        return None
    from stylerec_app.domain.catalog import CatalogFilter
    from stylerec_app.services.catalog import CatalogService

    catalog = CatalogService(profiles.store)
    return lambda text: [(p.external_id, p.title,
                          p.image_path if p.image_status == "ok" else None)
                         for p in catalog.products(CatalogFilter(text=text, limit=SHOWN))]


def typed_id(text: str) -> str:
    """The id in a field, also when a popup row ("D0004 — Red floral skirt") is in it."""
    return text.split(" — ", 1)[0].strip()


def persona_prefix() -> str:
    """How a persona is written in a shopper field ("Persona: Floral print · Dresses")."""
    return QCoreApplication.translate("SearchCompleter", "Persona: ")


def persona_in(text: str) -> str | None:
    """The persona a shopper field names, or None when it names a shopper."""
    text = text.strip()
    for prefix in dict.fromkeys((persona_prefix().strip(), "Persona:")):
        if text.lower().startswith(prefix.lower()):
            return text[len(prefix):].strip()
    return None


def shopper_search(profiles) -> Search | None:
    """Personas whose name matches, then shoppers whose id matches (with their events)."""
    if profiles is None:
        return None
    from stylerec_app.services.personas import PersonaService

    personas = PersonaService(profiles.store)
    events = QCoreApplication.translate("SearchCompleter", "%1 events")
    members = QCoreApplication.translate("SearchCompleter", "persona of %1 shoppers")

    def search(text: str):
        wanted = (persona_in(text) or text).lower()
        groups = [(persona_prefix() + p.name, members.replace("%1", f"{p.size:,}"))
                  for p in personas.personas() if wanted in p.name.lower()][:5]
        if persona_in(text) is not None:
            return groups
        return groups + [(s.external_id, events.replace("%1", f"{s.events:,}"))
                         for s in profiles.shoppers(text, limit=SHOWN)]

    return search
