"""Saving and restoring what a user chose in a page's input widgets."""

from __future__ import annotations


def widget_values(owner, names) -> dict:
    """The user's choices in the named input widgets of `owner` (combo data, texts,
    numbers, checks, dates): what a rebuilt window restores (language switch)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit

    out = {}
    for name in names:
        w = getattr(owner, name)
        if isinstance(w, QComboBox):
            out[name] = ("combo", w.currentData(), w.currentIndex())
        elif isinstance(w, QLineEdit):
            out[name] = ("text", w.text())
        elif isinstance(w, QAbstractButton):
            out[name] = ("check", w.isChecked())
        elif isinstance(w, QDateEdit):
            out[name] = ("date", w.date())
        else:  # spin boxes
            out[name] = ("value", w.value())
    return out


def set_widget_values(owner, values: dict) -> None:
    """Put saved choices back, in the order they were read (later ones win)."""
    for name, (kind, *value) in values.items():
        w = getattr(owner, name)
        if kind == "combo":
            index = w.findData(value[0]) if value[0] is not None else value[1]
            w.setCurrentIndex(index if index >= 0 else value[1])
        elif kind == "text":
            w.setText(value[0])
        elif kind == "check":
            w.setChecked(value[0])
        elif kind == "date":
            w.setDate(value[0])
        else:
            w.setValue(value[0])
