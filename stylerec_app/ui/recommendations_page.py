"""The Recommendations area: a shopper's ranked products from one or two models, with reasons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.services.personas import PersonaService
from stylerec_app.services.recommendation.holdout import HoldoutSplit
from stylerec_app.services.recommendation.registry import REGISTRY
from stylerec_app.services.recommendation.service import Query, RecommendationService
from stylerec_app.services.styling import shopper_look
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.messages import Messages
from stylerec_app.ui.preview_worker import PreviewWorker
from stylerec_app.ui.profile_widgets import ProductStrip
from stylerec_app.ui.search_completer import (
    SearchCompleter,
    persona_in,
    shopper_search,
    typed_id,
)
from stylerec_app.ui.thumbnails import ThumbnailCache, placeholder, with_badge
from stylerec_app.ui.widget_state import set_widget_values, widget_values

THUMB = 150
OVERLAP = QColor(255, 236, 170)


class RankedGrid(QListWidget):
    """Ranked products: restyled thumbnails (or originals), score and reason under each."""

    product_activated = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 40, THUMB + 70))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)
        self.originals = ThumbnailCache(size=THUMB, capacity=300, parent=self)
        self.originals.ready.connect(lambda _k: self.refresh_icons())
        self.restyled: dict[int, QPixmap] = {}
        self.show_restyled = True
        self.picks = []
        self.messages = Messages(self)
        self._loading = QIcon(placeholder(THUMB, "…"))
        self.itemClicked.connect(lambda it: self.product_activated.emit(
            it.data(Qt.ItemDataRole.UserRole)))

    def reason_text(self, pick) -> str:
        """The pick's reason in the UI language, from its code and arguments."""
        return self.messages.text(pick.reason.code, pick.reason.args)

    def set_picks(self, picks, overlap: set[int]) -> None:
        self.clear()
        self.picks = picks
        self.restyled.clear()
        score_label = self.tr("score")
        for rank, pick in enumerate(picks, 1):
            reason = self.reason_text(pick)
            item = QListWidgetItem(f"{rank}. {pick.product.title}\n{reason}")
            colours = ("\n" + self.tr("%1 colours").replace("%1", str(pick.product.family_size))
                       if pick.product.family_size > 1 else "")
            item.setToolTip(f"{pick.product.title} ({pick.product.external_id})\n"
                            f"{score_label} {pick.score:.3f}\n{reason}{colours}")
            item.setData(Qt.ItemDataRole.UserRole, pick.product)
            if pick.product.id in overlap:
                item.setBackground(QBrush(OVERLAP))
            self.addItem(item)
        self.refresh_icons()

    def set_restyled(self, product_id: int, image) -> None:
        self.restyled[product_id] = QPixmap.fromImage(image)
        self.refresh_icons()

    def refresh_icons(self) -> None:
        for row in range(self.count()):
            item = self.item(row)
            product = item.data(Qt.ItemDataRole.UserRole)
            pix = self.restyled.get(product.id) if self.show_restyled else None
            if pix is not None:  # never shown as if it were the plain product photo
                pix = with_badge(pix, self.tr("restyled"), left=True)
            if pix is None:
                pix = self.originals.get(product.id, product.image_path)
            if pix is not None and product.family_size > 1:  # the family badge
                pix = with_badge(pix, self.tr("%1 colours").replace(
                    "%1", str(product.family_size)))
            item.setIcon(QIcon(pix) if pix is not None else self._loading)


