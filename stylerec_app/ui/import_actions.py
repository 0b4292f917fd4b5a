"""The window's import actions: choose a folder or files, ask which store they go into,
run the import as a job, show its report; dropped folders too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.services.importing import GenericSource, import_generic, import_hm, looks_like_hm
from stylerec_app.services.stores import open_store
from stylerec_app.ui.import_dialogs import (
    GenericImportDialog,
    ImportReportDialog,
    ImportTargetDialog,
    discover_generic,
    new_store_path,
)
from stylerec_app.ui.jobs import Job


class ImportActions:
    """Mixed into MainWindow (uses its jobs, service, settings and error())."""

    def choose_hm_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose an H&M-layout folder"))
        if folder:
            self.ask_where(Path(folder).name,
                           lambda target: self.start_hm_import(Path(folder), target))

    def choose_generic(self) -> None:
        dialog = GenericImportDialog(self)
        if dialog.exec():
            source = dialog.source()
            self.ask_where(source.products.parent.name,
                           lambda target: self.start_generic_import(source, target))

    ask_before_import = True  # tests that import into the open store turn it off

    def ask_where(self, name: str, go) -> ImportTargetDialog | None:
        """Into a new store named after the folder (default) or the open one; `go(target)`
        runs the import (target None: the open store)."""
        stores = self.settings.data_dir / "stores"
        if not self.ask_before_import:
            go(None if self.service is not None else new_store_path(stores, name))
            return None
        dialog = ImportTargetDialog(name, self.service.path if self.service else None,
                                    new_store_path(stores, name), self)
        dialog.accepted.connect(lambda: go(dialog.target()))
        dialog.open()
        self._import_target_dialog = dialog
        return dialog

    def start_hm_import(self, folder: Path, target: Path | None = None) -> Job | None:
        return self._start_import(self.tr("Import %1").replace("%1", folder.name),
                                  lambda store, p, c: import_hm(store, folder, progress=p,
                                                                cancel=c), target)

    def start_generic_import(self, source: GenericSource, target: Path | None = None
                             ) -> Job | None:
        return self._start_import(self.tr("Import %1").replace("%1", source.products.name),
                                  lambda store, p, c: import_generic(store, source, progress=p,
                                                                     cancel=c), target)

    def _start_import(self, title: str, run, target: Path | None = None) -> Job | None:
        """Into the open store, or into a new store at `target` that opens when it is done."""
        if target is not None:
            def into_new(progress, cancel):
                target.parent.mkdir(parents=True, exist_ok=True)
                store = open_store(target, create=True)
                try:
                    return run(store, progress, cancel)
                finally:
                    store.close()

            job = self.jobs.submit(title, into_new)
            job.finished.connect(lambda _r: (self.open_store_path(target),
                                             self._after_import(job, refresh=False)))
            return job
        if self.service is None:
            self.error(self.tr("Cannot import"),
                       StyleRecError(self.tr("Open or create a store first.")))
            return None
        store = self.service.store
        job = self.jobs.submit(title, lambda progress, cancel: run(store, progress, cancel))
        job.finished.connect(lambda _r: self._after_import(job))
        return job

    def _after_import(self, job: Job, refresh: bool = True) -> None:
        """The report; `refresh` the open store's views (not when the import went into a
        new store, which opens instead)."""
        report = job.result if job.state == "done" else getattr(job.error, "report", None)
        if refresh:
            self.refresh()
        if job.state == "failed":
            self.error(self.tr("The import failed"), job.error, job.error_details)
        if report is not None:
            self.last_report = report
            self.import_finished.emit(report)
            if self.show_reports:
                ImportReportDialog(report, self).open()

    def show_last_report(self) -> None:
        if self.last_report is None:
            QMessageBox.information(self, self.tr("Import report"),
                                    self.tr("No import has run in this session yet."))
            return
        ImportReportDialog(self.last_report, self).open()

    # -- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and Path(u.toLocalFile()).is_dir() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        for url in event.mimeData().urls():
            self.import_folder(Path(url.toLocalFile()))
        event.acceptProposedAction()

    def import_folder(self, folder: Path):
        """A dropped folder: asks where it goes, then imports it (returns the job when it
        goes straight into the open store)."""
        jobs: list[Job | None] = []
        if looks_like_hm(folder):
            self.ask_where(folder.name, lambda t: jobs.append(self.start_hm_import(folder, t)))
            return jobs[0] if jobs else None
        source = discover_generic(folder)
        if source is not None:
            self.ask_where(folder.name,
                           lambda t: jobs.append(self.start_generic_import(source, t)))
            return jobs[0] if jobs else None
        self.error(self.tr("Not a catalog folder"), StyleRecError(
            self.tr("%1 has neither articles.csv (H&M layout) nor products.csv / "
                    "products.jsonl.").replace("%1", str(folder))))
        return None

