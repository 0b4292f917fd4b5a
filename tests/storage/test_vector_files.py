"""Vector sidecars: built from the embeddings table, memory-mapped, rebuilt when vectors change."""

import numpy as np

from stylerec_app.storage import profiles_repo, vector_files
from stylerec_app.storage.database import open_store


def _save(store, rows):
    with store.write() as s:
        profiles_repo.save_embeddings(s, "product", [
            (pid, "image", "m1", f"h{pid}", vec) for pid, vec in rows])


def test_a_sidecar_holds_every_vector_and_follows_each_write(tmp_path, monkeypatch):
    monkeypatch.setattr(vector_files, "CHUNK", 7)  # several chunks while writing
    store = open_store(tmp_path / "s.sqlite", create=True)
    rng = np.random.default_rng(0)
    vectors = {pid: rng.standard_normal(16).astype(np.float32) for pid in range(1, 41)}
    _save(store, vectors.items())
    with store.read() as s:
        first = vector_files.load(s, store.path, "product", "image")
    assert isinstance(first.matrix, np.memmap) and first.path.is_file()
    assert list(first.ids) == list(range(1, 41))
    assert np.array_equal(first.matrix, np.stack([vectors[p] for p in range(1, 41)]))
    with store.read() as s:  # nothing changed: the same file, not rebuilt
        again = vector_files.load(s, store.path, "product", "image")
    assert again.key == first.key and again.path == first.path

    _save(store, [(5, np.ones(16, np.float32))])  # one vector rewritten in place
    with store.read() as s:
        second = vector_files.load(s, store.path, "product", "image")
    assert second.key != first.key and np.array_equal(second.matrix[4], np.ones(16))
    assert not first.path.exists()  # the stale version is gone
    leftovers = [p.name for p in vector_files.vectors_dir(store.path).iterdir()]
    assert sorted(leftovers) == sorted([second.path.name, second.path.name[:-4] + ".ids.npy"])
    with store.read() as s:
        assert len(vector_files.load(s, store.path, "product", "text").ids) == 0
    store.close()


def test_read_only_media_decodes_in_memory(tmp_path, monkeypatch):
    store = open_store(tmp_path / "s.sqlite", create=True)
    _save(store, [(1, np.arange(4, dtype=np.float32))])

    def refuse(*_args):
        raise PermissionError("read-only")

    monkeypatch.setattr(vector_files, "_write", refuse)
    with store.read() as s:
        found = vector_files.load(s, store.path, "product", "image")
    assert found.path is None and np.array_equal(found.matrix[0], np.arange(4))
    store.close()