class RecommendationsPage(QWidget):
    shown = Signal(object)  # (picks A, picks B or None)
    open_in_studio = Signal(object, str)  # product, shopper id
    train_requested = Signal()
    train_model_requested = Signal(list)  # train these models now (the page's own button)

    def __init__(self, worker: PreviewWorker, jobs=None, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.jobs = jobs  # model-using work (style ranking, split training) runs as jobs
        worker.thumb_ready.connect(self._on_thumb)
        self.service: RecommendationService | None = None
        self.profiles = None
        self._latest = Latest()
        self._batch = 0
        self._blend = None
        self.shopper = QLineEdit()
        self.shopper.setPlaceholderText(self.tr("shopper id or persona"))
        self.shopper.setMinimumWidth(160)
        self.model_a = QComboBox()
        self.model_b = QComboBox()
        self.model_b.addItem(self.tr("— no comparison —"), None)
        for name in REGISTRY.names():
            self.model_a.addItem(name, name)
            self.model_b.addItem(name, name)
        self.k = QSpinBox()
        self.k.setRange(1, 100)
        self.k.setValue(12)
        self.restyled = QCheckBox(self.tr("Show restyled for the shopper"))
        self.restyled.setChecked(True)
        self.diverse = QCheckBox(self.tr("Diverse looks"))
        self.split_box = QCheckBox(self.tr("Evaluation split: hold out the last"))
        self.split_days = QSpinBox()
        self.split_days.setRange(1, 3650)
        self.split_days.setValue(20)
        self.split_days.setSuffix(self.tr(" days"))
        self.split: HoldoutSplit | None = None
        self.show_button = QPushButton(self.tr("Recommend"))
        self.train_button = QPushButton(self.tr("Train models…"))
        controls = QHBoxLayout()
        for label, widget in ((self.tr("Shopper"), self.shopper), (self.tr("Model"), self.model_a),
                              (self.tr("Compare with"), self.model_b), (self.tr("Top"), self.k)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        options = QHBoxLayout()
        for w in (self.restyled, self.diverse, self.split_box, self.split_days):
            options.addWidget(w)
        options.addStretch(1)
        for w in (self.show_button, self.train_button):
            options.addWidget(w)
        self.title_a, self.title_b = QLabel(), QLabel()
        self.grid_a, self.grid_b = RankedGrid(), RankedGrid()
        for grid in (self.grid_a, self.grid_b):
            grid.product_activated.connect(
                lambda p: self.open_in_studio.emit(p, self.shopper.text().strip()))
        columns = QHBoxLayout()
        for title, grid in ((self.title_a, self.grid_a), (self.title_b, self.grid_b)):
            box = QVBoxLayout()
            box.addWidget(title)
            box.addWidget(grid, 1)
            columns.addLayout(box, 1)
        self.status = QLabel(self.tr("Choose a shopper and a model. Models are trained from "
                                     "the store with Train models… (or stylerec train)."))
        self.status.setWordWrap(True)
        self.train_now = QPushButton()  # "Train ranker now": shown when the model is missing
        self.train_now.setVisible(False)
        self.train_now.clicked.connect(self._train_missing)
        self._missing: list[str] = []
        self.next_view = QLabel(self.tr("What the shopper did next (held-out events) appears "
                                        "here when an evaluation split is active."))
        self.next_view.setStyleSheet("color: #666")
        self.next_view.setWordWrap(True)
        self.next_strip = ProductStrip(72)
        self.next_strip.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(options)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.train_now)
        layout.addLayout(status_row)
        layout.addLayout(columns, 1)
        layout.addWidget(self.next_view)
        layout.addWidget(self.next_strip)
        self.show_button.clicked.connect(self.refresh)
        self.shopper.returnPressed.connect(self.refresh)
        self.shopper_picker = SearchCompleter(self.shopper)
        self.shopper_picker.chosen.connect(lambda _id: self.refresh())
        self.train_button.clicked.connect(self.train_requested)
        self.restyled.toggled.connect(self._toggle_restyled)
        self.split_box.toggled.connect(self._split_changed)
        self.split_days.valueChanged.connect(
            lambda _v: self.split_box.isChecked() and self._split_changed(True))
        self.grid_b.setVisible(False)
        self.title_b.setVisible(False)
        for combo in (self.model_a, self.model_b):  # another model: the list re-ranks
            combo.currentIndexChanged.connect(self._model_changed)

    CHOICES = ("shopper", "model_a", "model_b", "k", "restyled", "diverse", "split_box",
               "split_days")

    def snapshot(self) -> dict:
        """The choices and whether a list was shown: kept across a language switch."""
        return {"values": widget_values(self, self.CHOICES), "shown": bool(self.grid_a.picks)}

    def restore(self, state: dict) -> None:
        set_widget_values(self, state["values"])
        if state["shown"] and self.service is not None:
            self.refresh()  # the same lists again (models stay on disk: fast)

    def set_service(self, service: RecommendationService | None, profiles=None) -> None:
        self.service = service
        self.shopper_picker.search = shopper_search(profiles)
        self.split = None
        self.split_box.setChecked(False)
        self.profiles = profiles
        self.grid_a.clear()
        self.grid_b.clear()

    def show_for(self, shopper: str, model: str | None = None) -> None:
        self.shopper.setText(shopper)
        if model:
            self.model_a.setCurrentIndex(self.model_a.findData(model))
        self.refresh()

    def refresh(self) -> None:
        shopper = typed_id(self.shopper.text())
        if self.service is None or not shopper:
            return
        profiles = self.profiles
        source = self.split if self.split_box.isChecked() and self.split else self.service
        split = source if isinstance(source, HoldoutSplit) else None
        a, b, k = self.model_a.currentData(), self.model_b.currentData(), self.k.value()
        diversity = 0.5 if self.diverse.isChecked() else 0.0

        persona = persona_in(shopper)
        if persona is not None:  # a persona's list: its typical shoppers' lists fused
            source, split = self.service, None

        def rank(model):
            query = Query(shopper, k, model, diversity=diversity)
            return (source.recommend_persona(persona, query) if persona is not None
                    else source.recommend(query))

        def work():
            picks_a = rank(a)
            picks_b = rank(b) if b else None
            blend = None
            if persona is not None:
                blend = PersonaService(self.service.store).blend(persona)
            elif profiles is not None:
                view = profiles.shopper_profile(profiles.shopper_id(shopper))
                blend = view.style_blend if view and view.style_blend else None
            shown = {p.product.id for p in picks_a + (picks_b or [])}
            held = split.next_events(shopper, shown) if split is not None else None
            return picks_a, picks_b, blend, held

        self.status.setText(self.tr("Ranking… (models for the split are trained on first "
                                    "use)") if split else self.tr("Ranking…"))
        uses_networks = split is not None or any(
            REGISTRY.get(m).uses_style for m in (a, b) if m in REGISTRY)
        if uses_networks and self.jobs is not None:
            # Training for the split, or restyling while ranking: the inference thread's job.
            done = self._latest.wrap(self._show)
            job = self.jobs.submit(self.tr("Rank for %1").replace("%1", shopper),
                                   lambda _progress, _cancel: work(), writes_store=False,
                                   inference=True)
            job.finished.connect(lambda result: done(result) if job.state == "done"
                                 else job.error is not None and self._on_error(job.error))
        else:
            run_async(work, self._latest.wrap(self._show), self._on_error)

    def _split_changed(self, on: bool) -> None:
        self.split = None
        if not on or self.service is None:
            self._show_next(None)
            return
        store, days = self.service.store, float(self.split_days.value())
        engines = self.service.engines
        self.status.setText(self.tr("Preparing the evaluation split…"))
        run_async(lambda: HoldoutSplit(store, days, engines), self._split_ready, self._on_error)

    def _split_ready(self, split: HoldoutSplit) -> None:
        self.split = split
        self.refresh()

    def _show_next(self, held) -> None:
        self.next_strip.setVisible(held is not None and bool(held))
        if held is None:
            self.next_view.setText(self.tr("What the shopper did next (held-out events) "
                                           "appears here when an evaluation split is active."))
            return
        hits = sum(1 for h in held if h.hit)
        self.next_view.setText(
            self.tr("What they did next (after the split): %1 events, %2 on the lists above")
            .replace("%1", str(len(held))).replace("%2", str(hits)) if held else
            self.tr("Nothing: this shopper has no events after the split."))
        self.next_strip.set_products([h.product for h in held],
                                     [("✔ " if h.hit else "") + f"{h.kind} {h.day}"
                                      for h in held])
        for row, h in enumerate(held):
            if h.hit:
                self.next_strip.item(row).setBackground(QBrush(OVERLAP))
        self.held = held

    def _show(self, result) -> None:
        picks_a, picks_b, blend, held = result
        self._missing = []
        self.train_now.setVisible(False)
        self._show_next(held)
        ids_a = {p.product.id for p in picks_a}
        ids_b = {p.product.id for p in picks_b} if picks_b else set()
        overlap = ids_a & ids_b
        self.grid_a.set_picks(picks_a, overlap)
        self.title_a.setText(self.model_a.currentText())
        self.grid_b.setVisible(picks_b is not None)
        self.title_b.setVisible(picks_b is not None)
        if picks_b is not None:
            self.grid_b.set_picks(picks_b, overlap)
            self.title_b.setText(self.model_b.currentText())
            self.status.setText(self.tr("%1 products in both lists (highlighted)")
                                .replace("%1", str(len(overlap))))
        else:
            self.status.setText(self.tr("%1 products").replace("%1", str(len(picks_a))))
        self._blend = blend
        self._request_restyled(picks_a + (picks_b or []), blend)
        self.shown.emit((picks_a, picks_b))

    def _request_restyled(self, picks, blend) -> None:
        if not blend or not self.restyled.isChecked():
            return
        spec = shopper_look(blend, THUMB)
        if spec is None:
            return
        items = list({p.product.id: (p.product.id, p.product.image_path) for p in picks
                      if p.product.image_path and p.product.image_status == "ok"}.values())
        self._batch = self.worker.new_batch("recommendations")
        self.worker.submit_thumbs(self._batch, items, spec, THUMB)

    def _on_thumb(self, batch: int, key, image) -> None:
        if batch != self._batch:
            return
        for grid in (self.grid_a, self.grid_b):
            if any(p.product.id == key for p in grid.picks):
                grid.set_restyled(key, image)

    def _toggle_restyled(self, on: bool) -> None:
        for grid in (self.grid_a, self.grid_b):
            grid.show_restyled = on
            grid.refresh_icons()
        if on:
            self._request_restyled(self.grid_a.picks + self.grid_b.picks, self._blend)

    def _model_changed(self, _index: int) -> None:
        if self.grid_a.picks or self._missing:
            self.refresh()

    def _on_error(self, exc: Exception) -> None:
        self.status.setText(Messages(self).error(exc))
        missing = getattr(exc, "code", "") == "model.missing"
        self._missing = [exc.params["model"]] if missing else []
        if missing:
            self.train_now.setText(self.tr("Train %1 now").replace("%1", exc.params["model"]))
        self.train_now.setVisible(missing)

    def _train_missing(self) -> None:
        if self._missing:
            self.status.setText(self.tr("Training %1… the list appears when it is done.")
                                .replace("%1", ", ".join(self._missing)))
            self.train_now.setVisible(False)
            self.train_model_requested.emit(list(self._missing))
