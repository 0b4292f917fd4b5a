"""Saved styles (named): arrays stored as .npz bytes."""

from __future__ import annotations

import io

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.storage import orm


def pack(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def unpack(blob: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(blob)) as data:
        return {k: data[k] for k in data.files}


def save_style(session: Session, name: str, kind: str, arrays: dict, meta: dict,
               replace: bool = False) -> None:
    existing = session.scalar(select(orm.Style).where(orm.Style.name == name))
    if existing is not None and not replace:
        raise StyleRecError(f"A style named {name!r} already exists; choose another name.")
    if existing is not None:
        session.delete(existing)
        session.flush()
    session.add(orm.Style(name=name, kind=kind, payload=pack(arrays), meta=meta))


def list_styles(session: Session) -> list[tuple[str, str, dict, dict]]:
    """[(name, kind, arrays, meta)] in creation order."""
    return [(s.name, s.kind, unpack(s.payload), dict(s.meta or {}))
            for s in session.scalars(select(orm.Style).order_by(orm.Style.id))]


def delete_style(session: Session, name: str) -> bool:
    style = session.scalar(select(orm.Style).where(orm.Style.name == name))
    if style is None:
        return False
    session.delete(style)
    return True
