"""The Evaluation area: set up an offline evaluation, watch it run, read tables and charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.services.evaluation_runs.presets import PRESETS
from stylerec_app.services.evaluation_runs.protocols import (
    CANDIDATES,
    Protocol,
    RankingOptions,
    day_number,
)
from stylerec_app.services.evaluation_runs.report_files import write_report_files
from stylerec_app.services.evaluation_runs.results import EvalReport
from stylerec_app.services.evaluation_runs.runner import EvalConfig
from stylerec_app.services.recommendation.registry import REGISTRY
from stylerec_app.ui.widget_state import set_widget_values, widget_values

SUMMARY_METRICS = ("Recall", "Precision", "NDCG", "MAP", "HitRate")


class EvaluationPage(QWidget):
    """Emits `run_requested(config, published)`; the window runs it as a job and calls
    `show_report`. `shopper_activated(name)` asks to show a shopper's recommendations."""

    run_requested = Signal(object, object)
    shopper_activated = Signal(str)

    def __init__(self, data_dir: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir  # where hm/ and ml-100k/ are looked for (settings)
        self.store_path: Path | None = None
        self.report: EvalReport | None = None
        self._build_setup()
        self._build_results()
        layout = QHBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidget(self.setup)
        scroll.setWidgetResizable(True)
        scroll.setFixedWidth(360)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll)
        layout.addWidget(self.results, 1)
        self._preset_changed()
        self._protocol_changed()
        self.show_message(self.tr("Choose a dataset, a protocol and the models to compare, then "
                                  "press Run. Results appear here; each run also writes an "
                                  "HTML report you can open or share."))

    # -- set-up form ---------------------------------------------------------------------------
    def _build_setup(self) -> None:
        self.setup = QWidget()
        form = QVBoxLayout(self.setup)
        data_box = QGroupBox(self.tr("Dataset"))
        data = QFormLayout(data_box)
        self.dataset = QComboBox()
        self.dataset.addItem(self.tr("Current store"), "store")
        self.dataset.addItem(self.tr("H&M folder"), "hm")
        self.dataset.addItem(self.tr("MovieLens-100K folder"), "ml-100k")
        self.dataset.addItem(self.tr("Another store file"), "db")
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("default: the shared data folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        data.addRow(self.tr("Source"), self.dataset)
        data.addRow(self.tr("Location"), row)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 10)
        self.threshold.setSingleStep(0.5)
        self.threshold.setSpecialValueText(self.tr("implicit (no threshold)"))
        data.addRow(self.tr("Relevant ratings ≥"), self.threshold)
        self.dataset.currentIndexChanged.connect(self._dataset_changed)
        form.addWidget(data_box)

        proto_box = QGroupBox(self.tr("Protocol"))
        proto = QFormLayout(proto_box)
        self.preset = QComboBox()
        self.preset.addItem(self.tr("Custom"), None)
        for name in PRESETS:
            self.preset.addItem(name, name)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.protocol = QComboBox()
        for kind, label in (("random", self.tr("Random split")),
                            ("user-random", self.tr("Random split per user")),
                            ("leave-last", self.tr("Leave last day out per user")),
                            ("temporal", self.tr("Global temporal split"))):
            self.protocol.addItem(label, kind)
        # Stores have per-shopper histories: leave-last evaluates every shopper with two or
        # more purchase days (a random split of a small store leaves most with no test item).
        self.protocol.setCurrentIndex(self.protocol.findData("leave-last"))
        self.protocol.currentIndexChanged.connect(self._protocol_changed)
        self.protocol.activated.connect(lambda _i: setattr(self, "_protocol_chosen", True))
        self.test_share = QDoubleSpinBox()
        self.test_share.setRange(0.05, 0.5)
        self.test_share.setSingleStep(0.05)
        self.test_share.setValue(0.2)
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setValue(123)
        self.cut = QDateEdit(QDate(2020, 8, 25))
        self.cut.setCalendarPopup(True)
        self.cut.setDisplayFormat("yyyy-MM-dd")
        self.candidates = QComboBox()
        for c, label in zip(CANDIDATES, (self.tr("Unseen items"),
                                         self.tr("Drop only relevant seen items (Cornac 2+)"),
                                         self.tr("All items (Cornac 1.x)"),
                                         self.tr("Buy again (repeat purchases count)")),
                            strict=True):
            self.candidates.addItem(label, c)
        self.tune = QCheckBox(self.tr("Tune on the validation part"))
        self.tune.setChecked(True)
        proto.addRow(self.tr("Preset"), self.preset)
        proto.addRow(self.tr("Split"), self.protocol)
        proto.addRow(self.tr("Test share"), self.test_share)
        proto.addRow(self.tr("Seed"), self.seed)
        proto.addRow(self.tr("Test from"), self.cut)
        proto.addRow(self.tr("Candidates"), self.candidates)
        proto.addRow(self.tune)
        form.addWidget(proto_box)

        model_box = QGroupBox(self.tr("Models"))
        models = QVBoxLayout(model_box)
        self.model_checks = {}
        for name in REGISTRY.names():
            box = QCheckBox(name)
            box.setChecked(name in ("pop", "itemknn", "als", "bpr", "content", "hybrid"))
            self.model_checks[name] = box
            models.addWidget(box)
        self.ks = QLineEdit("10,20")
        k_row = QFormLayout()
        k_row.addRow(self.tr("Cut-offs k"), self.ks)
        models.addLayout(k_row)
        form.addWidget(model_box)
        self.run_button = QPushButton(self.tr("Run evaluation"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self._run)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        form.addWidget(self.run_button)
        form.addWidget(self.error_label)
        form.addStretch(1)
        for combo in self.setup.findChildren(QComboBox):  # long labels must not widen the form
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.folder.setMinimumWidth(80)
        self._dataset_changed()

    def _browse(self) -> None:
        if self.dataset.currentData() == "db":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a store"), "",
                                                  self.tr("StyleRec stores (*.sqlite *.db)"))
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"))
        if path:
            self.folder.setText(path)

    _protocol_chosen = False  # the user picked a protocol: datasets no longer propose one

    def _dataset_changed(self) -> None:
        kind = self.dataset.currentData()
        self.folder.setEnabled(kind != "store")
        if not self._protocol_chosen and self.preset.currentData() is None:
            proposed = "random" if kind == "ml-100k" else "leave-last"  # ratings vs histories
            self.protocol.setCurrentIndex(self.protocol.findData(proposed))

    def _preset_changed(self) -> None:
        name = self.preset.currentData()
        custom = name is None
        for w in (self.protocol, self.test_share, self.seed, self.cut, self.candidates,
                  self.threshold):
            w.setEnabled(custom)
        if custom:
            self._protocol_changed()
            return
        p = PRESETS[name]
        self.protocol.setCurrentIndex(self.protocol.findData(p.protocol.kind))
        self.test_share.setValue(p.protocol.test)
        self.seed.setValue(p.protocol.seed)
        self.candidates.setCurrentIndex(self.candidates.findData(p.ranking.candidates))
        self.threshold.setValue(p.threshold or 0.0)
        self.ks.setText(",".join(str(k) for k in p.ranking.ks))
        self.dataset.setCurrentIndex(self.dataset.findData(
            "ml-100k" if name.startswith(("cornac", "recbole")) else "hm"))

    def _protocol_changed(self) -> None:
        kind = self.protocol.currentData()
        custom = self.preset.currentData() is None
        self.test_share.setEnabled(custom and kind in ("random", "user-random"))
        self.seed.setEnabled(custom and kind in ("random", "user-random"))
        self.cut.setEnabled(custom and kind == "temporal")

    def set_store(self, path: Path | str | None) -> None:
        self.store_path = path

    def config(self) -> tuple[EvalConfig, dict | None]:
        """The run the form describes; ValueError with a message the user can act on."""
        kind = self.dataset.currentData()
        where = self.folder.text().strip()
        if kind == "store":
            if self.store_path is None:
                raise ValueError(self.tr("No store is open."))
            spec = f"db:{self.store_path}"
        elif kind == "db":
            if not where:
                raise ValueError(self.tr("Choose a store file."))
            spec = f"db:{where}"
        else:
            spec = f"{kind}:{where}" if where else kind
        try:
            ks = tuple(int(k) for k in self.ks.text().split(",") if k.strip())
        except ValueError:
            ks = ()
        if not ks or min(ks) < 1:
            raise ValueError(self.tr("Cut-offs must be whole numbers such as 10,20."))
        models = tuple(n for n, box in self.model_checks.items() if box.isChecked())
        if not models:
            raise ValueError(self.tr("Choose at least one model."))
        name = self.preset.currentData()
        if name is not None:
            p = PRESETS[name]
            config = EvalConfig(spec, p.protocol, RankingOptions(**{**vars(p.ranking), "ks": ks}),
                                models, tune=self.tune.isChecked() and not p.params,
                                params=p.params or {}, threshold=p.threshold)
            published = ({"source": name, "model": "bpr", "values": p.published}
                         if p.published else None)
            return config, published
        qd = self.cut.date()
        protocol = Protocol(self.protocol.currentData(), test=self.test_share.value(),
                            valid=0.1, seed=self.seed.value(),
                            cut_day=day_number(f"{qd.year():04d}-{qd.month():02d}-{qd.day():02d}"))
        ranking = RankingOptions(ks=ks, candidates=self.candidates.currentData(),
                                 exclude_unknowns=kind == "ml-100k")
        threshold = self.threshold.value() or None
        return EvalConfig(spec, protocol, ranking, models, tune=self.tune.isChecked(),
                          threshold=threshold), None

    def _run(self) -> None:
        try:
            config, published = self.config()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.clear()
        self.run_button.setEnabled(False)
        self.show_message(self.tr("Evaluating… progress is shown in the status bar and in "
                                  "Jobs, where the run can be cancelled."))
        self.run_requested.emit(config, published)

    # -- results -------------------------------------------------------------------------------
    def _build_results(self) -> None:
        self.results = QWidget()
        layout = QVBoxLayout(self.results)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_report = QPushButton(self.tr("Open HTML report"))
        self.open_report.setEnabled(False)
        self.open_report.clicked.connect(self._open_report)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_report, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.compare = QTableWidget()
        self.compare.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.charts = QLabel()
        self.charts.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.chart_scroll = chart_scroll = FitWidthScroll(self.charts)
        self.users = QTableWidget()
        self.users.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.users.setSortingEnabled(True)
        self.users.cellDoubleClicked.connect(self._user_activated)
        self.tabs.addTab(self.table, self.tr("Results"))
        self.tabs.addTab(self.compare, self.tr("Comparisons"))
        self.tabs.addTab(chart_scroll, self.tr("Charts"))
        self.tabs.addTab(self.users, self.tr("Shoppers"))
        layout.addWidget(self.tabs, 1)
        self.report_path: Path | None = None

    def show_message(self, text: str) -> None:
        self.summary.setText(text)

    def run_failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.show_message(self.tr("The evaluation did not finish: %1").replace("%1", message))

    @staticmethod
    def render(report: EvalReport, folder: Path) -> dict:
        """The slow part of showing results (plots, the HTML file): runs in the job's thread."""
        files = write_report_files(report, folder)
        return {"report": report, "charts": files.charts, "html": files.html}

    SETTINGS = ("dataset", "folder", "preset", "protocol", "test_share", "seed", "cut",
                "candidates", "threshold", "tune", "ks")

    def snapshot(self) -> dict:
        """Settings, model choices and the results shown: kept across a language switch."""
        return {"values": widget_values(self, self.SETTINGS),
                "models": {n: b.isChecked() for n, b in self.model_checks.items()},
                "bundle": getattr(self, "bundle", None)}

    def restore(self, state: dict) -> None:
        set_widget_values(self, state["values"])
        for name, on in state["models"].items():
            if name in self.model_checks:
                self.model_checks[name].setChecked(on)
        if state.get("bundle") is not None:
            self.show_report(state["bundle"])

    def show_report(self, bundle: dict) -> None:
        self.run_button.setEnabled(True)
        self.bundle = bundle
        report: EvalReport = bundle["report"]
        self.report = report
        k = report.main_k
        skipped = ", ".join(f"{n}: {v}" for n, v in report.skipped_users.items() if v)
        text = self.tr("%1 — %2. %3 users evaluated in %4 s.").replace(
            "%1", report.dataset["label"]).replace(
            "%2", report.protocol["description"]).replace(
            "%3", str(report.evaluated_users)).replace("%4", f"{report.seconds:.0f}")
        if skipped:
            text += " " + self.tr("Skipped: %1.").replace("%1", skipped)
        n_skipped = sum(report.skipped_users.values())
        if n_skipped > report.evaluated_users:
            text += "\n⚠ " + self.tr(
                "More than half of the shoppers were skipped (%1 of %2), so these numbers "
                "describe few of them. A per-shopper leave-last protocol evaluates every "
                "shopper with two or more purchase days.").replace("%1", str(n_skipped)).replace(
                "%2", str(n_skipped + report.evaluated_users))
        if report.skipped_models:
            text += " " + self.tr("Not run: %1.").replace("%1", "; ".join(
                f"{n} ({r})" for n, r in report.skipped_models.items()))
        self.show_message(text)
        self._fill_results(report, k)
        self._fill_comparisons(report, k)
        self._fill_users(report, k)
        self._draw_charts(bundle["charts"])
        self.report_path = bundle["html"]
        self.open_report.setEnabled(True)

    def _fill_results(self, report: EvalReport, k: int) -> None:
        cols = [f"{m}@{k}" for m in SUMMARY_METRICS] + ["AUC", f"Coverage@{k}"]
        self.table.setColumnCount(len(cols))
        self.table.setHorizontalHeaderLabels(cols)
        self.table.setRowCount(len(report.models))
        self.table.setVerticalHeaderLabels([m.name for m in report.models])
        for r, model in enumerate(report.models):
            for c, name in enumerate(cols):
                if name.startswith("Coverage"):
                    text = f"{model.beyond[name]:.3f}"
                else:
                    m = model.metrics[name]
                    text = f"{m.mean:.4f}" if m.mean is not None else "–"
                    if m.low is not None:
                        text += f"  [{m.low:.3f}–{m.high:.3f}]"
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _fill_comparisons(self, report: EvalReport, k: int) -> None:
        rows = [(model, name, c) for model, metrics in report.comparisons.items()
                for name, c in metrics.items() if name.endswith(f"@{k}")]
        for pair, metrics in report.ablations.items():
            label = (self.tr("style affinity (hybrid − hybrid-no-style)")
                     if pair == "hybrid − hybrid-no-style" else pair)
            rows += [(label, name, c) for name, c in metrics.items() if name.endswith(f"@{k}")]
        head = [self.tr("Model"), self.tr("Metric"), self.tr("Difference"), self.tr("95% CI"),
                self.tr("p (paired t)"), self.tr("p (Wilcoxon)")]
        self.compare.setColumnCount(len(head))
        self.compare.setHorizontalHeaderLabels(head)
        self.compare.setRowCount(len(rows))
        for r, (model, name, c) in enumerate(rows):
            cells = [model, name, f"{c.diff:+.4f}" if c.diff is not None else "–",
                     f"[{c.low:+.4f}, {c.high:+.4f}]" if c.low is not None else "–",
                     f"{c.p_ttest:.3g}" if c.p_ttest is not None else "–",
                     f"{c.p_wilcoxon:.3g}" if c.p_wilcoxon is not None else "–"]
            for col, text in enumerate(cells):
                self.compare.setItem(r, col, QTableWidgetItem(text))
        self.compare.resizeColumnsToContents()
        if report.baseline:
            self.tabs.setTabToolTip(1, self.tr("Against the best model that does not use "
                                               "images: %1").replace("%1", report.baseline))

    def _fill_users(self, report: EvalReport, k: int) -> None:
        per_user = report.per_user
        models = list(per_user.values)
        metric = f"NDCG@{k}"
        self.users.setSortingEnabled(False)
        self.users.setColumnCount(1 + len(models))
        self.users.setHorizontalHeaderLabels([self.tr("Shopper")] + [f"{m} {metric}"
                                                                     for m in models])
        self.users.setRowCount(len(per_user.users))
        for r, name in enumerate(per_user.users):
            self.users.setItem(r, 0, QTableWidgetItem(name))
            for c, model in enumerate(models, 1):
                value = per_user.values[model][metric][r]
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, round(value, 4) if value is not None
                             else None)
                self.users.setItem(r, c, item)
        self.users.setSortingEnabled(True)
        self.users.resizeColumnsToContents()
        can_jump = self._on_open_store(report)
        self.users.setToolTip(self.tr("Double-click a shopper to see their recommendations")
                              if can_jump else self.tr("Open this dataset's store to see a "
                                                       "shopper's recommendations"))

    def _on_open_store(self, report: EvalReport) -> bool:
        """Shoppers of this run are the open store's (so their recommendations can show)."""
        return self.store_path is not None and report.dataset["spec"] == f"db:{self.store_path}"

    def _user_activated(self, row: int, _col: int) -> None:
        if self.report and self._on_open_store(self.report):
            self.shopper_activated.emit(self.users.item(row, 0).text())

    def _draw_charts(self, images: list[bytes]) -> None:
        if not images:
            self.chart_scroll.canvas = None
            self.charts.setText(self.tr("No model was evaluated, so there is nothing to plot."))
            return
        pixmaps = []
        for data in images:
            pm = QPixmap()
            pm.loadFromData(data, "PNG")
            pixmaps.append(pm)
        width = max(p.width() for p in pixmaps)
        height = sum(p.height() for p in pixmaps)
        canvas = QPixmap(width, height)
        canvas.fill(Qt.GlobalColor.white)
        painter = QPainter(canvas)
        y = 0
        for pm in pixmaps:
            painter.drawPixmap(0, y, pm)
            y += pm.height()
        painter.end()
        self.chart_scroll.set_canvas(canvas)

    def _open_report(self) -> bool:
        """Open the HTML report in the browser; without one, say where the file is (and
        put its path on the clipboard) instead of doing nothing."""
        if self.report_path is None:
            return False
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path))):
            return True
        QGuiApplication.clipboard().setText(str(self.report_path))
        note = self.tr("No web browser could open the report. It is saved at %1 (the path "
                       "is on the clipboard).").replace("%1", str(self.report_path))
        self.summary.setText(f"{self.summary.text()}\n{note}".strip())
        return False


class FitWidthScroll(QScrollArea):
    """Charts scaled down to the width of the pane (never cut at its sides); only the
    height scrolls."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.label = label
        self.canvas: QPixmap | None = None
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_canvas(self, canvas: QPixmap) -> None:
        self.canvas = canvas
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.canvas is None or self.canvas.isNull():
            return
        width = self.viewport().width() - self.verticalScrollBar().sizeHint().width() - 4
        fitted = (self.canvas if self.canvas.width() <= width else
                  self.canvas.scaledToWidth(max(200, width),
                                            Qt.TransformationMode.SmoothTransformation))
        self.label.setPixmap(fitted)
