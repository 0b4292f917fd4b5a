"""The one clock of the data path: event times as days since 2000-01-01 (floats)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

EPOCH = datetime(2000, 1, 1)


def day_number(value: str | date) -> float:
    """A calendar date (YYYY-MM-DD or a date) as a day number."""
    when = value if isinstance(value, date) else datetime.strptime(value, "%Y-%m-%d").date()
    return float((when - EPOCH.date()).days)


def day_label(day: float) -> str:
    return (EPOCH + timedelta(days=float(day))).strftime("%Y-%m-%d")
