"""Similar-product search: exact below the threshold, faiss IVF above it, same answers."""

import numpy as np

from stylerec_app.services.profiles import vector_index
from stylerec_app.services.profiles.vector_index import VectorIndex


def _clustered(n, dim, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((64, dim)).astype(np.float32)
    x = centres[rng.integers(0, 64, n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_exact_search_is_the_cosine_ranking_and_skips_excluded(monkeypatch):
    monkeypatch.setattr(vector_index, "BLOCK", 100)  # several blocks
    x = _clustered(1000, 32)
    ids = np.arange(1000) * 3 + 7
    index = VectorIndex(ids, x)
    assert not index.approximate
    hits = index.search(x[10], 20, exclude={int(ids[10])})
    want = np.argsort(-(x @ x[10]), kind="stable")
    want = [i for i in want if i != 10][:20]
    assert [h[0] for h in hits] == [int(ids[i]) for i in want]
    assert np.allclose([h[1] for h in hits], (x @ x[10])[want], atol=1e-5)


def test_ivf_above_the_threshold_finds_nearly_all_true_neighbours(tmp_path, monkeypatch):
    monkeypatch.setattr(vector_index, "ANN_MIN", 1000)
    x = _clustered(20000, 64, seed=1)
    ids = np.arange(20000, dtype=np.int64)
    sidecar = tmp_path / "product-image-k.npy"
    index = VectorIndex(ids, x, sidecar)
    assert index.approximate and sidecar.with_suffix(".ivf").is_file()  # saved for next time
    exact = VectorIndex.__new__(VectorIndex)
    exact.ids, exact.matrix, exact._ann = ids, x, None
    recalls = []
    for q in range(0, 20000, 1000):
        got = {h[0] for h in index.search(x[q], 100)}
        want = {h[0] for h in exact.search(x[q], 100)}
        recalls.append(len(got & want) / 100)
    assert np.mean(recalls) >= 0.95
    reloaded = VectorIndex(ids, x, sidecar)  # from the saved index: same answers
    assert reloaded.search(x[5], 10) == index.search(x[5], 10)
