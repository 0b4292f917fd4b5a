"""Copy every row of one store into another (a store file into a new team store, or back).

For moving a workstation's store onto the team's PostgreSQL server (`stylerec team push`)
and for a local copy of a team store. Rows go table by table in dependency order, in
chunks, inside one transaction of the target: a failed or cancelled copy leaves the target
as empty as it was. Row ids are kept (events, profiles and saved models refer to them),
so PostgreSQL's id sequences are moved past the copied ids at the end.
"""

from __future__ import annotations

import shutil

from sqlalchemy import func, select, text

from stylerec_app.domain.errors import StoreError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.storage import orm
from stylerec_app.storage.database import Store

CHUNK = 20_000
_SKIP = {"store_meta"}  # the target's own (its media folder); vector stamps are re-made


def copy_store(source: Store, target: Store, progress: ProgressSink | None = None,
               cancel: CancelToken | None = None) -> dict[str, int]:
    """{table: rows copied}. The target must hold no products, shoppers or events."""
    with target.read() as session:
        if session.scalar(select(func.count()).select_from(orm.Product)) or \
                session.scalar(select(func.count()).select_from(orm.Interaction)):
            raise StoreError(code="store.copy_target_not_empty", path=target.label)
    tables = [t for t in orm.Base.metadata.sorted_tables if t.name not in _SKIP]
    with source.read() as src:
        totals = {t.name: src.scalar(select(func.count()).select_from(t)) or 0 for t in tables}
    done, copied = 0, {}
    with target.write() as dst, source.read() as src:
        for table in tables:
            copied[table.name] = 0
            result = src.execute(select(table).order_by(*table.primary_key.columns)
                                 .execution_options(yield_per=CHUNK))
            for rows in result.partitions(CHUNK):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                dst.execute(table.insert(), [dict(r._mapping) for r in rows])
                copied[table.name] += len(rows)
                done += len(rows)
                if progress is not None:
                    progress(Progress(done, sum(totals.values()), "copy", detail=table.name))
        for vectors in ("product", "shopper"):
            dst.merge(orm.StoreMeta(key=f"vectors:{vectors}", value=f"copied-{done}"))
        if target.postgres:
            for table in tables:
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and pk[0].autoincrement is not False and \
                        pk[0].type.python_type is int and not pk[0].foreign_keys:
                    dst.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'),"
                        f" coalesce((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"))
    _copy_media(source, target)
    return copied


def _copy_media(source: Store, target: Store) -> None:
    """Trained models and style checkpoints go along; vector sidecars are rebuilt."""
    if not source.media_dir.is_dir():
        return
    for entry in source.media_dir.iterdir():
        if entry.name == "vectors":
            continue
        dest = target.media_dir / entry.name
        if entry.is_dir():
            shutil.copytree(entry, dest, dirs_exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(entry, dest)
