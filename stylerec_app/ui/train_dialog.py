"""Train a new style: pick pictures and a name, watch samples and losses as it learns."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from stylerec_app.services.styling import TrainConfig
from stylerec_app.ui.messages import Messages
from stylerec_app.ui.style_studio import ImagePane
from stylerec_app.ui.thumbnails import to_qimage


class SampleRelay(QObject):
    """Carries training samples from the worker thread to the dialog."""

    sample = Signal(int, object, object)  # step, QImage, loss record

    def __call__(self, step, image, record) -> None:
        self.sample.emit(step, to_qimage(image), record)


class TrainStyleDialog(QDialog):
    start_requested = Signal(list, str, object, bool)  # pictures, name, TrainConfig, resume

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Train a new style"))
        self.resize(620, 560)
        self.pictures: list[str] = []
        self.relay = SampleRelay()
        self.relay.sample.connect(self.show_sample)
        self.job = None
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Summer campaign"))
        self.pick = QPushButton(self.tr("Choose style pictures…"))
        self.pick.clicked.connect(self._choose)
        self.picked = QLabel(self.tr("No pictures chosen"))
        self.picked.setWordWrap(True)
        self.steps = QSpinBox()
        self.steps.setRange(10, 5000)
        self.steps.setValue(300)
        self.size_box = QComboBox()
        for size in (128, 256, 384):
            self.size_box.addItem(f"{size} px", size)
        self.size_box.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.pick, self.picked)
        form.addRow(self.tr("Training steps"), self.steps)
        form.addRow(self.tr("Training size"), self.size_box)
        self.sample_view = ImagePane(self.tr("Samples appear here while it trains"))
        self.losses = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.start = QPushButton(self.tr("Start training"))
        self.start.clicked.connect(self._start)
        self.stop = QPushButton(self.tr("Stop (resume later)"))
        self.stop.setEnabled(False)
        # Shown when a checkpoint of this name cannot be used: training again replaces it.
        self.start_over = QPushButton(self.tr("Start over"))
        self.start_over.hide()
        self.start_over.clicked.connect(lambda: self._start(resume=False))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.stop)
        row.addWidget(self.start_over)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sample_view, 1)
        layout.addWidget(self.losses)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def _choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Style pictures"), "",
                                                self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        if files:
            self.set_pictures(files)

    def set_pictures(self, files: list[str]) -> None:
        self.pictures = list(files)
        self.picked.setText(", ".join(p.rsplit("/", 1)[-1] for p in files))

    def config(self) -> TrainConfig:
        return TrainConfig(size=self.size_box.currentData(), steps=self.steps.value())

    def _start(self, resume: bool = True) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Give the new style a name."))
            return
        if not self.pictures:
            self.error.setText(self.tr("Choose at least one style picture."))
            return
        self.error.clear()
        self.start_over.hide()
        self.start_requested.emit(self.pictures, self.name.text().strip(), self.config(), resume)

    def attach(self, job) -> None:
        """Follow a running training job: enable Stop, report the end."""
        self.job = job
        self.start.setEnabled(False)
        self.stop.setEnabled(True)
        self.stop.clicked.connect(job.cancel)
        job.changed.connect(self._on_job)

    def _on_job(self) -> None:
        job = self.job
        if job.progress is not None and job.progress.total:
            self.losses.setText(self.tr("Step %1 of %2").replace("%1", str(job.progress.done))
                                .replace("%2", str(job.progress.total)) + self._loss_text)
        if not job.active:
            self.start.setEnabled(True)
            self.stop.setEnabled(False)
            if job.state == "done":
                self.losses.setText(self.tr("Done: the style is saved and can be blended in the "
                                            "Style Studio.") + self._loss_text)
            elif job.state == "cancelled":
                self.losses.setText(self.tr("Stopped: start again with the same name to resume "
                                            "from the last checkpoint."))
            elif job.state == "failed":
                self.error.setText(Messages(self).error(job.error))
                self.start_over.setVisible(getattr(job.error, "code", "") ==
                                           "checkpoint.unreadable")

    _loss_text = ""

    def show_sample(self, step: int, image, record: dict) -> None:
        self.sample_view.set_image(image)
        self._loss_text = "  ·  " + self.tr("style loss %1, content loss %2").replace(
            "%1", f"{record['style']:.2f}").replace("%2", f"{record['content']:.2f}")
        self.sample_view.setToolTip(self.tr("Sample after step %1").replace("%1", str(step)))
        self.sample_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
