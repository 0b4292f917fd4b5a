"""File → Open Team Store…: a PostgreSQL URL and its password, checked before it opens.

The password goes to the OS keyring when the user asks (keyring), else it is kept in
memory for this run only; it never reaches the preferences file, whose recent-stores list
holds the URL without it. "Test connection" runs in the background: a slow or unreachable
server never freezes the window.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from stylerec_app.services.preferences import Preferences
from stylerec_app.services.stores import (
    is_url,
    remember_for_session,
    safe_url,
    save_password,
)
from stylerec_app.ui.background import run_async
from stylerec_app.ui.messages import Messages


class TeamStoreDialog(QDialog):
    chosen = Signal(str)  # the URL to open (without its password)

    def __init__(self, prefs: Preferences, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open Team Store"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        intro = QLabel(self.tr("A store on your team's PostgreSQL server, shared by everyone "
                               "who opens it. Ask IT for its address."))
        intro.setWordWrap(True)
        form.addRow(intro)
        recent = next((p for p in prefs.recent_stores if is_url(p)), "")
        self.url = QLineEdit(recent)
        self.url.setPlaceholderText("postgresql://user@server:5432/stylerec")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("saved in the keyring, or none"))
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.remember.setChecked(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.test = QPushButton(self.tr("Test Connection"))
        self.test.clicked.connect(self.test_connection)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.test, self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._open)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.url.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        ok = is_url(self.url.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ok)
        self.test.setEnabled(ok)
        if self.url.text().strip() and not ok:
            self.status.setText(self.tr("The address starts with postgresql://"))
        else:
            self.status.setText("")

    def _apply_password(self) -> str:
        url = self.url.text().strip()
        password = self.password.text()
        if password:
            remember_for_session(url, password)
            if self.remember.isChecked() and not save_password(url, password):
                self.status.setText(self.tr("No system keyring here: the password is kept "
                                            "until StyleRec closes."))
        return safe_url(url)

    def test_connection(self) -> None:
        url = self._apply_password()
        self.status.setText(self.tr("Connecting…"))
        self.test.setEnabled(False)

        def check() -> str:
            from stylerec_app.services.stores import open_store

            open_store(url, create=True).close()
            return url

        run_async(check, self._tested, self._failed)

    def _tested(self, _url: str) -> None:
        self.test.setEnabled(True)
        self.status.setText(self.tr("Connected: the store is ready."))

    def _failed(self, exc: Exception) -> None:
        self.test.setEnabled(True)
        self.status.setText(Messages(self).error(exc))

    def _open(self) -> None:
        url = self._apply_password()  # a server with trust or .pgpass login needs none
        self.accept()
        self.chosen.emit(url)
