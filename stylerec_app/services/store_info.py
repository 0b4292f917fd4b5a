"""A short, human description of a store (CLI `info`, Help → debug info)."""

from __future__ import annotations

from stylerec_app.storage import catalog_repo
from stylerec_app.storage.database import Store, head_revision


def describe_store(store: Store) -> list[str]:
    with store.read() as session:
        stats = catalog_repo.store_stats(session)
        seed = catalog_repo.get_meta(session, "demo_seed")
        runs = catalog_repo.recent_runs(session, 5)
    lines = [
        f"Store: {store.label}" + (" (team store on PostgreSQL)" if store.postgres else ""),
        *([f"Media folder: {store.media_dir}"] if store.postgres else []),
        f"Schema: {head_revision()}" + (f" (demo store, seed {seed})" if seed else ""),
        f"Products: {stats.products} ({stats.flagged_images} with a missing or corrupt photo)",
        f"Shoppers: {stats.shoppers}",
        f"Events: {stats.interactions}",
        f"Reviews: {stats.reviews}",
    ]
    if runs:
        lines.append("Recent imports:")
        lines += [f"  #{r.id} {r.started_at:%Y-%m-%d %H:%M} {r.source:<8} {r.status:<11} "
                  f"{r.location}" for r in runs]
    return lines
