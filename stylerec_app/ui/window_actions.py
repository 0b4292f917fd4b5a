"""Main-window actions around the Style Studio and the recommenders (a mixin: keeps
main_window.py about navigation, stores, imports and status)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import Progress
from stylerec_app.services.personas import build_personas
from stylerec_app.services.recommendation import models as rec_models
from stylerec_app.services.recommendation.registry import REGISTRY
from stylerec_app.services.styling import save_image_atomically
from stylerec_app.ui.jobs import Job
from stylerec_app.ui.train_dialog import TrainStyleDialog
from stylerec_app.ui.train_models_dialog import TrainModelsDialog


class StudioActions:
    """Expects: self.jobs, self.service, self.styles, self.preview_worker, self.studio,
    self.recommendations, self.engines, self.nav, self.error()."""

    def restyle_product(self, product) -> None:
        self.show_area(self.studio)
        self.studio.set_product(product)

    def restyle_for_shopper(self, external_id: str) -> None:
        """A shopper's id, or "Persona: name" (the persona's blend)."""
        self.show_area(self.studio)
        self.studio.set_shopper(external_id)

    def build_personas(self, k: int | None = None) -> Job | None:
        if self.service is None:
            return None
        store = self.service.store
        job = self.jobs.submit(self.tr("Build personas"),
                               lambda progress, cancel: build_personas(
                                   store, k, progress=progress, cancel=cancel))
        job.finished.connect(lambda _r: self._after_personas(job))
        return job

    def _after_personas(self, job: Job) -> None:
        if job.state == "failed":
            self.error(self.tr("Could not build personas"), job.error, job.error_details)
        self.personas.refresh()
        self.collections.refresh()

    def export_collection(self, name: str, folder: Path) -> Job | None:
        """The approved images and their manifest, as a cancellable job (nothing partial)."""
        service, engines = self.collections.service, self.engines
        job = self.jobs.submit(
            self.tr("Export collection %1").replace("%1", name),
            lambda progress, cancel: service.export(name, folder, engines.stylizer,
                                                    progress=progress, cancel=cancel),
            writes_store=False, inference=True)
        job.finished.connect(lambda _r: self._after_collection_export(job))
        return job

    def _after_collection_export(self, job: Job) -> None:
        if job.state == "failed":
            self.error(self.tr("The export failed"), job.error, job.error_details)
        elif job.state == "done":
            report = job.result
            text = (self.tr("Exported %1 images with manifest.csv and manifest.json to %2")
                    .replace("%1", str(report.files)).replace("%2", str(report.folder)))
            if report.skipped:  # e.g. a style deleted since: said, not silently dropped
                product, _persona, why = report.skipped[0]
                text += " · " + self.tr("%1 skipped (%2: %3)").replace(
                    "%1", str(len(report.skipped))).replace("%2", product).replace("%3", why)
            self.statusBar().showMessage(text, 30000)

    def add_catalog_results(self, name: str, personas: list) -> None:
        """The Catalog's current search and filters, into a collection."""
        self.collections.add_search(self.catalog.current_filter(), personas)

    def export_restyled(self, spec, target) -> Job | None:
        """One image (target = [product id, path]) or the catalog's current listing."""
        if self.styles is None:
            return None
        styles, engines = self.styles, self.engines
        if target is not None:
            product, path = target

            def one(progress, cancel):
                image = engines.stylizer.render(styles.product_photo(product), spec)
                return [save_image_atomically(image, Path(path))]

            return self.jobs.submit(self.tr("Export %1").replace("%1", product), one,
                                    writes_store=False, inference=True)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export restyled products to"))
        if not folder:
            return None
        return self.export_listing(spec, Path(folder))

    def export_listing(self, spec, folder: Path, limit: int = 500) -> Job:
        products = [p.external_id for p in self.catalog.model.items
                    if p.image_status == "ok"][:limit]
        styles, engines = self.styles, self.engines
        return self.jobs.submit(
            self.tr("Export %1 restyled products").replace("%1", str(len(products))),
            lambda progress, cancel: styles.export(engines.stylizer, products, spec, folder,
                                                   progress=progress, cancel=cancel),
            writes_store=False, inference=True)

    def open_training(self) -> TrainStyleDialog:
        dialog = TrainStyleDialog(self)
        dialog.start_requested.connect(
            lambda pictures, name, config, resume: self.start_training(dialog, pictures, name,
                                                                       config, resume))
        dialog.open()
        self._train_dialog = dialog
        return dialog

    def start_training(self, dialog, pictures, name, config, resume: bool = True) -> Job | None:
        if self.service is None:
            return None
        store, engines = self.service.store, self.engines

        def train(progress, cancel):
            # torch is imported here, on the inference thread, never at the window's start
            from stylerec_app.services.style_training import train_style

            return train_style(store, [Path(p) for p in pictures], name, engines,
                               config=config, progress=progress, cancel=cancel,
                               preview=dialog.relay, resume=resume)

        job = self.jobs.submit(self.tr("Train style %1").replace("%1", name), train,
                               inference=True)
        dialog.attach(job)
        job.finished.connect(lambda _r: self._resync_styles())
        return job

    def choose_picture_style(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("A picture to use as a style"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        if not path:
            return
        name, ok = QInputDialog.getText(self, self.tr("Name the style"), self.tr("Style name"),
                                        text=Path(path).stem)
        if ok and name.strip():
            self.add_picture_style(Path(path), name.strip())

    def add_picture_style(self, picture: Path, name: str) -> Job | None:
        if self.styles is None:
            return None
        styles, engines = self.styles, self.engines
        job = self.jobs.submit(
            self.tr("Add style %1").replace("%1", name),
            lambda progress, cancel: styles.add_picture_style(engines.stylizer, name, picture),
            inference=True)
        job.finished.connect(lambda _r: self._after_style_job(job))
        return job

    def _after_style_job(self, job: Job) -> None:
        if job.state == "failed":
            self.error(self.tr("Could not add the style"), job.error, job.error_details)
        self._resync_styles()

    def _resync_styles(self) -> None:
        if self.styles is not None:
            self.preview_worker.sync_requested.emit(self.styles)

    def _studio_for(self, product, shopper: str) -> None:
        self.restyle_product(product)
        if shopper:
            self.studio.set_shopper(shopper)

    def run_evaluation(self, config, published=None) -> Job:
        """An offline evaluation as a job on the inference thread (it trains models)."""
        from stylerec_app.services.evaluation_runs.runner import evaluate_to_report

        settings, engines, data_dir = self.settings, self.engines, self.evaluation.data_dir

        def work(progress, cancel):
            report = evaluate_to_report(config, cache_dir=settings.cache_dir, data_dir=data_dir,
                                        engines=engines, published=published,
                                        progress=progress, cancel=cancel)
            return self.evaluation.render(report, settings.reports_dir)

        job = self.jobs.submit(self.tr("Evaluate recommenders"), work, writes_store=False,
                               inference=True)

        def finished(result) -> None:
            if job.state == "done":
                self.evaluation.show_report(result)
            elif job.state == "cancelled":
                self.evaluation.run_failed(self.tr("cancelled"))
            else:
                self.evaluation.run_failed(str(job.error))

        job.finished.connect(finished)
        return job

    def show_recommendations_for(self, shopper: str) -> None:
        self.recommendations.show_for(shopper)
        self.nav.setCurrentRow(self.pages.indexOf(self.recommendations))

    def ask_train_recommenders(self) -> TrainModelsDialog | None:
        """Train models…: a dialog to pick the models (with their expected time)."""
        if self.service is None:
            return None
        stats = getattr(self, "last_stats", None)
        dialog = TrainModelsDialog(stats.interactions if stats else 0,
                                   bool(stats and stats.profiled), self)
        dialog.accepted.connect(lambda: dialog.chosen() and self.train_recommenders(
            dialog.chosen()))
        dialog.open()
        self._train_models_dialog = dialog
        return dialog

    def train_recommenders(self, names=None) -> Job | None:
        """Train (or retrain after new events) the recommenders as one job."""
        if self.service is None:
            return None
        store, engines = self.service.store, self.engines
        names = list(names or REGISTRY.served_names())

        def work(progress, cancel):
            done = []
            for n, name in enumerate(names):
                cancel.raise_if_cancelled()
                progress(Progress(n, len(names), "train", model=name))
                try:
                    done.append(rec_models.train_and_save(store, name, engines=engines,
                                                          cancel=cancel).name)
                except StyleRecError as exc:
                    if not REGISTRY.get(name).needs_images:
                        raise
                    done.append(f"{name}: {exc}")
            progress(Progress(len(names), len(names), "train"))
            return done

        job = self.jobs.submit(self.tr("Train recommenders"), work, inference=True)
        job.finished.connect(lambda _r: self.recommendations.refresh())
        return job
