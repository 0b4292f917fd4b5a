"""The first-run screen: what the demo store is and how to bring in real data."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class FirstRunDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to StyleRec"))
        self.setMinimumWidth(520)
        self.demo = QLabel(self._demo_text(ready=False))
        self.demo.setWordWrap(True)
        steps = [
            self.tr("<b>Bring your own data</b>: File → Import H&amp;M Folder… (Ctrl+I) for the "
                    "H&amp;M layout, or File → Import Catalog Files… (Ctrl+Shift+I) for CSV or "
                    "JSON Lines products, photos, shoppers and events. You can also drop a "
                    "folder on the window. Bad rows are reported, good rows still import."),
            self.tr("<b>Then</b>: Profiles → Build Profiles (Ctrl+P) reads photos and texts; "
                    "Style Studio restyles products; Recommendations ranks products for each "
                    "shopper; Evaluation compares the recommenders offline."),
        ]
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        for text in steps:
            label = QLabel(text)
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _demo_text(self, ready: bool) -> str:
        what = self.tr("StyleRec opened a <b>demo store</b>: 336 generated products with "
                       "photos and 300 simulated shoppers, so every area has something to show.")
        when = (self.tr("It is ready.") if ready else
                self.tr("It is being created now; watch the status bar."))
        return f"{what} {when}"

    def demo_ready(self, *_args) -> None:
        self.demo.setText(self._demo_text(ready=True))

    @classmethod
    def show_once(cls, parent) -> FirstRunDialog:
        dialog = cls(parent)
        parent.catalog.loaded.connect(dialog.demo_ready)  # says so once the store is there
        dialog.open()
        parent.prefs.welcome_shown = True
        parent.settings.save_preferences(parent.prefs)
        parent._first_run_dialog = dialog
        return dialog
