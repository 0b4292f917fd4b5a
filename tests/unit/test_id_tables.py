"""Event ids are mapped to store ids by a C hash table where the file is read."""

import pickle

from stylerec_app.services.importing.events import IdTable


def test_ids_map_to_store_ids_and_unknown_ids_to_minus_one():
    table = IdTable({"P1": 10, "P2": 20, "条纹": 30})
    assert table.lookup(["P2", "nope", "条纹", "P1", ""]).tolist() == [20, -1, 30, 10, -1]
    assert IdTable({}).lookup(["P1"]).tolist() == [-1]
    assert table.lookup([]).tolist() == []


def test_a_table_crosses_to_a_helper_process_and_is_rebuilt_there():
    table = IdTable({"P1": 10, "P2": 20})
    table.lookup(["P1"])  # built here: the C table itself is not picklable
    copy = pickle.loads(pickle.dumps(table))
    assert copy.lookup(["P2", "P3"]).tolist() == [20, -1]


def test_an_id_that_is_not_utf8_encodable_falls_back_to_a_dict():
    stored = IdTable({"ok": 1, "bad\udcff": 2})  # a lone surrogate in the store
    assert stored.lookup(["bad\udcff", "ok", "x"]).tolist() == [2, 1, -1]
    asked = IdTable({"ok": 1})
    assert asked.lookup(["ok"]).tolist() == [1]
    assert asked.lookup(["odd\udcff", "ok"]).tolist() == [-1, 1]  # the question has one
