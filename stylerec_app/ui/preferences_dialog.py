"""Preferences: device, language, theme, data folder, thumbnail cache, Ray cluster; applied
on OK."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from stylerec_app.services.preferences import Preferences
from stylerec_app.ui.translations import LANGUAGES


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, detected_device: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.prefs = prefs
        form = QFormLayout(self)
        self.device = QComboBox()
        self.device.addItem(self.tr("Automatic (GPU when available)"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        self.device.addItem(self.tr("GPU (CUDA)"), "cuda")
        self.device.setCurrentIndex(max(0, self.device.findData(prefs.device)))
        detected = QLabel(self.tr("Detected: %1").replace("%1", detected_device))
        detected.setStyleSheet("color: palette(mid);")
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.theme = QComboBox()
        for code, label in (("system", self.tr("System")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            self.theme.addItem(label, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.data_folder = QLineEdit(prefs.data_folder)
        self.data_folder.setPlaceholderText(self.tr("default user data folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data_folder, 1)
        row.addWidget(browse)
        self.cache = QSpinBox()
        self.cache.setRange(16, 8192)
        self.cache.setSuffix(" MB")
        self.cache.setValue(prefs.thumbnail_cache_mb)
        form.addRow(self.tr("Compute device"), self.device)
        form.addRow("", detected)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Data folder"), folder_row)
        form.addRow(self.tr("Thumbnail cache"), self.cache)
        self.ray = QLineEdit(prefs.ray_address)
        self.ray.setPlaceholderText(self.tr("empty: on this computer"))
        self.ray.setToolTip(self.tr("Build Profiles runs on this Ray cluster: “local” for Ray "
                                    "on this computer, or the head's address (host:6379)."))
        form.addRow(self.tr("Ray cluster"), self.ray)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"))
        if path:
            self.data_folder.setText(path)

    def result_preferences(self) -> Preferences:
        return replace(self.prefs, device=self.device.currentData(),
                       language=self.language.currentData(), theme=self.theme.currentData(),
                       data_folder=self.data_folder.text().strip(),
                       thumbnail_cache_mb=self.cache.value(),
                       recent_stores=list(self.prefs.recent_stores),
                       ray_address=self.ray.text().strip())
