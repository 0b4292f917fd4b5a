"""Bulk loads (indexes dropped, built once at the end) keep every guarantee of the row path:
identical events stay distinct and are found again, and a killed load is repaired."""

import sqlite3

import pytest

from stylerec_app.domain.errors import Cancelled, ImportFormatError
from stylerec_app.domain.progress import CancelToken
from stylerec_app.services.importing import GenericSource, import_generic, reading, writers
from stylerec_app.storage.database import BULK_LOCK, lock_for, open_store
from tests.helpers import append_lines, write_csv

EVENTS = 240


@pytest.fixture
def small_bulk(monkeypatch):
    """Bulk thresholds low enough for files of a few hundred lines."""
    monkeypatch.setattr(writers, "BULK_EVENTS", 50)
    monkeypatch.setattr(writers, "BULK_PRODUCTS", 10)


def _catalog(tmp_path):
    write_csv(tmp_path / "products.csv", ["sku", "title", "category"],
              [[f"P{i}", f"Shirt {i}", "Tops"] for i in range(30)])
    rows = []
    for n in range(EVENTS):  # every fourth line repeats an earlier one exactly
        seed = n - 3 if n % 4 == 3 else n
        rows.append([f"u{seed % 7}", f"P{seed % 30}", ["view", "cart", "purchase"][seed % 3],
                     f"2024-05-{1 + seed % 20:02d} 10:00:00"])
    write_csv(tmp_path / "events.csv", ["shopper", "product", "kind", "time"], rows)
    return GenericSource(products=tmp_path / "products.csv", events=tmp_path / "events.csv")


