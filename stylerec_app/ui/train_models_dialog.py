"""Train models…: pick which recommenders to train, each with what it is and how long it takes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
)

from stylerec_app.services.recommendation.registry import REGISTRY

# Rough training time on two CPU cores per million events (measured on the demo store and
# the H&M sample): (seconds per million events, fixed seconds).
COST = {"pop": (1, 0), "itemknn": (20, 0), "family-rule": (20, 0), "als": (40, 1),
        "bpr": (60, 1), "vbpr": (600, 10), "content": (10, 1), "hybrid": (900, 60),
        "ranker": (600, 10)}
# What a first training picks: fast, strong, needs no photos.
DEFAULT = ("pop", "itemknn", "family-rule", "als", "ranker")


def expected_seconds(name: str, events: int) -> float:
    per_million, fixed = COST.get(name, (20, 0))
    return fixed + per_million * events / 1e6


class TrainModelsDialog(QDialog):
    """`chosen()` are the models ticked; those that need photos are off without profiles."""

    def __init__(self, events: int, has_profiles: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Train recommenders"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the models to train on this store's %1 events. Each "
                               "is saved with the store; training runs in the background.")
                       .replace("%1", f"{events:,}"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for spec in REGISTRY.specs():
            if not spec.served:
                continue
            box = QCheckBox(f"{spec.name} — {spec.summary} ({self._duration(spec.name, events)})")
            box.setChecked(spec.name in DEFAULT)
            if spec.needs_images and not has_profiles:
                box.setChecked(False)
                box.setEnabled(False)
                box.setToolTip(self.tr("Needs product profiles: Profiles → Build Profiles."))
            self.boxes[spec.name] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Train"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _duration(self, name: str, events: int) -> str:
        seconds = expected_seconds(name, events)
        if seconds < 60:
            return self.tr("under a minute")
        return self.tr("about %1 min").replace("%1", str(round(seconds / 60)))

    def chosen(self) -> list[str]:
        return [n for n, b in self.boxes.items() if b.isChecked() and b.isEnabled()]
