"""Collections: curated styled catalogs. Build one from the catalog's current results, a
persona's top picks or product ids; pick its style (per collection or each persona's own);
review the restyled grid (approve or reject each image, with a note); export the approved
set with a manifest as a job."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.services.collections import (
    PERSONA_STYLE,
    CollectionService,
    CollectionStyle,
    find_choice,
    spec_for_item,
)
from stylerec_app.services.recommendation.registry import REGISTRY
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.messages import Messages
from stylerec_app.ui.style_names import choice_label, fill_mask_choices, persona_label
from stylerec_app.ui.thumbnails import placeholder, with_badge

THUMB = 150
STATUS_COLOURS = {"approved": QColor(46, 125, 50), "rejected": QColor(183, 28, 28)}


class CollectionsPage(QWidget):
    export_requested = Signal(str, object)  # collection name, target folder (Path)
    add_results_requested = Signal(str, list)  # collection, personas: add the catalog's results
    changed = Signal()  # a collection was saved (tests wait on it)

    def __init__(self, worker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.service: CollectionService | None = None
        self.personas = None  # PersonaService
        self.recommender = None
        self.choices = []
        self.view = None  # the open CollectionView
        self.thumbs: dict[int, QPixmap] = {}  # item id → restyled thumbnail
        self._batch = -1
        self._latest = Latest()
        self._writes = 0  # writes asked for; an open read older than the last is stale
        self._write_pool = QThreadPool(self)  # one thread: writes, and the reads that show
        # them, land in the order asked
        self._write_pool.setMaxThreadCount(1)
        worker.styles_ready.connect(self._on_styles)
        worker.thumb_ready.connect(self._on_thumb)

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._open_row)
        self.new_button = QPushButton(self.tr("New collection…"))
        self.new_button.clicked.connect(self._ask_new)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._delete)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_layout.addLayout(row)

        self.style = QComboBox()
        self.style.addItem(self.tr("Each persona's own style blend"), PERSONA_STYLE)
        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(0, 100)
        self.strength.setValue(70)
        self.strength.setMinimumWidth(120)
        self.strength.setMaximumWidth(200)
        self.mask = QComboBox()
        fill_mask_choices(self.mask)
        self.keep_colours = QCheckBox(self.tr("Keep the product's colours"))
        style_row = QHBoxLayout()
        for label, w in ((self.tr("Style"), self.style), (self.tr("Strength"), self.strength),
                         (self.tr("Restyle"), self.mask)):
            style_row.addWidget(QLabel(label))
            style_row.addWidget(w)
        self.per_persona = QPushButton(self.tr("Style per persona…"))
        self.per_persona.setToolTip(self.tr("Give one persona's images another style than "
                                            "the collection's."))
        self.per_persona.clicked.connect(self._ask_persona_style)
        style_row.addWidget(self.per_persona)
        style_row.addStretch(1)
        self.for_personas = QListWidget()
        self.for_personas.setMaximumHeight(84)
        self.for_personas.setToolTip(self.tr("Products added now are added for each ticked "
                                             "persona (none ticked: for every shopper)."))
        self.add_results_button = QPushButton(self.tr("Add the catalog's results"))
        self.add_top_button = QPushButton(self.tr("Add a persona's top picks…"))
        self.add_ids_button = QPushButton(self.tr("Add products by id…"))
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("For personas")))
        add_row.addWidget(self.for_personas, 1)
        add_buttons = QVBoxLayout()
        for b in (self.add_results_button, self.add_top_button, self.add_ids_button):
            add_buttons.addWidget(b)
        add_row.addLayout(add_buttons)
        self.grid = QListWidget()
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMB, THUMB))
        self.grid.setGridSize(QSize(THUMB + 24, THUMB + 56))
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.currentItemChanged.connect(self._show_note)
        self.approve = QPushButton(self.tr("Approve (A)"))
        self.reject = QPushButton(self.tr("Reject (R)"))
        self.reset = QPushButton(self.tr("Back to pending"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("note for the selected images (kept in the "
                                             "manifest)"))
        self.export_button = QPushButton(self.tr("Export approved…"))
        review_row = QHBoxLayout()
        for w in (self.approve, self.reject, self.reset):
            review_row.addWidget(w)
        review_row.addWidget(self.note, 1)
        review_row.addWidget(self.export_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.right = QWidget()
        right_layout = QVBoxLayout(self.right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(style_row)
        right_layout.addWidget(self.keep_colours)
        right_layout.addLayout(add_row)
        right_layout.addWidget(self.grid, 1)
        right_layout.addLayout(review_row)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right_layout.addWidget(self.empty, 1)
        right_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setSizes([260, 940])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for w in (self.style, self.mask):
            w.currentIndexChanged.connect(self._style_changed)
        self.strength.sliderReleased.connect(self._style_changed)
        self.keep_colours.toggled.connect(self._style_changed)
        self.approve.clicked.connect(lambda: self.review("approved"))
        self.reject.clicked.connect(lambda: self.review("rejected"))
        self.reset.clicked.connect(lambda: self.review("pending"))
        for key, status in (("A", "approved"), ("R", "rejected")):
            shortcut = QShortcut(QKeySequence(key), self.grid)
            shortcut.activated.connect(lambda s=status: self.review(s))
        self.add_results_button.clicked.connect(
            lambda: self.view and self.add_results_requested.emit(self.view.name,
                                                                  self.ticked_personas()))
        self.add_top_button.clicked.connect(self._ask_top)
        self.add_ids_button.clicked.connect(self._ask_ids)
        self.export_button.clicked.connect(self._ask_export)
        self._show_view(None)

    # -- store ------------------------------------------------------------------------------------

    def set_services(self, service: CollectionService | None, personas=None, recommender=None
                     ) -> None:
        self.service, self.personas, self.recommender = service, personas, recommender
        self.view = None
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        if self.service is None:
            self.list.clear()
            self._show_view(None)
            return
        service, personas = self.service, self.personas
        keep = select or (self.view.name if self.view else None)
        run_async(lambda: (service.collections(), personas.personas() if personas else []),
                  lambda result: self._listed(result, keep), self._error, self._write_pool)

    def _listed(self, result, keep) -> None:
        collections, personas = result
        self.list.blockSignals(True)
        self.list.clear()
        for c in collections:
            counts = c.counts
            item = QListWidgetItem(self.tr("%1\n✓ %2 · ✗ %3 · %4 to review")
                                   .replace("%1", c.name)
                                   .replace("%2", str(counts.get("approved", 0)))
                                   .replace("%3", str(counts.get("rejected", 0)))
                                   .replace("%4", str(counts.get("pending", 0))))
            item.setData(Qt.ItemDataRole.UserRole, c.name)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ticked = set(self.ticked_personas())  # kept while the user adds batch after batch
        self.for_personas.clear()
        for p in personas:
            item = QListWidgetItem(persona_label(p))
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.name in ticked
                               else Qt.CheckState.Unchecked)
            self.for_personas.addItem(item)
        names = [c.name for c in collections]
        if keep in names:
            self.list.setCurrentRow(names.index(keep))
        elif names:
            self.list.setCurrentRow(0)
        else:
            self._show_view(None)

    def ticked_personas(self) -> list[str]:
        return [self.for_personas.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.for_personas.count())
                if self.for_personas.item(i).checkState() == Qt.CheckState.Checked]

    def _open_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            self.open(item.data(Qt.ItemDataRole.UserRole))

    def open(self, name: str) -> None:
        service = self.service
        writes = self._writes

        def show(view) -> None:
            if writes == self._writes:  # no write since this read began: it is current
                self._show_view(view)

        # on the write thread: a read asked for after a write runs after that write commits
        # (on another thread it could read the store before, and land after the write's answer)
        run_async(lambda: service.collection(name), self._latest.wrap(show), self._error,
                  self._write_pool)

    # -- the open collection ----------------------------------------------------------------------

    def _show_view(self, view) -> None:
        self.view = view
        for w in (self.grid, self.approve, self.reject, self.reset, self.note,
                  self.export_button, self.style, self.mask, self.strength, self.keep_colours,
                  self.add_results_button, self.add_top_button, self.add_ids_button,
                  self.for_personas,
                  self.delete_button, self.per_persona):
            w.setEnabled(view is not None)
        self.empty.setVisible(view is None or not view.items)
        self.grid.setVisible(view is not None and bool(view.items))
        if view is None:
            self.grid.clear()
            self.empty.setText(self.tr("No collection open. A collection is a styled catalog "
                                       "for a shop: make one with New collection…, add products "
                                       "(from the catalog's results, a persona's top picks or "
                                       "by id), review the restyled images and export the "
                                       "approved ones."))
            return
        self.empty.setText(self.tr("This collection is empty: add products with the buttons "
                                   "above."))
        for w in (self.style, self.mask):
            w.blockSignals(True)
        index = self.style.findData(view.style.style)
        if index < 0 and self.choices:
            choice = find_choice(view.style.style, self.choices)
            index = self.style.findData(choice.name) if choice else 0
        self.style.setCurrentIndex(max(0, index))
        self.mask.setCurrentIndex(max(0, self.mask.findData(view.style.mask)))
        for w in (self.style, self.mask):
            w.blockSignals(False)
        self.strength.setValue(round(view.style.strength * 100))
        self.keep_colours.blockSignals(True)
        self.keep_colours.setChecked(view.style.keep_colours)
        self.keep_colours.blockSignals(False)
        self._fill_grid()
        counts = view.counts
        self.status.setText(self.tr("%1 images: %2 approved, %3 rejected, %4 to review")
                            .replace("%1", str(len(view.items)))
                            .replace("%2", str(counts.get("approved", 0)))
                            .replace("%3", str(counts.get("rejected", 0)))
                            .replace("%4", str(counts.get("pending", 0))))

    def _fill_grid(self) -> None:
        selected = {i.data(Qt.ItemDataRole.UserRole) for i in self.grid.selectedItems()}
        self.grid.clear()
        waiting = QIcon(placeholder(THUMB, "…"))
        for entry in self.view.items:
            caption = entry.product.title[:28] + "\n" + (
                self._persona_text(entry.persona) if entry.persona
                else self.tr("every shopper"))
            item = QListWidgetItem(caption)
            item.setToolTip(f"{entry.product.external_id} · {entry.product.title}\n"
                            f"{entry.note}".strip())
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.grid.addItem(item)
            item.setIcon(self._icon(entry) if entry.id in self.thumbs else waiting)
            item.setSelected(entry.id in selected)
        self._render()

    def _persona_text(self, name: str) -> str:
        """A persona as the list above words it (translated), or its stored name."""
        for i in range(self.for_personas.count()):
            if self.for_personas.item(i).data(Qt.ItemDataRole.UserRole) == name:
                return self.for_personas.item(i).text()
        return name

    def _icon(self, entry) -> QIcon:
        pix = with_badge(self.thumbs[entry.id], self.tr("restyled"))
        if entry.status != "pending":
            pix = with_badge(pix, {"approved": self.tr("✓ approved"),
                                   "rejected": self.tr("✗ rejected")}[entry.status], left=True)
        return QIcon(pix)

    def _render(self) -> None:
        """Restyled thumbnails of items not yet drawn (all of them after a style change)."""
        if self.view is None or not self.choices:
            return
        items = []
        for entry in self.view.items:
            if entry.id in self.thumbs or entry.product.image_status != "ok":
                continue
            try:
                spec = spec_for_item(self.view, entry.persona, self.choices, THUMB)
            except StyleRecError as exc:
                self.status.setText(Messages(self).error(exc))
                continue
            items.append((entry.id, entry.product.image_path, spec))
        if items:
            self._batch = self.worker.new_batch("collections")
            self.worker.submit_thumbs(self._batch, items, None, THUMB)

    def _on_thumb(self, batch: int, key, image) -> None:
        if batch != self._batch or self.view is None:
            return
        self.thumbs[key] = QPixmap.fromImage(image)
        for row in range(self.grid.count()):
            item = self.grid.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                entry = next(e for e in self.view.items if e.id == key)
                item.setIcon(self._icon(entry))

    def _on_styles(self, choices) -> None:
        if isinstance(choices, Exception):
            return
        self.choices = choices
        self.style.blockSignals(True)
        while self.style.count() > 1:
            self.style.removeItem(1)
        for choice in choices:
            self.style.addItem(choice_label(choice), choice.name)
        self.style.blockSignals(False)
        if self.view is not None:
            self._show_view(self.view)

    def _style_changed(self, *_args, per_persona: dict | None = None) -> None:
        if self.view is None or self.service is None:
            return
        style = CollectionStyle(self.style.currentData(), self.strength.value() / 100,
                                self.mask.currentData(), self.keep_colours.isChecked(),
                                self.view.style.per_persona if per_persona is None
                                else per_persona)
        service, name = self.service, self.view.name
        self.thumbs = {}
        self._save(lambda: service.set_style(name, style))

    # -- changes ----------------------------------------------------------------------------------

    def _save(self, work) -> None:
        """A write on the page's one write thread that answers the collection as written:
        writes land and show in the order they were asked for, and no read begun before a
        write is shown after it."""
        self._writes += 1
        run_async(work, self._saved, self._error, self._write_pool)

    def _saved(self, view) -> None:
        self._show_view(view)
        self.refresh(view.name)
        self.changed.emit()

    def _error(self, exc: Exception) -> None:
        self.status.setText(Messages(self).error(exc))

    def _write(self, work) -> None:
        """A small write on a worker thread, then the collection again."""
        service, name = self.service, self.view.name
        self._save(lambda: (work(service, name), service.collection(name))[1])

    def create(self, name: str) -> None:
        service = self.service
        self._save(lambda: service.create(name))

    def add_products(self, products: list, personas: list[str]) -> None:
        self._write(lambda s, n: s.add_products(n, products, personas))

    def add_search(self, flt, personas: list[str]) -> None:
        """What a catalog search and filters find (up to 200 products with a photo)."""
        if self.view is not None:
            self._write(lambda s, n: s.add_search(n, flt, personas))

    def add_top(self, persona: str, n: int, model: str) -> None:
        recommender = self.recommender
        self._write(lambda s, name: s.add_persona_top(name, persona, recommender, n, model))

    def review(self, status: str) -> None:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.grid.selectedItems()]
        if self.view is None or not ids:
            self.status.setText(self.tr("Select images in the grid first (Ctrl+A: all)."))
            return
        note = self.note.text().strip() or None
        self._write(lambda s, n: s.review(n, ids, status, note))

    def _show_note(self, item, _previous) -> None:
        if item is None or self.view is None:
            return
        entry = next((e for e in self.view.items
                      if e.id == item.data(Qt.ItemDataRole.UserRole)), None)
        self.note.setText(entry.note if entry else "")

    # -- dialogs ----------------------------------------------------------------------------------

    def _ask_new(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New collection"), self.tr("Name"))
        if ok and name.strip():
            self.create(name.strip())

    def _delete(self) -> None:
        if self.view is None:
            return
        service, name = self.service, self.view.name
        self.view = None
        run_async(lambda: service.delete(name), lambda _r: self.refresh(), self._error)

    def _ask_ids(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Add products"),
                                        self.tr("Product ids (separated by spaces or commas)"))
        ids = [t for t in text.replace(",", " ").split() if t]
        if ok and ids:
            self.add_products(ids, self.ticked_personas())

    def _ask_top(self) -> None:
        names = [self.for_personas.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.for_personas.count())]
        if not names:
            self.status.setText(self.tr("No personas yet: build them in Shoppers → Personas."))
            return
        labels = [self.for_personas.item(i).text() for i in range(len(names))]
        label, ok = QInputDialog.getItem(self, self.tr("A persona's top picks"),
                                         self.tr("Persona"), labels, 0, False)
        if not ok:
            return
        n, ok = QInputDialog.getInt(self, self.tr("A persona's top picks"),
                                    self.tr("How many products"), 12, 1, 200)
        if not ok:
            return
        models = REGISTRY.names()
        model, ok = QInputDialog.getItem(self, self.tr("A persona's top picks"),
                                         self.tr("Recommender (trained)"), models,
                                         models.index("hybrid"), False)
        if ok:
            self.add_top(names[labels.index(label)], n, model)

    def set_persona_style(self, persona: str, style: str | None) -> None:
        """One persona's images in `style` (a style's name, PERSONA_STYLE for its own
        blend), or None: back to the collection's style."""
        per_persona = dict(self.view.style.per_persona)
        if style is None:
            per_persona.pop(persona, None)
        else:
            per_persona[persona] = style
        self._style_changed(per_persona=per_persona)

    def _ask_persona_style(self) -> None:
        names = [self.for_personas.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.for_personas.count())]
        if self.view is None or not names:
            self.status.setText(self.tr("No personas yet: build them in Shoppers → Personas."))
            return
        labels = [self.for_personas.item(i).text() for i in range(len(names))]
        label, ok = QInputDialog.getItem(self, self.tr("Style per persona"), self.tr("Persona"),
                                         labels, 0, False)
        if not ok:
            return
        styles = [(self.tr("The collection's style"), None)] + [
            (self.style.itemText(i), self.style.itemData(i)) for i in range(self.style.count())]
        chosen, ok = QInputDialog.getItem(self, self.tr("Style per persona"), self.tr("Style"),
                                          [text for text, _ in styles], 0, False)
        if ok:
            self.set_persona_style(names[labels.index(label)],
                                   dict(styles)[chosen])

    def _ask_export(self) -> None:
        if self.view is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export into a new or empty "
                                                                "folder"))
        if folder:
            from pathlib import Path

            self.export_requested.emit(self.view.name, Path(folder))
