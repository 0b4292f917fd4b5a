"""Style personas: build them from the shopper profiles, see each one's blend, categories
and most typical shoppers, and use it in the Studio and Recommendations like a shopper."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.services.personas import PersonaService
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.messages import Messages
from stylerec_app.ui.profile_widgets import ShareBars
from stylerec_app.ui.search_completer import persona_prefix
from stylerec_app.ui.shoppers_page import show_blend
from stylerec_app.ui.style_names import persona_label

MEMBERS_SHOWN = 60


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 8px")
    return label


class PersonasPanel(QWidget):
    build_requested = Signal(object)  # k, or None for the best silhouette
    restyle_requested = Signal(str)  # "Persona: name", as the shopper fields take it
    recommend_requested = Signal(str)
    shopper_activated = Signal(int)  # shopper id
    loaded = Signal(list)  # the personas shown

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.service: PersonaService | None = None
        self.personas = []
        self.current = None
        self.swatches = None
        self._latest = Latest()
        self._latest_members = Latest()
        self.count = QSpinBox()
        self.count.setRange(0, 20)
        self.count.setSpecialValueText(self.tr("automatic (best silhouette)"))
        self.count.setMinimumWidth(200)
        self.build = QPushButton(self.tr("Build personas"))
        self.build.setToolTip(self.tr("Groups the profiled shoppers by style blend and "
                                      "categories (k-means); replaces the current personas."))
        self.build.clicked.connect(lambda: self.build_requested.emit(self.count.value() or None))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("How many")))
        top.addWidget(self.count)
        top.addWidget(self.build)
        top.addWidget(self.summary, 1)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_current)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.rename = QPushButton(self.tr("Rename…"))
        self.rename.clicked.connect(self._rename)
        self.restyle = QPushButton(self.tr("Restyle for this persona"))
        self.restyle.clicked.connect(lambda: self.current and self.restyle_requested.emit(
            persona_prefix() + self.current.name))
        self.recommend = QPushButton(self.tr("Recommendations for this persona"))
        self.recommend.clicked.connect(lambda: self.current and self.recommend_requested.emit(
            persona_prefix() + self.current.name))
        self.styles = ShareBars()
        self.categories = ShareBars()
        self.members = QListWidget()
        self.members.itemActivated.connect(self._open_member)
        self.members.itemClicked.connect(self._open_member)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QWidget()
        card_layout = QVBoxLayout(card)
        buttons = QHBoxLayout()
        for b in (self.restyle, self.recommend, self.rename):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.details = [self.title, self.subtitle, _heading(self.tr("Style blend (its members' "
                                                                    "mean)")),
                        self.styles, _heading(self.tr("Top categories")), self.categories,
                        _heading(self.tr("Most typical shoppers (click to open)")), self.members]
        card_layout.addLayout(buttons)
        for w in self.details:
            card_layout.addWidget(w)
        card_layout.addWidget(self.empty, 1)
        self.button_row = [self.restyle, self.recommend, self.rename]
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(card)
        splitter.setSizes([320, 880])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show(None)

    def set_service(self, service: PersonaService | None) -> None:
        self.service = service
        self.refresh()

    def set_swatches(self, bank) -> None:
        self.swatches = bank
        bank.ready.connect(lambda: self.current and show_blend(
            self.styles, self.current.style_blend, bank))

    def refresh(self) -> None:
        if self.service is None:
            self._list([])
            return
        run_async(self.service.personas, self._latest.wrap(self._list),
                  lambda exc: self.summary.setText(Messages(self).error(exc)))

    def _list(self, personas) -> None:
        keep = self.current.id if self.current else None
        self.personas = personas
        self.list.blockSignals(True)
        self.list.clear()
        for p in personas:
            item = QListWidgetItem(self.tr("%1 — %2 shoppers").replace("%1", persona_label(p))
                                   .replace("%2", f"{p.size:,}"))
            item.setToolTip(p.name)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if personas:
            k = len(personas)
            self.summary.setText(self.tr("%1 personas from %2 shoppers · silhouette %3 (from "
                                         "−1 to 1: higher is better separated)")
                                 .replace("%1", str(k))
                                 .replace("%2", f"{sum(p.size for p in personas):,}")
                                 .replace("%3", f"{personas[0].silhouette:.2f}"))
            rows = [i for i, p in enumerate(personas) if p.id == keep] or [0]
            self.list.setCurrentRow(rows[0])
        else:
            self.summary.setText("")
            self._show(None)
        self.loaded.emit(personas)

    def _show_current(self, row: int) -> None:
        self._show(self.personas[row] if 0 <= row < len(self.personas) else None)

    def _show(self, persona) -> None:
        self.current = persona
        for w in self.details + self.button_row:
            w.setVisible(persona is not None)
        self.empty.setVisible(persona is None)
        if persona is None:
            self.empty.setText(self.tr("No personas yet. Build them from the shopper profiles "
                                       "(Profiles → Build Profiles first): shoppers alike in "
                                       "style and taste form one persona, which the Studio "
                                       "and Recommendations then use like a shopper."))
            return
        self.title.setText(persona_label(persona))
        self.subtitle.setText(self.tr("%1 shoppers").replace("%1", f"{persona.size:,}"))
        show_blend(self.styles, persona.style_blend, self.swatches)
        self.categories.set_rows(list(persona.categories))
        self.members.clear()
        service, pid = self.service, persona.id
        run_async(lambda: service.members(pid, MEMBERS_SHOWN),
                  self._latest_members.wrap(self._members))

    def _members(self, members) -> None:
        self.members.clear()
        for m in members:
            item = QListWidgetItem(m.external_id)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.members.addItem(item)

    def _open_member(self, item) -> None:
        self.shopper_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _rename(self) -> None:
        if self.current is None or self.service is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename persona"), self.tr("Name"),
                                        text=persona_label(self.current))
        if ok and name.strip():
            self.rename_to(name)

    def rename_to(self, name: str) -> None:
        service, pid = self.service, self.current.id
        run_async(lambda: service.rename(pid, name), lambda _v: self.refresh(),
                  lambda exc: self.summary.setText(Messages(self).error(exc)))
