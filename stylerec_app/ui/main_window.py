"""The main window: navigation between areas, menus, drag-and-drop import, status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.services.catalog import CatalogService
from stylerec_app.services.collections import CollectionService
from stylerec_app.services.demo import create_demo_store
from stylerec_app.services.engines import Engines
from stylerec_app.services.personas import PersonaService
from stylerec_app.services.profiles import build_profiles
from stylerec_app.services.profiles.queries import ProfileService
from stylerec_app.services.recommendation.service import RecommendationService
from stylerec_app.services.settings import Settings
from stylerec_app.services.stores import is_url, open_store, safe_url
from stylerec_app.services.styling import StyleService
from stylerec_app.ui.background import Latest, run_async
from stylerec_app.ui.catalog_page import CatalogPage
from stylerec_app.ui.collections_page import CollectionsPage
from stylerec_app.ui.evaluation_page import EvaluationPage
from stylerec_app.ui.import_actions import ImportActions
from stylerec_app.ui.jobs import Job, JobManager, JobsPanel
from stylerec_app.ui.personas_page import PersonasPanel
from stylerec_app.ui.preview_worker import PreviewWorker
from stylerec_app.ui.recommendations_page import RecommendationsPage
from stylerec_app.ui.shoppers_page import ShoppersPage
from stylerec_app.ui.style_gallery import SwatchBank
from stylerec_app.ui.style_studio import StyleStudioPage
from stylerec_app.ui.team_store_dialog import TeamStoreDialog
from stylerec_app.ui.window_actions import StudioActions
from stylerec_app.ui.window_support import SupportActions


class MainWindow(ImportActions, StudioActions, SupportActions, QMainWindow):
    store_opened = Signal(object)  # CatalogService or None
    profiles_finished = Signal(object)  # ProfileReport
    import_finished = Signal(object)  # ImportReport
    language_requested = Signal(str)  # a preference changed: the app rebuilds the window

    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("StyleRec")
        self.resize(1280, 820)
        self.setAcceptDrops(True)
        self.service: CatalogService | None = None
        self.profiles: ProfileService | None = None
        self.styles: StyleService | None = None
        self.jobs = JobManager(self)
        self._shown_errors: set[int] = set()
        # The one hub of loaded networks, used only on the inference thread (jobs there).
        self.engines = Engines(settings.device, settings.cache_dir)
        self.preview_worker = PreviewWorker(self.engines)
        self.preview_worker.moveToThread(self.jobs.inference_thread)
        self.last_report: ImportReport | None = None
        self.show_reports = True  # tests switch modal report dialogs off
        self._stats_latest = Latest()

        self.catalog = CatalogPage()
        self.swatches = SwatchBank(self.preview_worker, self)
        self.shoppers = ShoppersPage()
        self.shoppers.card.set_swatches(self.swatches)
        self.personas = PersonasPanel()
        self.personas.set_swatches(self.swatches)
        self.personas.build_requested.connect(self.build_personas)
        self.personas.restyle_requested.connect(self.restyle_for_shopper)
        self.personas.recommend_requested.connect(self.show_recommendations_for)
        self.personas.shopper_activated.connect(self._open_shopper)
        self.shopper_tabs = QTabWidget()
        self.shopper_tabs.setDocumentMode(True)
        self.shopper_tabs.addTab(self.shoppers, self.tr("Shoppers"))
        self.shopper_tabs.addTab(self.personas, self.tr("Personas"))
        self.shoppers.product_activated.connect(self.show_product)
        self.shoppers.card.restyle_requested.connect(self.restyle_for_shopper)
        self.studio = StyleStudioPage(self.preview_worker)
        self.studio.export_requested.connect(self.export_restyled)
        self.studio.train_requested.connect(self.open_training)
        self.studio.picture_style_requested.connect(self.choose_picture_style)
        self.catalog.detail.restyle_requested.connect(self.restyle_product)
        self.recommendations = RecommendationsPage(self.preview_worker, self.jobs)
        self.recommendations.open_in_studio.connect(self._studio_for)
        self.recommendations.train_requested.connect(self.ask_train_recommenders)
        self.recommendations.train_model_requested.connect(self.train_recommenders)
        self.collections = CollectionsPage(self.preview_worker)
        self.collections.export_requested.connect(self.export_collection)
        self.collections.add_results_requested.connect(self.add_catalog_results)
        self.evaluation = EvaluationPage(settings.eval_data)
        self.evaluation.run_requested.connect(self.run_evaluation)
        self.evaluation.shopper_activated.connect(self.show_recommendations_for)
        self.jobs_panel = JobsPanel(self.jobs, self.describe_job)
        self.nav = QListWidget()
        self.nav.setFixedWidth(180)
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet(
            "#navigation { font-size: 11pt; border: none; background: palette(window); }"
            "#navigation::item { padding: 9px 12px; border-radius: 6px; margin: 1px 4px; }"
            "#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }")
        self.pages = QStackedWidget()
        areas = [
            (self.tr("Catalog"), self.catalog),
            (self.tr("Shoppers"), self.shopper_tabs),
            (self.tr("Style Studio"), self.studio),
            (self.tr("Recommendations"), self.recommendations),
            (self.tr("Collections"), self.collections),
            (self.tr("Evaluation"), self.evaluation),
            (self.tr("Jobs"), self.jobs_panel),
        ]
        for label, page in areas:
            self.nav.addItem(label)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(self._carry_selection)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()
        self.jobs.job_changed.connect(self._on_job_changed)
        self.jobs.job_changed.connect(self._report_failed_job)
        self.catalog.thumbnails.set_budget_mb(self.prefs.thumbnail_cache_mb)

    @property
    def prefs(self):
        return self.settings.prefs

    # -- construction ----------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Open Store…"), self.choose_store,
                     QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Open &Team Store…"), self.choose_team_store,
                     "Ctrl+Shift+O")
        self._action(file_menu, self.tr("New &Demo Store…"), self.choose_new_demo, "Ctrl+Shift+N")
        file_menu.addSeparator()
        self.import_hm_action = self._action(file_menu, self.tr("Import &H&&M Folder…"),
                                             self.choose_hm_folder, "Ctrl+I")
        self.import_generic_action = self._action(file_menu, self.tr("Import &Catalog Files…"),
                                                  self.choose_generic, "Ctrl+Shift+I")
        self._action(file_menu, self.tr("Last Import &Report"), self.show_last_report)
        file_menu.addSeparator()
        help_menu = QMenu(self.tr("&Help"), self)
        self._build_support_menus(file_menu, help_menu)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        profiles_menu = self.menuBar().addMenu(self.tr("&Profiles"))
        self.profile_action = self._action(profiles_menu, self.tr("&Build Profiles"),
                                           self.start_profiling, "Ctrl+P")
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh)
        self._action(view_menu, self.tr("&Jobs"), lambda: self.show_area(self.jobs_panel),
                     "Ctrl+J")
        for label, page, key in (
                (self.tr("Catalog"), self.catalog, "Ctrl+1"),
                (self.tr("Shoppers"), self.shopper_tabs, "Ctrl+2"),
                (self.tr("Style Studio"), self.studio, "Ctrl+3"),
                (self.tr("Recommendations"), self.recommendations, "Ctrl+4"),
                (self.tr("Evaluation"), self.evaluation, "Ctrl+5"),
                (self.tr("Collections"), self.collections, "Ctrl+6")):
            self._action(view_menu, label, lambda _c=False, p=page: self.show_area(p), key)
        self.menuBar().addMenu(help_menu)
        self._action(help_menu, self.tr("&About StyleRec"), self.about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.store_label = QLabel()
        self.stats_label = QLabel()
        self.device_label = QLabel()
        self.job_label = QLabel()
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(180)
        self.job_cancel = QPushButton(self.tr("Cancel"))
        self.job_cancel.setFlat(True)
        self.job_cancel.clicked.connect(self._cancel_current_job)
        bar.addWidget(self.store_label, 1)
        bar.addPermanentWidget(self.stats_label)
        bar.addPermanentWidget(self.device_label)
        for w in (self.job_label, self.job_progress, self.job_cancel):
            bar.addPermanentWidget(w)
            w.hide()

    # -- stores ----------------------------------------------------------------------------------

    def open_store_path(self, path: Path | str, *, create_demo_if_missing: bool = False,
                        create: bool = False) -> None:
        """Open in the background (a file, or a team store's URL); a missing default store
        becomes the demo store."""
        if is_url(path):
            shown = self.tr("the team store %1").replace("%1", safe_url(path))
        else:
            path = Path(path)
            if create_demo_if_missing and not path.exists():
                self.create_demo(path)
                return
            shown = _short_path(path)
        self.catalog.show_message(self.tr("Opening %1…").replace("%1", shown))
        run_async(lambda: CatalogService(open_store(path, create=create)), self._set_service,
                  self._open_failed)

    def choose_team_store(self) -> TeamStoreDialog:
        """File → Open Team Store…: a URL, and a password kept in the OS keyring or for
        this run only."""
        dialog = TeamStoreDialog(self.prefs, self)
        dialog.chosen.connect(lambda url: self.open_store_path(url, create=True))
        dialog.open()
        self._team_dialog = dialog
        return dialog

    def _set_service(self, service: CatalogService | None) -> None:
        if self.service is not None:
            self.service.store.close()
        self.service = service
        self.profiles = ProfileService(service.store) if service else None
        team = service is not None and service.store.postgres
        shown = "" if service is None else (
            self.tr("Team store %1").replace("%1", service.store.label) if team
            else _short_path(service.path))
        self.store_label.setText(shown if service else self.tr("No store open"))
        if service:
            self.store_label.setToolTip(service.store.label)
        read_only = service is not None and service.store.read_only
        if read_only:  # e.g. a colleague's store on a read-only share: browsing only
            self.store_label.setText(self.tr("%1 — read-only: browse only, changes are "
                                             "disabled").replace("%1", shown))
        self.store_label.setStyleSheet("color: #a05a2c" if read_only else "")
        for action in (self.import_hm_action, self.import_generic_action, self.profile_action):
            action.setEnabled(not read_only)
        title = "" if service is None else (service.store.label.rsplit("/", 1)[-1] if team
                                             else service.path.name)
        self.setWindowTitle(f"StyleRec — {title}" if service else "StyleRec")
        self.catalog.set_service(service, self.profiles)
        self.shoppers.set_service(self.profiles)
        self.styles = StyleService(service.store) if service else None
        self.studio.set_profiles(self.profiles, self.styles)
        recommender = RecommendationService(service.store, self.engines) if service else None
        self.recommendations.set_service(recommender, self.profiles)
        self.evaluation.set_store(service.store.label if service else None)
        personas = PersonaService(service.store) if service else None
        self.personas.set_service(personas)
        self.collections.set_services(
            CollectionService(service.store) if service else None, personas, recommender)
        for button in (self.personas.build, self.collections.new_button):
            button.setEnabled(not read_only)  # a read-only store: browse, never write
        if service is not None:
            self.remember_store(service.store.label)
        self.update_stats()
        self.store_opened.emit(service)

    def _open_failed(self, exc: Exception) -> None:
        self._set_service(None)
        self.error(self.tr("Could not open the store"), exc)

    def create_demo(self, path: Path) -> Job:
        """Generate the demo store at `path` as a job, then open it."""
        self.catalog.show_message(self.tr("Creating the demo store: rendering product photos "
                                          "and simulating shoppers. This takes a few "
                                          "seconds…"))

        def work(progress, cancel):
            store = open_store(path, create=True)
            try:
                return create_demo_store(store, progress=progress, cancel=cancel).report
            finally:
                store.close()

        job = self.jobs.submit(self.tr("Create the demo store"), work)
        job.finished.connect(lambda _r: self._after_demo(job, path))
        return job

    def _after_demo(self, job: Job, path: Path) -> None:
        if job.state == "done":
            self.open_store_path(path)
        elif job.state == "failed":
            self.error(self.tr("Could not create the demo store"), job.error)
            self._set_service(None)
        else:
            self._set_service(None)

    def choose_store(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a store"), "",
                                              self.tr("StyleRec stores (*.sqlite *.db)"))
        if path:
            self.open_store_path(Path(path))

    def choose_new_demo(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New demo store"), "demo.sqlite",
                                              self.tr("StyleRec stores (*.sqlite)"))
        if path:
            if Path(path).exists():
                self.error(self.tr("Could not create the demo store"),
                           StyleRecError(self.tr("%1 already exists; choose a new file name.")
                                         .replace("%1", path)))
                return
            self.create_demo(Path(path))

    # -- profiles --------------------------------------------------------------------------------

    def start_profiling(self) -> Job | None:
        """Build product then shopper profiles on the inference thread (incremental)."""
        if self.service is None:
            self.error(self.tr("Cannot build profiles"),
                       StyleRecError(self.tr("Open or create a store first.")))
            return None
        store, engines = self.service.store, self.engines
        ray = self.prefs.ray_address.strip() or None
        job = self.jobs.submit(
            self.tr("Build profiles on Ray (%1)").replace("%1", ray) if ray
            else self.tr("Build profiles"),
            lambda progress, cancel: build_profiles(store, engines, progress=progress,
                                                    cancel=cancel, ray=ray),
            inference=True)
        job.finished.connect(lambda _r: self._after_profiling(job))
        return job

    def _after_profiling(self, job: Job) -> None:
        self.refresh()
        if job.state == "failed":
            self.error(self.tr("Building profiles failed"), job.error, job.error_details)
            return
        report = job.result
        if report is None:
            return
        self._show_device(report)
        if report.device_notice:
            self.statusBar().showMessage(report.device_notice, 15000)
        self.profiles_finished.emit(report)

    def _show_device(self, report) -> None:
        self.device_report = report
        if report.device:
            self.device_label.setText(self.tr("Models on %1").replace("%1", report.device))
        if report.device_notice:
            self.device_label.setText(self.device_label.text() + " ⚠")
            self.device_label.setToolTip(report.device_notice)

    def carry_state_from(self, old: MainWindow) -> None:
        """After a rebuild in another language: the old window's job history, device label
        and page choices and results, so that nothing is lost (no job is running then)."""
        for job in old.jobs.jobs:
            job.setParent(self.jobs)
            self.jobs.jobs.append(job)
            self.jobs_panel.add_job(job)
        old.jobs.jobs = []
        if getattr(old, "device_report", None) is not None:
            self._show_device(old.device_report)
        self.recommendations.restore(old.recommendations.snapshot())
        self.evaluation.restore(old.evaluation.snapshot())

    _carried: tuple = (None, None)  # the product and shopper last carried between areas

    def _carry_selection(self, row: int) -> None:
        """The product selected in the Catalog and the shopper open in Shoppers follow into
        the Studio (Ctrl+3) and Recommendations (Ctrl+4) — when they changed since the
        last time, so a choice made in the Studio itself is not overwritten."""
        page = self.pages.widget(row)
        detail = self.catalog.detail.detail
        product = detail.summary if detail is not None else None
        view = self.shoppers.card.view
        shopper = view.shopper.external_id if view is not None else None
        last_product, last_shopper = self._carried
        if page is self.studio:
            if product is not None and product.id != last_product:
                self.studio.set_product(product)
            if shopper and shopper != last_shopper:
                self.studio.set_shopper(shopper)
        elif page is self.recommendations:
            if shopper and shopper != last_shopper:
                self.recommendations.shopper.setText(shopper)
        else:
            return
        self._carried = (product.id if product else last_product, shopper or last_shopper)

    def show_area(self, page) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def _open_shopper(self, shopper_id: int) -> None:
        self.shopper_tabs.setCurrentWidget(self.shoppers)
        self.shoppers.select_shopper(shopper_id)

    def show_product(self, product) -> None:
        self.nav.setCurrentRow(0)
        self.catalog.show_product(product.id)

    # -- status ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.catalog.reload()
        self.shoppers.refresh()
        if self.catalog.detail.detail is not None:
            self.catalog.show_product(self.catalog.detail.detail.summary.id)
        self.update_stats()

    def update_stats(self) -> None:
        if self.service is None:
            self.stats_label.setText("")
            return
        service = self.service

        def show(stats) -> None:
            self.last_stats = stats
            text = self.tr("%1 products · %2 shoppers · %3 events")
            text = (text.replace("%1", f"{stats.products:,}").replace("%2", f"{stats.shoppers:,}")
                    .replace("%3", f"{stats.interactions:,}"))
            if stats.flagged_images:
                text += " · " + self.tr("%1 photos need attention").replace(
                    "%1", f"{stats.flagged_images:,}")
            self.stats_label.setText(text)

        run_async(service.stats, self._stats_latest.wrap(show))

    def describe_job(self, job: Job) -> str:
        stages = {
            "start": self.tr("Starting…"), "products": self.tr("Importing products"),
            "shoppers": self.tr("Importing shoppers"), "events": self.tr("Importing events"),
            "reviews": self.tr("Importing reviews"),
            "demo-images": self.tr("Rendering product photos"),
            "profiles-products": self.tr("Profiling products"),
            "profiles-shoppers": self.tr("Profiling shoppers"),
            "train-style": self.tr("Training"), "export": self.tr("Exporting"),
            "personas": self.tr("Grouping shoppers into personas"),
            "collection-export": self.tr("Exporting the approved images"),
        }
        if job.state in ("queued", "waiting"):
            return self.tr("Waiting for the running job to finish")
        if job.state == "done":
            return self.tr("Finished")
        if job.state == "cancelled":
            return self.tr("Cancelled — finished batches were kept; run it again to resume")
        if job.state == "failed":
            return self.tr("Failed: %1").replace("%1", str(job.error))
        if job.cancelling:
            return self.tr("Cancelling… (stops after the current batch; nothing partial is "
                           "kept)")
        p = job.progress
        if p is None:
            return self.tr("Starting…")
        text = stages.get(p.stage, p.message)
        if p.step in ("training", "") and p.model:
            text = self.tr("Training %1").replace("%1", p.model)
        elif p.step == "ranking":
            text = self.tr("Ranking test users with %1").replace("%1", p.model)
        elif p.step == "tuning":
            text = self.tr("Tuning %1 (setting %2)").replace("%1", p.model).replace(
                "%2", p.detail)
        if p.total:
            text += " — " + self.tr("%1 of %2").replace("%1", f"{p.done:,}").replace(
                "%2", f"{p.total:,}")
        eta = job.eta_seconds()
        if eta is not None:
            text += " — " + (self.tr("about %1 min left").replace("%1", str(round(eta / 60)))
                             if eta >= 90 else
                             self.tr("about %1 s left").replace("%1", str(max(1, round(eta)))))
        return text

    def _current_job(self) -> Job | None:
        running = [j for j in self.jobs.jobs if j.state == "running"]
        return running[-1] if running else None

    def _on_job_changed(self, _job: Job) -> None:
        job = self._current_job()
        for w in (self.job_label, self.job_progress, self.job_cancel):
            w.setVisible(job is not None)
        if job is None:
            return
        self.job_label.setText(f"{job.title}: {self.describe_job(job)}")
        p = job.progress
        if p is not None and p.total:
            self.job_progress.setRange(0, 1000)
            self.job_progress.setValue(int(1000 * (p.fraction or 0)))
        else:
            self.job_progress.setRange(0, 0)

    def _cancel_current_job(self) -> None:
        job = self._current_job()
        if job is not None:
            job.cancel()

    # -- messages --------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        active = self.jobs.active_jobs()
        if active:
            answer = QMessageBox.question(
                self, self.tr("Jobs are running"),
                self.tr("%1 job(s) are still running. Cancel them and quit? Finished batches "
                        "are kept.").replace("%1", str(len(active))))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.jobs.shutdown()
        if self.service is not None:
            self.service.store.close()
        event.accept()


def _short_path(path: Path) -> str:
    """A store's path as people write it: ~ for the home folder."""
    try:
        return "~/" + path.resolve().relative_to(Path.home().resolve()).as_posix()
    except ValueError:
        return str(path)
