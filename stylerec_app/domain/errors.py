"""Errors a user can read: every message says what happened and what to do.

An error carries a message code and its arguments (see ``domain/messages.py``), so the
CLI words it in English and the UI in the user's language. Errors raised with plain
text keep working: their code is ``text``.
"""

from __future__ import annotations

from stylerec_app.domain.messages import Message, english


class StyleRecError(Exception):
    """Base for errors shown to users as a message, never as a traceback."""

    default_code = "text"

    def __init__(self, message: str | None = None, *, code: str | None = None, **params) -> None:
        if code is None and message is None:
            code = self.default_code
        self.code = code or "text"
        self.params = dict(params) if code else {"text": message or ""}
        super().__init__(english(self.code, self.params) if code else (message or ""))

    @property
    def message(self) -> Message:
        return Message(self.code, self.params)

    def __reduce__(self):
        """Pickled with code and arguments (an import's helper process raises these)."""
        return _rebuild, (type(self), self.code, self.params, str(self))


def _rebuild(cls, code: str, params: dict, text: str) -> StyleRecError:
    error = cls.__new__(cls)
    Exception.__init__(error, text)
    error.code, error.params = code, params
    return error


class Cancelled(StyleRecError):
    """A long job was cancelled by the user; work done so far was rolled back."""

    def __init__(self, message: str = "Cancelled by the user.") -> None:
        super().__init__(message)


class StoreError(StyleRecError):
    """The store cannot be opened or written."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer StyleRec; we refuse to touch it."""


class ImportFormatError(StyleRecError):
    """A whole input file is unusable (missing, unreadable, required column absent)."""


class ModelUnavailableError(StyleRecError):
    """Pretrained weights are not installed (or damaged); the message says what to install."""


class UsageError(StyleRecError):
    """A command-line option has a value that cannot work (the CLI exits with 2)."""
