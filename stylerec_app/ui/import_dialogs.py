"""Import dialogs: choose a generic catalog's files, and read an import's report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.imports import ERROR, ImportReport
from stylerec_app.services.importing import GenericSource
from stylerec_app.ui.messages import Messages


def discover_generic(folder: Path) -> GenericSource | None:
    """A dropped folder with products.csv/.jsonl (and friends) as a generic source."""
    def first(*names: str) -> Path | None:
        return next((folder / n for n in names if (folder / n).is_file()), None)

    products = first("products.csv", "products.jsonl", "products.json")
    if products is None:
        return None
    images = folder / "images"
    return GenericSource(products=products, images=images if images.is_dir() else None,
                         shoppers=first("shoppers.csv", "customers.csv"),
                         events=first("events.csv", "interactions.csv"),
                         reviews=first("reviews.csv"))


class _PathField(QWidget):
    def __init__(self, directory: bool, file_filter: str = "", parent=None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.file_filter = file_filter
        self.edit = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        if self.directory:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), "",
                                                  self.file_filter)
        if path:
            self.edit.setText(path)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class GenericImportDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a catalog"))
        self.setMinimumWidth(560)
        table_filter = self.tr("Tables (*.csv *.jsonl *.json)")
        self.products = _PathField(False, table_filter)
        self.images = _PathField(True)
        self.shoppers = _PathField(False, table_filter)
        self.events = _PathField(False, table_filter)
        self.reviews = _PathField(False, table_filter)
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("Detect (UTF-8 or GBK)"), None)
        self.encoding.addItem("UTF-8", "utf-8-sig")
        self.encoding.addItem("GBK / GB18030", "gb18030")
        self.decimal = QComboBox()
        self.decimal.addItem(self.tr("Point (12.50)"), "point")
        self.decimal.addItem(self.tr("Comma (12,50)"), "comma")
        self.decimal.setToolTip(self.tr("How prices and values write decimals. A number that "
                                        "could be read either way is rejected, never guessed."))
        form = QFormLayout()
        form.addRow(self.tr("Products (required)"), self.products)
        form.addRow(self.tr("Photos folder"), self.images)
        form.addRow(self.tr("Shoppers"), self.shoppers)
        form.addRow(self.tr("Events"), self.events)
        form.addRow(self.tr("Reviews"), self.reviews)
        form.addRow(self.tr("Text encoding"), self.encoding)
        form.addRow(self.tr("Decimal mark"), self.decimal)
        hint = QLabel(self.tr("Columns are matched by name (id/sku, title/name, price, "
                              "category, colour, image…). See the README for the full list."))
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if self.products.path() is None:
            self.error.setText(self.tr("Choose the products file."))
            return
        self.accept()

    def source(self) -> GenericSource:
        return GenericSource(products=self.products.path(), images=self.images.path(),
                             shoppers=self.shoppers.path(), events=self.events.path(),
                             reviews=self.reviews.path(), encoding=self.encoding.currentData(),
                             decimal=self.decimal.currentData())


class ImportReportDialog(QDialog):
    """Counts per kind of row, then every rejected or flagged row with file, line and reason."""

    def __init__(self, report: ImportReport, parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self.messages = Messages(self)
        self.setWindowTitle(self.tr("Import report"))
        self.resize(760, 520)
        status = {"completed": self.tr("completed"), "cancelled": self.tr("cancelled"),
                  "failed": self.tr("failed")}.get(report.status, report.status)
        headline = QLabel(self.tr("Import from %1: %2").replace("%1", report.location)
                          .replace("%2", status))
        headline.setWordWrap(True)
        headline.setStyleSheet("font-weight: 600")
        entity_names = {"products": self.tr("Products"), "shoppers": self.tr("Shoppers"),
                        "events": self.tr("Events"), "reviews": self.tr("Reviews")}
        self.counts = QTableWidget(len(report.counts), 5)
        self.counts.setHorizontalHeaderLabels([self.tr("Rows"), self.tr("New"), self.tr("Updated"),
                                               self.tr("Unchanged"), self.tr("Rejected")])
        for row, (entity, c) in enumerate(report.counts.items()):
            values = [entity_names.get(entity, entity), c.new, c.updated, c.unchanged, c.rejected]
            for col, value in enumerate(values):
                self.counts.setItem(row, col, QTableWidgetItem(
                    f"{value:,}" if isinstance(value, int) else value))
        self._tidy(self.counts)
        self.counts.setFixedHeight(34 + 28 * max(1, len(report.counts)))
        if report.errors:
            text = self.tr("%1 rows rejected, %2 warnings. Good rows were imported; fix the "
                           "rows below in the source files and import again.")
        elif report.warnings:
            text = self.tr("Every row was imported; %2 of them have warnings (for example a "
                           "photo that could not be used), listed below.")
        else:
            text = self.tr("Every row was imported, with nothing to fix.")
        summary = QLabel(text.replace("%1", str(len(report.errors)))
                         .replace("%2", str(len(report.warnings))))
        summary.setWordWrap(True)
        shown = report.issues[:5000]
        self.issues = QTableWidget(len(shown), 4)
        self.issues.setHorizontalHeaderLabels([self.tr("Severity"), self.tr("File"),
                                               self.tr("Line"), self.tr("Reason")])
        for row, issue in enumerate(shown):
            severity = self.tr("rejected") if issue.severity == ERROR else self.tr("warning")
            reason = self.messages.text(issue.code, issue.args)
            for col, value in enumerate((severity, issue.file, str(issue.line), reason)):
                self.issues.setItem(row, col, QTableWidgetItem(value))
        self._tidy(self.issues)
        self.issues.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        save = QPushButton(self.tr("Save as CSV…"))
        save.clicked.connect(self._save)
        save.setEnabled(bool(report.issues))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(self.counts)
        layout.addWidget(summary)
        layout.addWidget(self.issues, 1)
        layout.addWidget(buttons)
        self.issues.setVisible(bool(report.issues))

    @staticmethod
    def _tidy(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save import report"),
                                              "import-report.csv", self.tr("CSV (*.csv)"))
        if path:
            self.report.write_csv(Path(path))


def new_store_path(stores: Path, name: str) -> Path:
    """A store file named after the imported folder, not yet taken (hm.sqlite, hm-2.sqlite…)."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "store"
    path, n = stores / f"{stem}.sqlite", 2
    while path.exists():
        path, n = stores / f"{stem}-{n}.sqlite", n + 1
    return path


