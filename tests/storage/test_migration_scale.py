"""Upgrading a store written before the catalog-scale schema (revision 0004 → head)."""

from __future__ import annotations

import sqlite3

from alembic import command

from stylerec_app.services.importing import GenericSource, import_generic
from stylerec_app.storage import database
from stylerec_app.storage.database import open_store
from tests.helpers import write_csv

EVENTS = [["u1", "A1", "view", "", "2024-05-01T10:00:00"],
          ["u1", "A1", "purchase", "9.5", "2024-05-01T10:05:00"],
          ["u1", "A1", "purchase", "9.5", "2024-05-01T10:05:00"],  # two of them, bought at once
          ["u2", "B2", "cart", "", "2024-05-02T08:00:00"]]


def _old_store(path):
    """A store at revision 0004 holding what the old importer wrote: text times and kinds,
    hex event keys, attributes with the family and the stock flag."""
    cfg = database.alembic_config()
    engine = database.make_engine(path, immediate=True)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    engine.dispose()
    conn = sqlite3.connect(path)
    with conn:
        for pid, ext, attrs in ((1, "A1", '{"item_group_id": "G1", "in_stock": "no"}'),
                                (2, "B2", '{"product_code": "0108775"}')):
            conn.execute("INSERT INTO products (id, external_id, title, description, category, "
                         "colour, attributes, image_status, content_hash, created_at, "
                         "updated_at) VALUES (?, ?, 'T', '', 'Dress', '', ?, 'none', 'x', "
                         "'2024-01-01 00:00:00.000000', '2024-01-01 00:00:00.000000')",
                         (pid, ext, attrs))
        for sid, ext in ((1, "u1"), (2, "u2")):
            conn.execute("INSERT INTO shoppers (id, external_id, attributes, content_hash, "
                         "created_at) VALUES (?, ?, '{}', 'x', '2024-01-01 00:00:00.000000')",
                         (sid, ext))
        for n, (s, p, kind, value, stamp) in enumerate(EVENTS):
            conn.execute("INSERT INTO interactions (event_key, shopper_id, product_id, kind, "
                         "value, timestamp, channel) VALUES (?, ?, ?, ?, ?, ?, '')",
                         (f"{n:040x}", int(s[1]), 1 if p == "A1" else 2, kind,
                          float(value) if value else None, stamp.replace("T", " ") + ".000000"))
    conn.close()


def test_old_events_keep_their_meaning_and_a_reimport_finds_them(tmp_path):
    path = tmp_path / "old.sqlite"
    _old_store(path)
    store = open_store(path)
    assert store.backup_path is not None
    with sqlite3.connect(path) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM interactions ORDER BY id")]
        stamps = [r[0] for r in conn.execute("SELECT timestamp FROM interactions ORDER BY id")]
        groups = dict(conn.execute("SELECT external_id, group_id FROM products"))
        stock = dict(conn.execute("SELECT external_id, in_stock FROM products"))
        stats = conn.execute("SELECT views, carts, purchases FROM product_stats "
                             "WHERE product_id = 1").fetchone()
        assert conn.execute("SELECT count(DISTINCT event_key) FROM interactions").fetchone()[0] \
            == 4
    assert kinds == [0, 3, 3, 2] and stamps[0] == 1714557600  # 2024-05-01T10:00:00Z
    assert groups == {"A1": "G1", "B2": "0108775"} and stock == {"A1": 0, "B2": None}
    assert stats == (1, 0, 2)
    write_csv(tmp_path / "p.csv", ["sku", "title", "category"], [["A1", "T", "Dress"],
                                                                 ["B2", "T", "Dress"]])
    write_csv(tmp_path / "e.csv", ["user_id", "product_id", "event", "value", "timestamp"],
              EVENTS)
    report = import_generic(store, GenericSource(products=tmp_path / "p.csv",
                                                 events=tmp_path / "e.csv"))
    assert report.counts["events"].new == 0 and report.counts["events"].unchanged == 4
    store.close()