def _facts(path):
    conn = sqlite3.connect(path)
    try:
        return {
            "events": conn.execute("SELECT count(*) FROM interactions").fetchone()[0],
            "keys": conn.execute("SELECT count(DISTINCT event_key) FROM interactions"
                                 ).fetchone()[0],
            "indexes": {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index'")},
            "stats": conn.execute("SELECT sum(views), sum(carts), sum(purchases) "
                                  "FROM product_stats").fetchone(),
            "counted": conn.execute("SELECT sum(kind = 0), sum(kind = 2), sum(kind = 3) "
                                    "FROM interactions").fetchone(),
        }
    finally:
        conn.close()


def test_a_bulk_load_keys_repeats_as_the_row_path_does(small_bulk, tmp_path):
    source = _catalog(tmp_path)
    store = open_store(tmp_path / "s.sqlite", create=True)
    report = import_generic(store, source, batch_size=40)
    assert report.counts["events"].new == EVENTS
    facts = _facts(store.path)
    assert facts["events"] == facts["keys"] == EVENTS
    assert "ux_interactions_event_key" in facts["indexes"]
    assert facts["stats"] == facts["counted"]
    # a changed file goes through the row path (keys checked one by one): it must find
    # every event of the bulk load, repeats included, and add only the new line
    append_lines(source.events, ["u1,P1,view,2024-06-01 10:00:00"])
    again = import_generic(store, source, batch_size=40)
    assert (again.counts["events"].new, again.counts["events"].unchanged) == (1, EVENTS)
    assert _facts(store.path)["stats"] == _facts(store.path)["counted"]
    store.close()


def test_a_load_stopped_half_way_is_repaired_when_the_store_is_next_opened(small_bulk,
                                                                           tmp_path):
    source = _catalog(tmp_path)
    store = open_store(tmp_path / "s.sqlite", create=True)
    cancel = CancelToken()

    def stop_after_some_events(progress):
        if progress.stage == "events" and progress.done > 30 + 120:
            cancel.cancel()

    with pytest.raises(Cancelled) as caught:
        import_generic(store, source, batch_size=40, progress=stop_after_some_events,
                       cancel=cancel)
    assert caught.value.report.status == "cancelled"
    store.close()
    half = _facts(store.path)
    assert 0 < half["events"] < EVENTS and "ux_interactions_event_key" not in half["indexes"]

    with lock_for(store.path, BULK_LOCK):  # another load running: nothing is touched
        open_store(store.path).close()
    assert "ux_interactions_event_key" not in _facts(store.path)["indexes"]

    store = open_store(store.path)  # no load running: index, repeats and counts repaired
    repaired = _facts(store.path)
    assert "ux_interactions_event_key" in repaired["indexes"]
    assert repaired["keys"] == repaired["events"] == half["events"]
    assert repaired["stats"] == repaired["counted"]
    resumed = import_generic(store, source, batch_size=40)
    assert resumed.counts["events"].new + resumed.counts["events"].unchanged == EVENTS
    final = _facts(store.path)
    assert final["events"] == final["keys"] == EVENTS and final["stats"] == final["counted"]
    store.close()


def _messy_catalog(tmp_path):
    tmp_path.mkdir()
    write_csv(tmp_path / "products.csv", ["sku", "title", "price"],
              [["P1", "Shirt", "10"], ["P2", "Skirt", "12,5"], ["", "No id", "3"],
               ["P1", "Shirt again", "11"], ["P3", "Scarf", ""]])
    write_csv(tmp_path / "events.csv", ["shopper", "product", "kind", "time"], [
        ["u1", "P1", "view", "2024-05-01 10:00:00"], ["u1", "ZZ", "view", "2024-05-01"],
        ["u2", "P3", "wishlist", "2024-05-01"], ["u2", "P3", "cart", "not a date"],
        ["u2", "P3", "cart", "2024-05-02"], ["u1", "P1", "view", "2024-05-01 10:00:00"]])
    return GenericSource(products=tmp_path / "products.csv", events=tmp_path / "events.csv")


def _outcome(report):
    return ({k: vars(v) for k, v in report.counts.items()},
            sorted((i.file, i.line, i.code) for i in report.issues))


def test_a_helper_process_reads_exactly_what_this_process_would(monkeypatch, tmp_path):
    here = import_generic(open_store(tmp_path / "a.sqlite", create=True),
                          _messy_catalog(tmp_path / "a"))
    monkeypatch.setattr(reading, "HELPER_MIN_LINES", 0)  # every file through a helper
    helped = import_generic(open_store(tmp_path / "b.sqlite", create=True),
                            _messy_catalog(tmp_path / "b"))
    assert _outcome(helped) == _outcome(here)
    assert len(here.errors) == 6 and here.counts["events"].new == 3


def test_a_whole_file_problem_found_by_the_helper_reaches_the_user(monkeypatch, tmp_path):
    monkeypatch.setattr(reading, "HELPER_MIN_LINES", 0)
    write_csv(tmp_path / "products.csv", ["sku", "title"], [["P1", "Shirt"]])
    write_csv(tmp_path / "events.csv", ["shopper", "when"], [["u1", "2024-05-01"]])
    store = open_store(tmp_path / "s.sqlite", create=True)
    with pytest.raises(ImportFormatError) as caught:
        import_generic(store, GenericSource(products=tmp_path / "products.csv",
                                            events=tmp_path / "events.csv"))
    assert caught.value.code == "file.no_column" and "product" in str(caught.value)


def test_shoppers_first_named_by_events_are_created_once_across_batches(monkeypatch, tmp_path):
    monkeypatch.setattr(reading, "HELPER_MIN_LINES", 0)  # ids mapped in the helper
    source = _catalog(tmp_path)
    write_csv(tmp_path / "shoppers.csv", ["shopper_id", "segment"],
              [[f"u{i}", "a"] for i in range(3)])  # u3..u6 appear only in the events
    source.shoppers = tmp_path / "shoppers.csv"
    report = import_generic(open_store(tmp_path / "s.sqlite", create=True), source,
                            batch_size=20)
    assert report.counts["shoppers"].new == 7 and not report.errors
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    stored = sorted(conn.execute(
        "SELECT s.external_id, p.external_id, count(*) FROM interactions i "
        "JOIN shoppers s ON s.id = i.shopper_id JOIN products p ON p.id = i.product_id "
        "GROUP BY 1, 2").fetchall())
    conn.close()
    expected: dict[tuple[str, str], int] = {}
    for n in range(EVENTS):
        seed = n - 3 if n % 4 == 3 else n
        pair = (f"u{seed % 7}", f"P{seed % 30}")
        expected[pair] = expected.get(pair, 0) + 1
    assert stored == sorted((s, p, c) for (s, p), c in expected.items())