class ImportTargetDialog(QDialog):
    """Where an import goes: a new store named after the folder (the default: real data and
    the demo never mix by accident) or the store that is open."""

    def __init__(self, folder_name: str, open_store: Path | None, new_path: Path,
                 parent=None) -> None:
        from PySide6.QtWidgets import QRadioButton

        super().__init__(parent)
        self.setWindowTitle(self.tr("Import %1 into…").replace("%1", folder_name))
        self.setMinimumWidth(520)
        self.new = QRadioButton(self.tr("A new store (recommended)"))
        self.name = QLineEdit(new_path.name)
        self.folder = new_path.parent
        self.into_open = QRadioButton(self.tr("The open store: %1").replace(
            "%1", open_store.name if open_store else "—"))
        self.into_open.setEnabled(open_store is not None)
        self.new.setChecked(True)
        self.new.toggled.connect(self.name.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        row = QHBoxLayout()
        row.addSpacing(24)
        row.addWidget(QLabel(self.tr("File name")))
        row.addWidget(self.name, 1)
        layout.addLayout(row)
        layout.addWidget(self.into_open)
        note = QLabel(self.tr("New stores are kept in %1.").replace("%1", str(self.folder)))
        note.setStyleSheet("color: #666")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def target(self) -> Path | None:
        """The new store's path, or None for the open store."""
        if self.into_open.isChecked():
            return None
        name = self.name.text().strip() or "store"
        return self.folder / (name if name.endswith(".sqlite") else f"{name}.sqlite")
