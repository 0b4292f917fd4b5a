"""Errors a user can read: every message says what happened and what to do."""


class StyleRecError(Exception):
    """Base for errors shown to users as a message, never as a traceback."""


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
